import { NotFoundError, type Classification, type Queryable } from '@hotline/platform';
import type { ReviewKind, ReviewStatus } from './queue';

// The SQL of `review_decisions` and the decision-side columns of `review_items`.

export type DecisionStage = 'first' | 'second' | 'senior' | 'revision';

export interface DecisionInput extends Classification {
  note?: string;
}

export interface DecisionRow extends DecisionInput {
  id: string;
  itemId: string;
  stage: DecisionStage;
  decidedBy: string;
  bulkReportId: string | null;
  createdAt: string;
}

export interface LockedItem {
  id: string;
  kind: ReviewKind;
  status: ReviewStatus;
  claimedBy: string | null;
  leaseUntil: Date | null;
  contentId: string | null;
  url: string | null;
}

/** The item, locked for the rest of the transaction: decisions on one item take turns. */
export async function lockItem(tx: Queryable, itemId: string): Promise<LockedItem | null> {
  const r = await tx.query<{
    id: string;
    kind: ReviewKind;
    status: ReviewStatus;
    claimed_by: string | null;
    lease_until: Date | string | null;
    content_id: string | null;
    url: string | null;
  }>('SELECT id, kind, status, claimed_by, lease_until, content_id, url FROM review_items WHERE id = $1 FOR UPDATE', [itemId]);
  const x = r.rows[0];
  if (!x) return null;
  return {
    id: x.id,
    kind: x.kind,
    status: x.status,
    claimedBy: x.claimed_by,
    leaseUntil: x.lease_until ? new Date(x.lease_until) : null,
    contentId: x.content_id,
    url: x.url,
  };
}

/** What announcing a decision needs of its item. */
export async function itemHead(db: Queryable, itemId: string): Promise<{ kind: ReviewKind; contentId: string | null }> {
  const r = await db.query<{ kind: ReviewKind; content_id: string | null }>('SELECT kind, content_id FROM review_items WHERE id = $1', [itemId]);
  const x = r.rows[0];
  if (!x) throw new NotFoundError('No review item with that id.');
  return { kind: x.kind, contentId: x.content_id };
}

