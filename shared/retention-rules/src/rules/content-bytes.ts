import { deleteContentBlobs, type Queryable } from '@hotline/platform';
import { daysBefore, type RetentionRule } from '../rule';

// $1 now, $2 decided before, $3 arrived before. A content qualifies when its bytes are still there,
// nobody holds them, and its item was decided long enough ago, or the bytes are older than the cap.
const DUE = `c.bytes_deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM retention_holds h WHERE h.content_id = c.id AND (h.until IS NULL OR h.until > $1))
  AND (c.created_at < $3
       OR EXISTS (SELECT 1 FROM review_sources s JOIN review_items i ON i.id = s.item_id
                   WHERE s.content_id = c.id AND i.status = 'decided' AND i.decided_at < $2))`;

/**
 * Fetched and uploaded bytes: deleted `daysAfterDecision` days after the content's review item was
 * decided, or `maxDays` after they arrived in any case; the `contents` row keeps its hashes and
 * figures and gets `bytes_deleted_at`. A row in `retention_holds` (takedown until its end, a police
 * request) keeps the bytes while it is active, whatever the limits say.
 */
export function contentBytesRule(limits: { daysAfterDecision: number; maxDays: number }): RetentionRule {
  const params = (now: Date) => [now, daysBefore(now, limits.daysAfterDecision), daysBefore(now, limits.maxDays)];
  return {
    name: 'content_bytes',
    action: 'delete the sealed bytes (content_blobs); the contents row keeps its hashes',
    async find(db: Queryable, now: Date, limit?: number) {
      const r = await db.query<{ id: string }>(`SELECT c.id FROM contents c WHERE ${DUE} ORDER BY c.id LIMIT $4`, [...params(now), limit ?? null]);
      return r.rows.map((x) => x.id);
    },
    async apply(tx: Queryable, ids: string[], now: Date) {
      if (ids.length === 0) return 0;
      const r = await tx.query<{ blob_key: string }>(
        `UPDATE contents c SET bytes_deleted_at = $1 WHERE c.id = ANY($4::uuid[]) AND ${DUE} RETURNING c.blob_key`,
        [...params(now), ids],
      );
      await deleteContentBlobs(
        tx,
        r.rows.map((x) => x.blob_key),
      );
      return r.rows.length;
    },
  };
}
