import type { InhopeMember, ReferralSigningKey, RoutingRules, SendingWindow } from '@hotline/takedown';
import type { TakedownConfig, TakedownContext } from './config';

/** What the takedown steps share, built once at start-up: the rules, the signing key, the sending window. */
export interface TakedownDeps {
  cfg: TakedownConfig;
  rules: RoutingRules;
  members: InhopeMember[];
  signingKey: ReferralSigningKey;
  window: SendingWindow | null;
  holidays: string[];
}

export type { TakedownContext };
