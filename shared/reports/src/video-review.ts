import type { Queryable } from '@hotline/platform';

// The review's reads of a video content (migration 0013): its duration and sampled frames, the frames that hit
// PDQ list entries (`matches.frame_*`), and the known videos it shares frames with (`video_matches`).

export interface VideoListHit {
  listName: string;
  listSource: string;
  hashType: string;
  distance: number;
  category: string | null;
  /** How many sampled frames hit this list entry, and when (ms, at most 100 kept). */
  frameCount: number;
  timestampsMs: number[];
}

export interface KnownVideoHit {
  listName: string;
  videoId: string;
  category: string | null;
  /** Share of the query's frames found in the known video, and of the known video's found in the query (0..1). */
  queryShare: number;
  knownShare: number;
  queryMatched: number;
  queryFrames: number;
  knownMatched: number;
  knownFrames: number;
  bestDistance: number;
  timestampsMs: number[];
}

export interface VideoReview {
  durationMs: number | null;
  /** Every sampled frame's time (1 per second): the only times a frame thumbnail may be asked for. */
  frameTimestampsMs: number[];
  listHits: VideoListHit[];
  knownVideos: KnownVideoHit[];
}

const asArray = (v: unknown): number[] => (typeof v === 'string' ? (JSON.parse(v) as number[]) : ((v as number[] | null) ?? []));

/** What the console shows of a video content; null when there is no such content. */
export async function videoReview(db: Queryable, contentId: string): Promise<VideoReview | null> {
  const c = await db.query<{ duration_ms: number | null }>('SELECT duration_ms FROM contents WHERE id = $1', [contentId]);
  if (!c.rows[0]) return null;
  const frames = await db.query<{ timestamp_ms: number }>('SELECT timestamp_ms FROM content_frames WHERE content_id = $1 ORDER BY timestamp_ms', [contentId]);
  const hits = await db.query<{
    list_name: string;
    list_source: string;
    hash_type: string;
    distance: number;
    category: string | null;
    frame_count: number;
    frame_timestamps_ms: unknown;
  }>(
    `SELECT list_name, list_source, hash_type, distance, category, frame_count, frame_timestamps_ms
       FROM matches WHERE content_id = $1 AND frame_count IS NOT NULL ORDER BY distance, id`,
    [contentId],
  );
  const known = await db.query<{
    list_name: string;
    video_id: string;
    category: string | null;
    query_matched: number;
    query_frames: number;
    known_matched: number;
    known_frames: number;
    best_distance: number;
    timestamps_ms: unknown;
  }>(
    `SELECT list_name, video_id, category, query_matched, query_frames, known_matched, known_frames, best_distance, timestamps_ms
       FROM video_matches WHERE content_id = $1 ORDER BY best_distance, list_name, video_id`,
    [contentId],
  );
  return {
    durationMs: c.rows[0].duration_ms,
    frameTimestampsMs: frames.rows.map((f) => f.timestamp_ms),
    listHits: hits.rows.map((x) => ({
      listName: x.list_name,
      listSource: x.list_source,
      hashType: x.hash_type,
      distance: x.distance,
      category: x.category,
      frameCount: x.frame_count,
      timestampsMs: asArray(x.frame_timestamps_ms),
    })),
    knownVideos: known.rows.map((x) => ({
      listName: x.list_name,
      videoId: x.video_id,
      category: x.category,
      queryShare: x.query_frames > 0 ? x.query_matched / x.query_frames : 0,
      knownShare: x.known_frames > 0 ? x.known_matched / x.known_frames : 0,
      queryMatched: x.query_matched,
      queryFrames: x.query_frames,
      knownMatched: x.known_matched,
      knownFrames: x.known_frames,
      bestDistance: x.best_distance,
      timestampsMs: asArray(x.timestamps_ms),
    })),
  };
}

/** The first sampled frame's time of a video content (the queue's thumbnail), or null when it has none. */
export async function firstFrameMs(db: Queryable, contentId: string): Promise<number | null> {
  const r = await db.query<{ t: number | null }>('SELECT min(timestamp_ms) AS t FROM content_frames WHERE content_id = $1', [contentId]);
  return r.rows[0]?.t ?? null;
}

/** Whether a video content has a sampled frame at this time. */
export async function hasFrameAt(db: Queryable, contentId: string, timestampMs: number): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM content_frames WHERE content_id = $1 AND timestamp_ms = $2', [contentId, timestampMs]);
  return r.rows.length > 0;
}
