import type { Queryable } from '../db/db';
import { contentFetched, contentHashed, contentMatched, urlReported, videoHashed, type PdqVariantHash, type UrlReported } from '../events/types';
import { enqueueEvent } from '../outbox/outbox';

/**
 * SQL of the sweeper: finds items stuck in a non-final state (past `stuckMs` since their last state
 * change and since the last re-send) whose event is neither waiting in the outbox nor dead-lettered, and re-sends that
 * event through the outbox. Every consumer is idempotent, so a re-send of an event that is merely
 * slow does no harm.
 */

export interface SweepCounts {
  urlReported: number;
  contentFetched: number;
  contentHashed: number;
  /** Videos hashed but never matched: `video.hashed` again, frames from `content_frames`. */
  videoHashed: number;
  contentMatched: number;
  /** Hashed before pdq_variants was stored: cannot be re-sent as content.hashed. */
  skippedNoVariants: string[];
}

const notInOutbox = (topic: string, key: string) => `NOT EXISTS (SELECT 1 FROM outbox o WHERE o.topic = '${topic}' AND o.key = ${key})`;
/**
 * An item whose event sits dead-lettered (not replayed) is left alone: re-sending a poison event
 * would only dead-letter another copy every SWEEP_STUCK_AFTER_MS. `dlq replay` makes it flow again.
 */
const notDeadLettered = (topic: string, key: string) =>
  `NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.topic = '${topic}' AND d.event_key = ${key} AND d.replayed_at IS NULL)`;
const untouched = (topic: string, key: string) => `${notInOutbox(topic, key)} AND ${notDeadLettered(topic, key)}`;
const stuck = (at: string, resent: string) => `GREATEST(${at}, COALESCE(${resent}, '-infinity')) < now() - make_interval(secs => $1::float8 / 1000)`;

