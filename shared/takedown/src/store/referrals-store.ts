import type { Queryable } from '@hotline/platform';
import type { CaseReferral } from './case-types';
import { iso, isoOrNull, json, type Ts } from './rows';

// The SQL of `takedown_referrals`.

interface ReferralRow {
  id: string;
  case_id: string;
  kind: CaseReferral['kind'];
  name: string;
  country: string | null;
  channel: CaseReferral['channel'];
  address: string | null;
  reason: string;
  state: CaseReferral['state'];
  document: unknown;
  signature: string | null;
  key_id: string | null;
  error: string | null;
  created_at: Ts;
  sent_at: Ts | null;
}

const COLUMNS = 'id, case_id, kind, name, country, channel, address, reason, state, document, signature, key_id, error, created_at, sent_at';

export interface StoredReferral extends CaseReferral {
  caseId: string;
  document: Record<string, unknown> | null;
  signature: string | null;
}

function toReferral(r: ReferralRow): StoredReferral {
  return {
    id: r.id,
    caseId: r.case_id,
    kind: r.kind,
    name: r.name,
    country: r.country,
    channel: r.channel,
    address: r.address,
    reason: r.reason,
    state: r.state,
    document: r.document === null ? null : json<Record<string, unknown>>(r.document),
    signature: r.signature,
    keyId: r.key_id,
    error: r.error,
    createdAt: iso(r.created_at),
    sentAt: isoOrNull(r.sent_at),
  };
}

/** One referral per (case, recipient, reason): a repeated routing does not refer twice, a move to another country does. Null when it existed. */
export async function insertReferral(
  tx: Queryable,
  r: {
    id: string;
    caseId: string;
    kind: CaseReferral['kind'];
    name: string;
    country: string | null;
    channel: CaseReferral['channel'];
    address: string | null;
    reason: string;
    state: 'pending' | 'unroutable';
    document: Record<string, unknown>;
    signature: string;
    keyId: string;
    now: Date;
  },
): Promise<string | null> {
  const x = await tx.query<{ id: string }>(
    `INSERT INTO takedown_referrals (id, case_id, kind, name, country, channel, address, reason, state, document, signature, key_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (case_id, kind, name, reason) DO NOTHING RETURNING id`,
    [r.id, r.caseId, r.kind, r.name, r.country, r.channel, r.address, r.reason, r.state, JSON.stringify(r.document), r.signature, r.keyId, r.now],
  );
  return x.rows[0]?.id ?? null;
}

export async function getReferral(db: Queryable, id: string): Promise<StoredReferral | null> {
  const r = await db.query<ReferralRow>(`SELECT ${COLUMNS} FROM takedown_referrals WHERE id = $1`, [id]);
  return r.rows[0] ? toReferral(r.rows[0]) : null;
}

export async function markReferral(tx: Queryable, id: string, state: 'pending' | 'sent' | 'failed', error: string | null, now: Date): Promise<void> {
  await tx.query(`UPDATE takedown_referrals SET state = $2, error = $3, sent_at = CASE WHEN $2 = 'sent' THEN $4 ELSE sent_at END WHERE id = $1`, [
    id,
    state,
    error,
    now,
  ]);
}

export async function caseReferrals(db: Queryable, caseId: string): Promise<StoredReferral[]> {
  const r = await db.query<ReferralRow>(`SELECT ${COLUMNS} FROM takedown_referrals WHERE case_id = $1 ORDER BY created_at, id`, [caseId]);
  return r.rows.map(toReferral);
}
