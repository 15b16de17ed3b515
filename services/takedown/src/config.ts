import { configFields, type ConfigOf, type SecretsOf, type ServiceContext } from '@hotline/platform';
import { hashingConfig } from '@hotline/hashing';
import { hostingTraceConfig } from '@hotline/hosting-trace';
import { safeFetchConfig } from '@hotline/safe-fetch';
import { referralSigningKeySecret, takedownConfig as takedownRulesConfig } from '@hotline/takedown';

const { positiveInt, int } = configFields;

/** The schedule of a case: SCARt's and Arachnid's rhythm by default (check after 1 h, then daily; notice daily while served). */
export const takedownConfig = {
  ...safeFetchConfig,
  ...hashingConfig,
  ...hostingTraceConfig,
  ...takedownRulesConfig,
  /**
   * A notice waits this long after it became due (SCARt: the first about an hour after the decision), so that the
   * URLs an abuse address gets within that time travel in one mail, and a decision revised at once never reaches a
   * provider. Repeats and escalations wait the same; a round sends all of an address's waiting URLs once one is due.
   */
  TAKEDOWN_NOTICE_GATHER_MINUTES: int(0, 24 * 60).default(60),
  /** The first re-check of a confirmed URL, in minutes after it was routed. */
  TAKEDOWN_FIRST_CHECK_MINUTES: positiveInt.default(60),
  /** Re-checks after the first, in hours. */
  TAKEDOWN_CHECK_HOURS: positiveInt.default(24),
  /** A URL still served gets its next notice this many hours after the last one. */
  TAKEDOWN_RENOTICE_HOURS: positiveInt.default(24),
  /** After this many notices to the provider, the next go to the upstream network's abuse contact (or the police without one). */
  TAKEDOWN_ESCALATE_AFTER: int(1, 100).default(3),
  /** After this many notices in all, the case is also referred to the police. */
  TAKEDOWN_POLICE_AFTER: int(1, 100).default(5),
  /** Consecutive checks that do not find the content before its removal is recorded. */
  TAKEDOWN_REMOVED_AFTER: int(1, 20).default(2),
  /** How often the due notices are gathered and sent, one mail per abuse address. */
  TAKEDOWN_NOTICE_EVERY_SECONDS: positiveInt.default(60),
  /** At most this many URLs in one notice mail (the rest go in the next). */
  TAKEDOWN_MAX_URLS_PER_NOTICE: int(1, 500).default(100),
  /** A checked page yields at most this many images to compare. */
  TAKEDOWN_CHECK_MAX_IMAGES: int(1, 200).default(30),
  /** The largest PDQ distance at which a served image is still the confirmed one (the review's near-duplicate bound). */
  TAKEDOWN_PDQ_MAX_DISTANCE: int(0, 128).default(31),
};

export type TakedownConfig = ConfigOf<typeof takedownConfig>;

/** Referrals are signed with the hotline's Ed25519 key; the takedown service is its only holder. */
export const takedownSecrets = { signingKey: referralSigningKeySecret };

export type TakedownContext = ServiceContext<TakedownConfig, SecretsOf<typeof takedownSecrets>>;
