import type { InhopeMember } from './inhope-members';
import type { ReferralKind, ReferralReason } from './referral';

/** What routing needs of a hosting trace (the tracer's HostingTrace has more). */
export interface TraceForRouting {
  country: string | null;
  error: string | null;
}

export interface Contact {
  name: string;
  email?: string;
  url?: string;
}

export interface RoutingRules {
  /** ISO 3166-1 alpha-2, capitals. */
  homeCountry: string;
  domesticNotice: 'after_clearance' | 'after_hold';
  domesticHoldHours: number;
  inhopeNotice: 'now' | 'after_hold' | 'none';
  inhopeHoldHours: number;
  police: Contact | null;
  interpol: Contact | null;
  members: InhopeMember[];
}

export interface PlannedReferral {
  kind: ReferralKind;
  name: string;
  country?: string;
  /** http when an endpoint URL is known, else email when an address is, else none (by hand). */
  channel: 'http' | 'email' | 'none';
  address: string | null;
  reason: ReferralReason;
  /** For the analyst when the referral cannot go out by itself. */
  note: string | null;
}

export interface RoutingDecision {
  route: 'domestic' | 'inhope' | 'elsewhere' | 'unknown';
  referrals: PlannedReferral[];
  notice: { when: 'now' | 'after_clearance' | 'after_hold' | 'never'; holdHours?: number };
}

/**
 * Where a confirmed URL goes, by the country it is hosted in: at home to the police (the notice waits for their
 * clearance or a hold); in a country with an INHOPE member hotline to that hotline (the notice by policy); elsewhere
 * to Interpol or the police, with the notice now. Without a country (the trace failed) nothing is sent: an
 * analyst must look.
 */
export function routeCase(trace: TraceForRouting, rules: RoutingRules): RoutingDecision {
  const country = trace.error === null && trace.country ? trace.country.toUpperCase() : null;
  if (country === null) return { route: 'unknown', referrals: [], notice: { when: 'never' } };
  if (country === rules.homeCountry.toUpperCase()) {
    return {
      route: 'domestic',
      referrals: [contactReferral('police', rules.police, 'domestic')],
      notice: rules.domesticNotice === 'after_hold' ? { when: 'after_hold', holdHours: rules.domesticHoldHours } : { when: 'after_clearance' },
    };
  }
  const members = rules.members.filter((m) => m.country === country);
  if (members.length > 0) {
    // Germany, Italy and others have more than one member: the one our agreements give an endpoint for.
    const member = members.find((m) => m.referralUrl || m.referralEmail) ?? members[0]!;
    const channel = member.referralUrl ? 'http' : member.referralEmail ? 'email' : 'none';
    return {
      route: 'inhope',
      referrals: [
        {
          kind: 'inhope_member',
          name: member.hotline,
          country,
          channel,
          address: member.referralUrl ?? member.referralEmail ?? null,
          reason: 'inhope_country',
          note: channel === 'none' ? `no referral endpoint for ${member.hotline}: forward the report through ICCAM by hand` : null,
        },
      ],
      notice:
        rules.inhopeNotice === 'now'
          ? { when: 'now' }
          : rules.inhopeNotice === 'after_hold'
            ? { when: 'after_hold', holdHours: rules.inhopeHoldHours }
            : { when: 'never' },
    };
  }
  const referral = rules.interpol ? contactReferral('interpol', rules.interpol, 'no_hotline') : contactReferral('police', rules.police, 'no_hotline');
  return { route: 'elsewhere', referrals: [referral], notice: { when: 'now' } };
}

function contactReferral(kind: 'police' | 'interpol', contact: Contact | null, reason: ReferralReason): PlannedReferral {
  const channel = contact?.url ? 'http' : contact?.email ? 'email' : 'none';
  return {
    kind,
    name: contact?.name ?? kind,
    channel,
    address: contact?.url ?? contact?.email ?? null,
    reason,
    note:
      channel !== 'none'
        ? null
        : contact
          ? `no e-mail address or URL configured for ${contact.name}: refer by hand`
          : `no ${kind} contact configured (TAKEDOWN_${kind.toUpperCase()}_NAME/_EMAIL/_URL): refer by hand`,
  };
}
