import type { Queryable } from '@hotline/platform';
import type { VideoFrameMatch } from '@hotline/hashing';

// The matcher's SQL of `known_video_frames` (reads) and `video_matches` (writes), migration 0013.

export interface KnownVideo {
  listId: number;
  listName: string;
  listSource: string;
  videoId: string;
  category: string | null;
  frames: Array<{ timestampMs: number; pdq: string; quality: number | null }>;
}

/**
 * Every known video of the enabled video lists, with its frames. Read per query video: video lists
 * are small beside the PDQ lists (an in-memory index of their frames, as for known_hashes, is the
 * next step when they grow).
 */
export async function enabledKnownVideos(db: Queryable): Promise<KnownVideo[]> {
  const r = await db.query<{ list_id: number; name: string; source: string; video_id: string; category: string | null; frames: unknown }>(
    `SELECT l.id AS list_id, l.name, l.source, f.video_id, max(f.category) AS category,
            json_agg(json_build_object('timestampMs', f.timestamp_ms, 'pdq', f.pdq, 'quality', f.quality) ORDER BY f.timestamp_ms) AS frames
       FROM known_video_frames f JOIN video_lists l ON l.id = f.list_id
      WHERE l.enabled GROUP BY l.id, l.name, l.source, f.video_id`,
    [],
  );
  return r.rows.map((x) => ({
    listId: x.list_id,
    listName: x.name,
    listSource: x.source,
    videoId: x.video_id,
    category: x.category,
    frames: (typeof x.frames === 'string' ? JSON.parse(x.frames) : x.frames) as KnownVideo['frames'],
  }));
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