/** `matchesPerEvent`: a re-sent content.matched carries the closest this many, as the matcher's own (MATCH_MAX_PER_EVENT). */
export async function resendStuckItems(tx: Queryable, stuckMs: number, limit: number, matchesPerEvent: number): Promise<SweepCounts> {
  const counts: SweepCounts = { urlReported: 0, contentFetched: 0, contentHashed: 0, videoHashed: 0, contentMatched: 0, skippedNoVariants: [] };

  const urls = await tx.query<{ id: string; report_id: string; url: string; source: UrlReported['source']; received_at: Date | string }>(
    `SELECT u.id, u.report_id, u.url, r.source, r.received_at FROM report_urls u JOIN reports r ON r.id = u.report_id
      WHERE u.state = 'pending' AND u.parent_id IS NULL AND ${stuck('u.updated_at', 'u.resent_at')} AND ${untouched('url.reported', 'u.id::text')}
      ORDER BY u.updated_at LIMIT $2 FOR UPDATE OF u SKIP LOCKED`,
    [stuckMs, limit],
  );
  for (const u of urls.rows) {
    await enqueueEvent(tx, urlReported, {
      reportId: u.report_id,
      itemId: u.id,
      url: u.url,
      source: u.source,
      receivedAt: new Date(u.received_at).toISOString(),
    });
  }
  await markResent(
    tx,
    'report_urls',
    urls.rows.map((u) => u.id),
  );
  counts.urlReported = urls.rows.length;

  const stored = await tx.query<{
    id: string;
    report_id: string;
    item_id: string | null;
    origin: 'url' | 'linked' | 'upload';
    source_url: string | null;
    blob_key: string;
    mime: string;
    byte_size: number;
  }>(
    `SELECT c.id, c.report_id, c.item_id, c.origin, c.source_url, c.blob_key, c.mime, c.byte_size FROM contents c
      WHERE c.state = 'stored' AND ${stuck('c.created_at', 'c.resent_at')} AND ${untouched('content.fetched', 'c.id::text')}
      ORDER BY c.created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [stuckMs, limit],
  );
  for (const c of stored.rows) {
    await enqueueEvent(tx, contentFetched, {
      contentId: c.id,
      reportId: c.report_id,
      itemId: c.item_id,
      origin: c.origin,
      sourceUrl: c.source_url,
      blobKey: c.blob_key,
      mime: c.mime,
      byteSize: c.byte_size,
    });
  }
  await markResent(
    tx,
    'contents',
    stored.rows.map((c) => c.id),
  );
  counts.contentFetched = stored.rows.length;

  const hashed = await tx.query<{
    id: string;
    report_id: string;
    md5: string;
    sha1: string;
    sha256: string;
    blockhash: string;
    pdq: string;
    pdq_quality: number;
    pdq_variants: PdqVariantHash[] | string | null;
    width: number;
    height: number;
  }>(
    `SELECT c.id, c.report_id, c.md5, c.sha1, c.sha256, c.blockhash, c.pdq, c.pdq_quality, c.pdq_variants, c.width, c.height FROM contents c
      WHERE c.state = 'hashed' AND c.mime NOT LIKE 'video/%' AND NOT EXISTS (SELECT 1 FROM match_runs m WHERE m.content_id = c.id)
        AND ${stuck('c.hashed_at', 'c.resent_at')} AND ${untouched('content.hashed', 'c.id::text')}
      ORDER BY c.hashed_at LIMIT $2 FOR UPDATE OF c SKIP LOCKED`,
    [stuckMs, limit],
  );
  const resentHashed: string[] = [];
  for (const c of hashed.rows) {
    const variants = typeof c.pdq_variants === 'string' ? (JSON.parse(c.pdq_variants) as PdqVariantHash[]) : c.pdq_variants;
    if (!variants) {
      counts.skippedNoVariants.push(c.id);
      continue;
    }
    await enqueueEvent(tx, contentHashed, {
      contentId: c.id,
      reportId: c.report_id,
      hashes: { md5: c.md5, sha1: c.sha1, sha256: c.sha256, blockhash: c.blockhash, pdq: c.pdq },
      pdqQuality: c.pdq_quality,
      pdqVariants: variants,
      width: c.width,
      height: c.height,
    });
    resentHashed.push(c.id);
  }
  // Skipped ones are marked too, so they are logged once per SWEEP_STUCK_AFTER_MS, not every sweep.
  await markResent(
    tx,
    'contents',
    hashed.rows.map((c) => c.id),
  );
  counts.contentHashed = resentHashed.length;

  const videos = await tx.query<{
    id: string;
    report_id: string;
    md5: string;
    sha1: string;
    sha256: string;
    duration_ms: number;
    width: number;
    height: number;
  }>(
    `SELECT c.id, c.report_id, c.md5, c.sha1, c.sha256, c.duration_ms, c.width, c.height FROM contents c
      WHERE c.state = 'hashed' AND c.mime LIKE 'video/%' AND NOT EXISTS (SELECT 1 FROM match_runs m WHERE m.content_id = c.id)
        AND ${stuck('c.hashed_at', 'c.resent_at')} AND ${untouched('video.hashed', 'c.id::text')}
      ORDER BY c.hashed_at LIMIT $2 FOR UPDATE OF c SKIP LOCKED`,
    [stuckMs, limit],
  );
  for (const v of videos.rows) {
    const frames = await tx.query<{ timestamp_ms: number; pdq: string; quality: number }>(
      'SELECT timestamp_ms, pdq, quality FROM content_frames WHERE content_id = $1 ORDER BY timestamp_ms',
      [v.id],
    );
    await enqueueEvent(tx, videoHashed, {
      contentId: v.id,
      reportId: v.report_id,
      hashes: { md5: v.md5, sha1: v.sha1, sha256: v.sha256 },
      durationMs: v.duration_ms ?? 0,
      width: v.width,
      height: v.height,
      frames: frames.rows.map((f) => ({ timestampMs: f.timestamp_ms, pdq: f.pdq, quality: f.quality })),
    });
  }
  await markResent(
    tx,
    'contents',
    videos.rows.map((v) => v.id),
  );
  counts.videoHashed = videos.rows.length;

  const runs = await tx.query<{ content_id: string; report_id: string; match_count: number }>(
    `SELECT m.content_id, c.report_id, m.match_count FROM match_runs m JOIN contents c ON c.id = m.content_id
      WHERE NOT EXISTS (SELECT 1 FROM review_sources r WHERE r.content_id = m.content_id)
        AND ${stuck('m.matched_at', 'm.resent_at')} AND ${untouched('content.matched', 'm.content_id::text')}
      ORDER BY m.matched_at LIMIT $2 FOR UPDATE OF m SKIP LOCKED`,
    [stuckMs, limit],
  );
  for (const r of runs.rows) {
    const matches = await tx.query<{
      list_name: string;
      list_source: string;
      hash_type: string;
      distance: number;
      category: string | null;
      known_hash_id: string | number;
      variant: string | null;
    }>(
      `SELECT list_name, list_source, hash_type, distance, category, known_hash_id, variant FROM matches
        WHERE content_id = $1 ORDER BY distance, id LIMIT $2`,
      [r.content_id, matchesPerEvent],
    );
    await enqueueEvent(tx, contentMatched, {
      contentId: r.content_id,
      reportId: r.report_id,
      matches: matches.rows.map((m) => ({
        listName: m.list_name,
        listSource: m.list_source,
        hashType: m.hash_type as never,
        distance: m.distance,
        category: m.category,
        knownHashId: String(m.known_hash_id),
        variant: m.variant as never,
      })),
      matchCount: r.match_count,
    });
  }
  await tx.query('UPDATE match_runs SET resent_at = now() WHERE content_id = ANY($1::uuid[])', [runs.rows.map((r) => r.content_id)]);
  counts.contentMatched = runs.rows.length;
  return counts;
}

async function markResent(tx: Queryable, table: 'report_urls' | 'contents', ids: string[]): Promise<void> {
  if (ids.length > 0) await tx.query(`UPDATE ${table} SET resent_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
}
