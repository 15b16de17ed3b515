import { createHash } from 'node:crypto';
import type { Classification, Queryable } from '@hotline/platform';
import type { CaseItem, CaseOrigin, CaseRoute, CaseState, CheckOutcome, NoticeWhen, TakedownCase } from './case-types';
import { bytesOrNull, hexOrNull, iso, isoOrNull, json, type Ts } from './rows';

// The SQL of `takedown_cases`, `takedown_case_items` and `takedown_events`.

interface CaseRow {
  id: string;
  url: string;
  state: CaseState;
  state_reason: string | null;
  origin: CaseOrigin;
  classification: unknown;
  report_id: string | null;
  content_id: string | null;
  first_reported_at: Ts;
  confirmed_at: Ts;
  trace: unknown;
  traced_at: Ts | null;
  country: string | null;
  asn: number | null;
  provider_name: string | null;
  abuse_email: string | null;
  route: CaseRoute | null;
  notice_when: NoticeWhen | null;
  notice_not_before: Ts | null;
  cleared_at: Ts | null;
  cleared_by: string | null;
  notices_sent: number;
  first_notice_at: Ts | null;
  last_notice_at: Ts | null;
  checks: number;
  consecutive_absent: number;
  last_check_at: Ts | null;
  last_check_outcome: CheckOutcome | null;
  removed_at: Ts | null;
  created_at: Ts;
  updated_at: Ts;
}

export const CASE_COLUMNS = `id, url, state, state_reason, origin, classification, report_id, content_id, first_reported_at, confirmed_at,
  trace, traced_at, country, asn, provider_name, abuse_email, route, notice_when, notice_not_before, cleared_at, cleared_by,
  notices_sent, first_notice_at, last_notice_at, checks, consecutive_absent, last_check_at, last_check_outcome, removed_at,
  created_at, updated_at`;

