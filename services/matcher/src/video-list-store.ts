import type { Queryable } from '@hotline/platform';
import type { VideoFrameMatch } from '@hotline/hashing';

// The matcher's SQL of `video_lists` and `known_video_frames` (reads) and `video_matches` (writes), migrations 0013–0014.

/** A known video of an enabled video list, as a match names it. */
export interface KnownVideo {
  listId: number;
  listName: string;
  listSource: string;
  videoId: string;
  category: string | null;
}

/** One frame as loaded into the index; `pdq` is 64 hex digits. */
export interface KnownVideoFrame {
  listId: number;
  videoId: string;
  pdq: string;
  quality: number | null;
}

/**
 * What changes whenever a matcher's video index would: a list created or deleted, switched on or
 * off, renamed, or any of its frames added, changed or deleted (its `revision`, moved by triggers). Reads
 * `video_lists` only.
 */
export async function videoListsSignature(db: Queryable): Promise<string> {
  const r = await db.query<{ id: number; name: string; source: string; enabled: boolean; revision: string }>(
    'SELECT id, name, source, enabled, revision::text FROM video_lists ORDER BY id',
  );
  return JSON.stringify(r.rows.map((x) => [x.id, x.name, x.source, x.enabled, x.revision]));
}

/** Every known video of the enabled video lists (category: the greatest of its frames', as PostgreSQL orders them). */
export async function enabledKnownVideos(db: Queryable): Promise<KnownVideo[]> {
  const r = await db.query<{ list_id: number; name: string; source: string; video_id: string; category: string | null }>(
    `SELECT l.id AS list_id, l.name, l.source, f.video_id, max(f.category) AS category
       FROM known_video_frames f JOIN video_lists l ON l.id = f.list_id
      WHERE l.enabled GROUP BY l.id, l.name, l.source, f.video_id ORDER BY l.id, f.video_id`,
    [],
  );
  return r.rows.map((x) => ({ listId: x.list_id, listName: x.name, listSource: x.source, videoId: x.video_id, category: x.category }));
}

const PAGE = 50_000;

/**
 * The frames of one video list, in keyset pages along the primary key so that a big list never
 * becomes one array of row objects. Run it in a REPEATABLE READ transaction to see one state across
 * pages. Weak frames too: the index filters them with the same test as matchVideoFrames.
 */
export async function scanKnownVideoFrames(tx: Queryable, listId: number, onFrame: (f: KnownVideoFrame) => void): Promise<void> {
  let after: [string, number] = ['', -1];
  for (;;) {
    const r = await tx.query<{ video_id: string; timestamp_ms: number; pdq: string; quality: number | null }>(
      `SELECT video_id, timestamp_ms, pdq, quality FROM known_video_frames
        WHERE list_id = $1 AND (video_id, timestamp_ms) > ($2, $3) ORDER BY video_id, timestamp_ms LIMIT ${PAGE}`,
      [listId, ...after],
    );
    for (const x of r.rows) onFrame({ listId, videoId: x.video_id, pdq: x.pdq, quality: x.quality });
    if (r.rows.length < PAGE) return;
    const last = r.rows[r.rows.length - 1]!;
    after = [last.video_id, last.timestamp_ms];
  }
}

export async function insertVideoMatches(tx: Queryable, contentId: string, hits: Array<{ video: KnownVideo; share: VideoFrameMatch }>): Promise<void> {
  for (const { video, share } of hits) {
    await tx.query(
      `INSERT INTO video_matches (content_id, list_id, video_id, list_name, category, query_matched, query_frames, known_matched, known_frames, best_distance, timestamps_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
      [
        contentId,
        video.listId,
        video.videoId,
        video.listName,
        video.category,
        share.queryMatched,
        share.queryFrames,
        share.knownMatched,
        share.knownFrames,
        share.bestDistance,
        JSON.stringify(share.timestampsMs),
      ],
    );
  }
}
