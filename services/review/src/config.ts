import { accountsSecrets } from '@hotline/accounts';
import { configFields, contentKeySecret, type ConfigOf, type SecretsOf, type ServiceContext } from '@hotline/platform';
import { videoConfig } from '@hotline/hashing';
import { z } from 'zod';

export const reviewConfig = {
  REVIEW_HOST: z.string().default('127.0.0.1'),
  REVIEW_PORT: configFields.port.default(8081),
  /** Admin actions need the password and second factor re-entered within this many minutes. */
  REVIEW_REAUTH_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  /** A console session ends after this long without a request… */
  REVIEW_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** …and after this long in any case. */
  REVIEW_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  /** Open (unused, unexpired) passkey login challenges at most: anyone may ask for one, each is a row for 5 minutes. */
  REVIEW_LOGIN_CHALLENGES_MAX: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** The WebAuthn relying party: the console's host name (passkeys refuse IP addresses). */
  REVIEW_RP_ID: z.string().min(1).default('localhost'),
  /** The console's exact origin for passkeys, and Secure cookies when https; unset: http://localhost:<port>. */
  /** Frames of a video item's thumbnails are cut with it (the hasher's variable, Debian's `ffmpeg`). */
  FFMPEG_PATH: videoConfig.FFMPEG_PATH,
  /** Cutting one frame of a video for a thumbnail; ffmpeg's process group is killed after it (answered 422 decode_failed). */
  REVIEW_FRAME_TIMEOUT_SECONDS: configFields.int(1, 300).default(20),
  REVIEW_ORIGIN: configFields.optionalUrl.refine((u) => u === undefined || new URL(u).origin === u, 'must be an origin: scheme, host and port, no path'),
};

/**
 * The session cookie is Secure only when REVIEW_ORIGIN is https, so a review listening beyond loopback must be
 * told its origin: unset, the cookie would travel without Secure to whoever reaches the port.
 */
export function reviewConfigProblems(cfg: Pick<ConfigOf<typeof reviewConfig>, 'REVIEW_HOST' | 'REVIEW_ORIGIN'>): string[] {
  if (cfg.REVIEW_ORIGIN || isLoopback(cfg.REVIEW_HOST)) return [];
  return [
    `REVIEW_ORIGIN: must be set when REVIEW_HOST (${cfg.REVIEW_HOST}) is not a loopback address — the console's exact origin, https:// in production (the session cookie is Secure only then)`,
  ];
}

function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The accounts key (TOTP secrets at rest), and the content key: analysts view images, decrypted on the fly (thumbnails blurred, full images audited). */
export const reviewSecrets = { ...accountsSecrets, contentKey: contentKeySecret };

export type ReviewContext = ServiceContext<ConfigOf<typeof reviewConfig>, SecretsOf<typeof reviewSecrets>>;