export function toCase(r: CaseRow): TakedownCase {
  return {
    id: r.id,
    url: r.url,
    state: r.state,
    stateReason: r.state_reason,
    origin: r.origin,
    classification: json<Classification>(r.classification),
    reportId: r.report_id,
    contentId: r.content_id,
    firstReportedAt: iso(r.first_reported_at),
    confirmedAt: iso(r.confirmed_at),
    trace: r.trace === null ? null : json<Record<string, unknown>>(r.trace),
    tracedAt: isoOrNull(r.traced_at),
    country: r.country,
    asn: r.asn,
    providerName: r.provider_name,
    abuseEmail: r.abuse_email,
    route: r.route,
    noticeWhen: r.notice_when,
    noticeNotBefore: isoOrNull(r.notice_not_before),
    clearedAt: isoOrNull(r.cleared_at),
    clearedBy: r.cleared_by,
    noticesSent: r.notices_sent,
    firstNoticeAt: isoOrNull(r.first_notice_at),
    lastNoticeAt: isoOrNull(r.last_notice_at),
    checks: r.checks,
    consecutiveAbsent: r.consecutive_absent,
    lastCheckAt: isoOrNull(r.last_check_at),
    lastCheckOutcome: r.last_check_outcome,
    removedAt: isoOrNull(r.removed_at),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export const urlKey = (url: string): Buffer => createHash('sha256').update(url).digest();

export interface OpenCaseInput {
  id: string;
  url: string;
  origin: CaseOrigin;
  classification: Classification;
  reportId: string | null;
  contentId: string | null;
  firstReportedAt: Date;
  confirmedAt: Date;
  now: Date;
}

/** The open case of this URL, created if there is none. `created` tells the caller to start its work. */
export async function openCase(tx: Queryable, c: OpenCaseInput): Promise<{ case: TakedownCase; created: boolean }> {
  const inserted = await tx.query<CaseRow>(
    `INSERT INTO takedown_cases (id, url, url_key, state, origin, classification, report_id, content_id, first_reported_at, confirmed_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'tracing', $4, $5, $6, $7, $8, $9, $10, $10)
     ON CONFLICT (url_key) WHERE state NOT IN ('removed', 'cancelled') DO NOTHING
     RETURNING ${CASE_COLUMNS}`,
    [c.id, c.url, urlKey(c.url), c.origin, JSON.stringify(c.classification), c.reportId, c.contentId, c.firstReportedAt, c.confirmedAt, c.now],
  );
  if (inserted.rows[0]) return { case: toCase(inserted.rows[0]), created: true };
  const existing = await tx.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM takedown_cases WHERE url_key = $1 AND state NOT IN ('removed', 'cancelled') FOR UPDATE`,
    [urlKey(c.url)],
  );
  const row = existing.rows[0];
  if (!row) throw new Error('takedown case neither inserted nor found'); // the partial unique index makes this impossible
  // An earlier report of the same URL counts from its own arrival: the statistics measure from the first report.
  if (new Date(row.first_reported_at) > c.firstReportedAt) {
    await tx.query('UPDATE takedown_cases SET first_reported_at = $2 WHERE id = $1', [row.id, c.firstReportedAt]);
    row.first_reported_at = c.firstReportedAt;
  }
  return { case: toCase(row), created: false };
}

export async function getCase(db: Queryable, id: string): Promise<TakedownCase | null> {
  const r = await db.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM takedown_cases WHERE id = $1`, [id]);
  return r.rows[0] ? toCase(r.rows[0]) : null;
}

/** The case, locked for the rest of the transaction: the steps of one case take turns. */
export async function lockCase(tx: Queryable, id: string): Promise<TakedownCase | null> {
  const r = await tx.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM takedown_cases WHERE id = $1 FOR UPDATE`, [id]);
  return r.rows[0] ? toCase(r.rows[0]) : null;
}

export interface CaseItemInput {
  itemId: string;
  decisionId: string | null;
  sha256: string | null;
  md5: string | null;
  sha1: string | null;
  pdq: string | null;
}

/** Adds (or re-activates) what the URL is expected to serve. True when it was not active before. */
export async function addCaseItem(tx: Queryable, caseId: string, i: CaseItemInput): Promise<boolean> {
  const r = await tx.query<{ case_id: string }>(
    `INSERT INTO takedown_case_items (case_id, item_id, decision_id, sha256, md5, sha1, pdq, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, true)
     ON CONFLICT (case_id, item_id) DO UPDATE SET decision_id = COALESCE(EXCLUDED.decision_id, takedown_case_items.decision_id), active = true
     WHERE NOT takedown_case_items.active OR takedown_case_items.decision_id IS DISTINCT FROM EXCLUDED.decision_id
     RETURNING case_id`,
    [caseId, i.itemId, i.decisionId, bytesOrNull(i.sha256), bytesOrNull(i.md5), bytesOrNull(i.sha1), bytesOrNull(i.pdq)],
  );
  return r.rows.length > 0;
}

export async function caseItems(db: Queryable, caseId: string): Promise<CaseItem[]> {
  const r = await db.query<{
    item_id: string;
    decision_id: string | null;
    sha256: Uint8Array | null;
    md5: Uint8Array | null;
    sha1: Uint8Array | null;
    pdq: Uint8Array | null;
    active: boolean;
  }>('SELECT item_id, decision_id::text, sha256, md5, sha1, pdq, active FROM takedown_case_items WHERE case_id = $1 ORDER BY item_id', [caseId]);
  return r.rows.map((x) => ({
    itemId: x.item_id,
    decisionId: x.decision_id,
    sha256: hexOrNull(x.sha256),
    md5: hexOrNull(x.md5),
    sha1: hexOrNull(x.sha1),
    pdq: hexOrNull(x.pdq),
    active: x.active,
  }));
}

/**
 * A revision to a verdict that is not illegal: the item no longer counts in any case. Returns the open cases left
 * with no active item (the caller cancels them).
 */
export async function deactivateItem(tx: Queryable, itemId: string, sha256: string | null = null): Promise<string[]> {
  // By SHA-256 too: a case opened by list policy holds the content (not yet a review item) under its content id, and
  // the review queue has one item per SHA-256, so the analyst's verdict on those bytes must reach it.
  const r = await tx.query<{ case_id: string }>(
    `UPDATE takedown_case_items i SET active = false FROM takedown_cases c
      WHERE (i.item_id = $1 OR ($2::bytea IS NOT NULL AND i.sha256 = $2)) AND i.active AND c.id = i.case_id AND c.state NOT IN ('removed', 'cancelled')
      RETURNING i.case_id`,
    [itemId, bytesOrNull(sha256)],
  );
  const orphaned: string[] = [];
  for (const { case_id } of r.rows) {
    const left = await tx.query('SELECT 1 FROM takedown_case_items WHERE case_id = $1 AND active LIMIT 1', [case_id]);
    if (left.rows.length === 0) orphaned.push(case_id);
  }
  return orphaned;
}

export async function setCaseState(tx: Queryable, id: string, state: CaseState, reason: string | null, now: Date): Promise<void> {
  await tx.query(
    `UPDATE takedown_cases SET state = $2, state_reason = $3, updated_at = $4,
       removed_at = CASE WHEN $2 = 'removed' THEN $4 ELSE removed_at END
     WHERE id = $1`,
    [id, state, reason, now],
  );
}

export interface TraceFields {
  trace: Record<string, unknown>;
  country: string | null;
  asn: number | null;
  providerName: string | null;
  abuseEmail: string | null;
}

export async function recordTrace(tx: Queryable, id: string, t: TraceFields, now: Date): Promise<void> {
  await tx.query(
    `UPDATE takedown_cases SET trace = $2, traced_at = $3, country = $4, asn = $5, provider_name = $6, abuse_email = $7, updated_at = $3 WHERE id = $1`,
    [id, JSON.stringify(t.trace), now, t.country, t.asn, t.providerName, t.abuseEmail],
  );
}

export async function recordRouting(
  tx: Queryable,
  id: string,
  r: { route: CaseRoute; noticeWhen: NoticeWhen; noticeNotBefore: Date | null; state: CaseState; reason: string | null },
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE takedown_cases SET route = $2, notice_when = $3, notice_not_before = $4, state = $5, state_reason = $6, updated_at = $7 WHERE id = $1`,
    [id, r.route, r.noticeWhen, r.noticeNotBefore, r.state, r.reason, now],
  );
}

