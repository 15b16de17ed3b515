import { NotFoundError, ValidationError, type Db } from '@hotline/platform';

export interface VideoListRow {
  videoId: string;
  timestampMs: number;
  pdq: string;
  quality?: number | null;
  category?: string | null;
}

const PDQ_HEX = /^[0-9a-f]{64}$/;

/**
 * Parses JSON lines {videoId, timestampMs, pdq, quality?, category?}: the frame hashes of known
 * videos (one PDQ per sampled second, as hashVideo makes them). A malformed line refuses the file,
 * naming the line.
 */
export function parseVideoListJsonl(text: string): VideoListRow[] {
  const rows: VideoListRow[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let r: Partial<VideoListRow>;
    try {
      r = JSON.parse(line) as Partial<VideoListRow>;
    } catch {
      problems.push(`line ${i + 1}: not JSON`);
      return;
    }
    const pdq = typeof r.pdq === 'string' ? r.pdq.toLowerCase() : '';
    if (typeof r.videoId !== 'string' || r.videoId === '' || r.videoId.length > 200)
      problems.push(`line ${i + 1}: videoId is a non-empty string of at most 200 characters`);
    else if (!Number.isInteger(r.timestampMs) || r.timestampMs! < 0) problems.push(`line ${i + 1}: timestampMs is a non-negative integer`);
    else if (!PDQ_HEX.test(pdq)) problems.push(`line ${i + 1}: pdq is 64 hex digits`);
    else if (r.quality !== undefined && r.quality !== null && (!Number.isInteger(r.quality) || r.quality < 0 || r.quality > 100))
      problems.push(`line ${i + 1}: quality is 0..100`);
    else rows.push({ videoId: r.videoId, timestampMs: r.timestampMs!, pdq, quality: r.quality ?? null, category: r.category ?? null });
  });
  if (problems.length > 0) throw new ValidationError(`the video list file is malformed: ${problems.slice(0, 10).join('; ')}`);
  return rows;
}

/**
 * Adds frames to a video list (created on first use), in one transaction; a frame already there is
 * left as is. Any change to a list's frames moves its `revision` (migration 0014's triggers), which matchers watch.
 */
export async function importVideoList(db: Db, list: { name: string; source?: string }, rows: VideoListRow[]): Promise<{ added: number; videos: number }> {
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO video_lists (name, source) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [list.name, list.source ?? 'own']);
    const id = (await tx.query<{ id: number }>('SELECT id FROM video_lists WHERE name = $1', [list.name])).rows[0]!.id;
    const r = await tx.query(
      `INSERT INTO known_video_frames (list_id, video_id, timestamp_ms, pdq, quality, category)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::int[], $6::text[]) ON CONFLICT DO NOTHING`,
      [
        id,
        rows.map((r) => r.videoId),
        rows.map((r) => r.timestampMs),
        rows.map((r) => r.pdq),
        rows.map((r) => r.quality ?? null),
        rows.map((r) => r.category ?? null),
      ],
    );
    // The insert moves the list's revision (a trigger, migration 0014): matchers then rebuild their video index.
    return { added: r.rowCount, videos: new Set(rows.map((r) => r.videoId)).size };
  });
}

export interface VideoListSummary {
  name: string;
  source: string;
  enabled: boolean;
  videos: number;
  frames: number;
}

export async function listVideoLists(db: Db): Promise<VideoListSummary[]> {
  const r = await db.query<{ name: string; source: string; enabled: boolean; videos: number; frames: number }>(
    `SELECT l.name, l.source, l.enabled, count(DISTINCT f.video_id)::int AS videos, count(f.video_id)::int AS frames
       FROM video_lists l LEFT JOIN known_video_frames f ON f.list_id = l.id GROUP BY l.id ORDER BY l.name`,
  );
  return r.rows;
}

/** Stops or resumes matching a whole video list; running matchers follow at their next refresh. */
export async function setVideoListEnabled(db: Db, list: string, enabled: boolean): Promise<void> {
  const r = await db.query('UPDATE video_lists SET enabled = $2 WHERE name = $1', [list, enabled]);
  if (r.rowCount === 0) throw new NotFoundError(`There is no video list ${list}.`);
}