export async function insertDecision(
  tx: Queryable,
  d: DecisionInput & { itemId: string; stage: DecisionStage; decidedBy: string; bulkReportId: string | null; at: Date },
): Promise<DecisionRow> {
  const r = await tx.query<DbRow>(
    `INSERT INTO review_decisions (item_id, stage, verdict, iwf_category, industry, age_group, content_type, site_type, note, decided_by, bulk_report_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
    [
      d.itemId,
      d.stage,
      d.verdict,
      d.iwfCategory ?? null,
      d.industry ?? null,
      d.ageGroup ?? null,
      d.contentType ?? null,
      d.siteType ?? null,
      d.note ?? null,
      d.decidedBy,
      d.bulkReportId,
      d.at,
    ],
  );
  return toDecision(r.rows[0]!);
}

export async function listDecisions(db: Queryable, itemId: string): Promise<DecisionRow[]> {
  const r = await db.query<DbRow>(`SELECT ${COLUMNS} FROM review_decisions WHERE item_id = $1 ORDER BY id`, [itemId]);
  return r.rows.map(toDecision);
}

/** Moves the item on after a decision and lets go of its lease. */
export async function setItemStatus(tx: Queryable, itemId: string, status: ReviewStatus, at: Date): Promise<void> {
  await tx.query(
    `UPDATE review_items SET status = $2, claimed_by = NULL, lease_until = NULL, decided_at = CASE WHEN $2 = 'decided' THEN $3::timestamptz END WHERE id = $1`,
    [itemId, status, at],
  );
}

/** The item's effective decision: the latest revision, else the senior's, else the second, else the first. */
export function finalDecision(ds: DecisionRow[]): DecisionRow | undefined {
  return (
    ds.filter((d) => d.stage === 'revision').at(-1) ??
    ds.find((d) => d.stage === 'senior') ??
    ds.find((d) => d.stage === 'second') ??
    ds.find((d) => d.stage === 'first')
  );
}

/** finalDecision() in SQL, for an ORDER BY over one item's decisions (alias `d`). */
export const EFFECTIVE_FIRST = `CASE d.stage WHEN 'revision' THEN 0 WHEN 'senior' THEN 1 WHEN 'second' THEN 2 ELSE 3 END, d.id DESC`;

/** A decided item goes back to the queue (its own SHA-256 was found a false positive); its decisions stay. */
export async function reopenItem(tx: Queryable, itemId: string): Promise<void> {
  await tx.query(`UPDATE review_items SET status = 'pending', decided_at = NULL, claimed_by = NULL, lease_until = NULL WHERE id = $1`, [itemId]);
}

/**
 * A decided content item whose PDQ is within `maxDistance` of this one (both of quality ≥ `minQuality`):
 * its final decision is offered as a prefill. A scan of decided items' PDQ with bit_count — fine for
 * the thousands an office decides; the matcher's index takes over for illegal ones via the own lists.
 */
export async function nearDuplicateDecision(
  db: Queryable,
  pdq: string,
  opts: { maxDistance: number; minQuality: number; exceptItem: string },
): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `SELECT d.id::text AS id FROM review_items r JOIN contents c ON c.id = r.content_id
       JOIN LATERAL (SELECT d.id FROM review_decisions d WHERE d.item_id = r.id ORDER BY ${EFFECTIVE_FIRST} LIMIT 1) d ON true
      WHERE r.status = 'decided' AND r.kind = 'content' AND r.id <> $4 AND c.pdq IS NOT NULL AND c.pdq_quality >= $3
        AND bit_count(('x' || c.pdq)::bit(256) # ('x' || $1)::bit(256)) <= $2
      ORDER BY bit_count(('x' || c.pdq)::bit(256) # ('x' || $1)::bit(256)), r.decided_at DESC LIMIT 1`,
    [pdq, opts.maxDistance, opts.minQuality, opts.exceptItem],
  );
  return r.rows[0]?.id ?? null;
}

export async function findDecision(db: Queryable, id: string): Promise<DecisionRow | null> {
  const r = await db.query<DbRow>(`SELECT ${COLUMNS} FROM review_decisions WHERE id = $1`, [id]);
  return r.rows[0] ? toDecision(r.rows[0]) : null;
}

export async function setPrefill(tx: Queryable, itemId: string, decisionId: string): Promise<void> {
  await tx.query('UPDATE review_items SET prefill_decision_id = $2 WHERE id = $1 AND prefill_decision_id IS NULL', [itemId, decisionId]);
}

const COLUMNS = 'id::text, item_id, stage, verdict, iwf_category, industry, age_group, content_type, site_type, note, decided_by, bulk_report_id, created_at';

interface DbRow {
  id: string;
  item_id: string;
  stage: DecisionStage;
  verdict: Classification['verdict'];
  iwf_category: Classification['iwfCategory'] | null;
  industry: Classification['industry'] | null;
  age_group: Classification['ageGroup'] | null;
  content_type: Classification['contentType'] | null;
  site_type: Classification['siteType'] | null;
  note: string | null;
  decided_by: string;
  bulk_report_id: string | null;
  created_at: Date | string;
}

function toDecision(r: DbRow): DecisionRow {
  const d: DecisionRow = {
    id: r.id,
    itemId: r.item_id,
    stage: r.stage,
    verdict: r.verdict,
    decidedBy: r.decided_by,
    bulkReportId: r.bulk_report_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
  if (r.iwf_category) d.iwfCategory = r.iwf_category;
  if (r.industry) d.industry = r.industry;
  if (r.age_group) d.ageGroup = r.age_group;
  if (r.content_type) d.contentType = r.content_type;
  if (r.site_type) d.siteType = r.site_type;
  if (r.note) d.note = r.note;
  return d;
}
