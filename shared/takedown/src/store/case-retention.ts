import type { Queryable } from '@hotline/platform';

/** What an anonymised case's URL reads (the column cannot be empty; the statistics keep the case). */
export const ANONYMISED_CASE_URL = '(removed by retention)';

// $1 closed before.
const DUE = `c.state IN ('removed', 'cancelled') AND c.updated_at < $1 AND c.anonymised_at IS NULL`;

/** Closed cases (removed or cancelled) last changed before `before` and not yet anonymised, in a stable order. */
export async function closedCasesDue(db: Queryable, before: Date, limit?: number): Promise<string[]> {
  const r = await db.query<{ id: string }>(`SELECT c.id FROM takedown_cases c WHERE ${DUE} ORDER BY c.id LIMIT $2`, [before, limit ?? null]);
  return r.rows.map((x) => x.id);
}

/**
 * Drops what names a place or a person of a closed case — its URL, the trace (IP, contacts), the abuse address and
 * the referral documents (URL, trace) — and keeps what the statistics count: times, country, provider, counters.
 */
export async function anonymiseClosedCases(tx: Queryable, ids: string[], before: Date, now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const done = await tx.query<{ id: string }>(
    // url_key is the SHA-256 of the URL: anyone holding a candidate URL could confirm it, so it becomes one of the id.
    `UPDATE takedown_cases c SET url = $3, url_key = sha256(convert_to(c.id::text, 'UTF8')), trace = NULL, abuse_email = NULL, anonymised_at = $4
      WHERE c.id = ANY($2::uuid[]) AND ${DUE} RETURNING c.id`,
    [before, ids, ANONYMISED_CASE_URL, now],
  );
  const cases = done.rows.map((x) => x.id);
  if (cases.length === 0) return 0;
  await tx.query('UPDATE takedown_referrals SET document = NULL, address = NULL WHERE case_id = ANY($1::uuid[])', [cases]);
  // Timeline entries may name the hosting (IP, abuse address) and the checks' details the page: both go.
  await tx.query(`UPDATE takedown_events SET details = '{}' WHERE case_id = ANY($1::uuid[])`, [cases]);
  await tx.query('UPDATE takedown_checks SET detail = NULL WHERE case_id = ANY($1::uuid[])', [cases]);
  // The addresses the case's notices went to; a notice shared with a case still open keeps its own until that one goes.
  await tx.query(`UPDATE takedown_notice_items SET contact = '' WHERE case_id = ANY($1::uuid[])`, [cases]);
  await tx.query(
    `UPDATE takedown_notices n SET contact = '', rejected = NULL
      WHERE n.id IN (SELECT notice_id FROM takedown_notice_items WHERE case_id = ANY($1::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM takedown_notice_items o WHERE o.notice_id = n.id AND o.contact <> '')`,
    [cases],
  );
  return cases.length;
}