/** Police (or whoever the hotline's rules name) cleared the notice: the provider may be told now. */
export async function recordClearance(tx: Queryable, id: string, by: string, now: Date): Promise<void> {
  await tx.query(`UPDATE takedown_cases SET cleared_at = $3, cleared_by = $2, state = 'active', state_reason = NULL, updated_at = $3 WHERE id = $1`, [
    id,
    by,
    now,
  ]);
}

export async function recordCheckOnCase(tx: Queryable, id: string, outcome: CheckOutcome, now: Date): Promise<void> {
  await tx.query(
    `UPDATE takedown_cases SET checks = checks + 1, last_check_at = $3, last_check_outcome = $2,
       consecutive_absent = CASE WHEN $2 = 'absent' THEN consecutive_absent + 1 WHEN $2 = 'present' THEN 0 ELSE consecutive_absent END,
       updated_at = $3
     WHERE id = $1`,
    [id, outcome, now],
  );
}

export async function recordNoticeOnCase(tx: Queryable, id: string, now: Date): Promise<void> {
  await tx.query(
    `UPDATE takedown_cases SET notices_sent = notices_sent + 1, first_notice_at = COALESCE(first_notice_at, $2), last_notice_at = $2, updated_at = $2 WHERE id = $1`,
    [id, now],
  );
}

export async function addEvent(tx: Queryable, caseId: string, kind: string, details: Record<string, unknown>, at: Date): Promise<void> {
  await tx.query('INSERT INTO takedown_events (case_id, at, kind, details) VALUES ($1, $2, $3, $4)', [caseId, at, kind, JSON.stringify(details)]);
}

export interface CaseListFilter {
  state?: CaseState;
  limit?: number;
  /** Keyset paging: cases updated before this id's update time. */
  offset?: number;
}

export async function listCases(db: Queryable, f: CaseListFilter = {}): Promise<TakedownCase[]> {
  const r = await db.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM takedown_cases WHERE ($1::text IS NULL OR state = $1) ORDER BY updated_at DESC, id LIMIT $2 OFFSET $3`,
    [f.state ?? null, Math.min(f.limit ?? 50, 500), f.offset ?? 0],
  );
  return r.rows.map(toCase);
}

export async function countCasesByState(db: Queryable): Promise<Record<CaseState, number>> {
  const r = await db.query<{ state: CaseState; n: string }>('SELECT state, count(*)::text AS n FROM takedown_cases GROUP BY state');
  const out: Record<CaseState, number> = { tracing: 0, held: 0, active: 0, needs_analyst: 0, removed: 0, cancelled: 0 };
  for (const x of r.rows) out[x.state] = Number(x.n);
  return out;
}
