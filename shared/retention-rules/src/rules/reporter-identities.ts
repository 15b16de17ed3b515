import { destroyExpiredIdentities, findExpiredIdentities } from '@hotline/identity-vault';
import type { Queryable } from '@hotline/platform';
import type { RetentionRule } from '../rule';

const HOUR_MS = 3_600_000;

/**
 * Reporter identities, `maxHours` after receipt: the safety net beside chat-intake's own deadline job (one per
 * identity, scheduled on receipt), for an identity whose job was lost or never ran. The row, its wrapped key
 * and its blind-index entries go; `identity_deletions` records the opaque id with reason `deadline`.
 */
export function reporterIdentitiesRule(limits: { maxHours: number }): RetentionRule {
  const before = (now: Date) => new Date(now.getTime() - limits.maxHours * HOUR_MS);
  return {
    name: 'reporter_identities',
    action: 'destroy the sealed identity, its wrapped key and its blind-index entries (deletion recorded, reason deadline)',
    find: (db: Queryable, now: Date, limit?: number) => findExpiredIdentities(db, before(now), limit),
    apply: (tx: Queryable, ids: string[], now: Date) => destroyExpiredIdentities(tx, ids, before(now), now),
  };
}
