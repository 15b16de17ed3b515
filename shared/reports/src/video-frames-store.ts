import type { Queryable, VideoFrame } from '@hotline/platform';

// The SQL of `content_frames` and of a video content's hashes on `contents` (migration 0013).

export interface VideoContentHashes {
  hashes: { md5: string; sha1: string; sha256: string };
  durationMs: number;
  width: number;
  height: number;
  frames: VideoFrame[];
}

/** `stored` → `hashed` with the file digests and every sampled frame; false when a concurrent delivery got there first. */
export async function recordVideoHashes(tx: Queryable, contentId: string, v: VideoContentHashes): Promise<boolean> {
  const r = await tx.query(
    `UPDATE contents SET state = 'hashed', md5 = $2, sha1 = $3, sha256 = $4, width = $5, height = $6, duration_ms = $7, hashed_at = now()
      WHERE id = $1 AND state = 'stored'`,
    [contentId, v.hashes.md5, v.hashes.sha1, v.hashes.sha256, v.width, v.height, v.durationMs],
  );
  if (r.rowCount === 0) return false;
  if (v.frames.length > 0) {
    await tx.query(
      `INSERT INTO content_frames (content_id, timestamp_ms, pdq, quality)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::int[]) ON CONFLICT DO NOTHING`,
      [contentId, v.frames.map((f) => f.timestampMs), v.frames.map((f) => f.pdq), v.frames.map((f) => f.quality)],
    );
  }
  return true;
}

/** A video content's frames in time order (empty for an image). */
export async function contentFrames(db: Queryable, contentId: string): Promise<VideoFrame[]> {
  const r = await db.query<{ timestamp_ms: number; pdq: string; quality: number }>(
    'SELECT timestamp_ms, pdq, quality FROM content_frames WHERE content_id = $1 ORDER BY timestamp_ms',
    [contentId],
  );
  return r.rows.map((x) => ({ timestampMs: x.timestamp_ms, pdq: x.pdq, quality: x.quality }));
}
