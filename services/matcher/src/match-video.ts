import type { Match, VideoHashed } from '@hotline/platform';
import { PDQ_WEAK_QUALITY } from '@hotline/hashing';
import type { MatcherContext } from './config';
import type { KnownIndex } from './known-index';
import { recordMatchRun } from './record-match-run';
import type { KnownVideoIndex } from './video-index';
import { insertVideoMatches } from './video-list-store';

/**
 * Matches a hashed video: its digests and frames against the PDQ and digest lists (one match per
 * known hash, with the frames that hit it), and its frames against the video lists the vPDQ way —
 * a known video matches when the share of query frames found in it and the share of its frames
 * found in the query both reach MATCH_VIDEO_MIN_SHARE (the known videos' frames are held in memory by
 * KnownVideoIndex, no database read per video). Idempotent by content id (`match_runs`), like
 * images; content.matched carries both kinds (a video-list match as hashType pdq with `videoShare`).
 */
export async function matchVideo(ctx: MatcherContext, index: KnownIndex, videoIndex: KnownVideoIndex, ev: VideoHashed): Promise<void> {
  const cfg = ctx.cfg;
  const listMatches = index.matchVideo(ev, { blockhash: cfg.MATCH_BLOCKHASH_MAX_DISTANCE, pdq: cfg.MATCH_PDQ_MAX_DISTANCE, weakPdq: cfg.MATCH_PDQ_WEAK });
  const minQuality = cfg.MATCH_PDQ_WEAK ? 0 : PDQ_WEAK_QUALITY;
  const videoHits = videoIndex
    .match(ev.frames, { maxDistance: cfg.MATCH_PDQ_MAX_DISTANCE, minQuality })
    .filter((h) => h.share.queryShare >= cfg.MATCH_VIDEO_MIN_SHARE && h.share.knownShare >= cfg.MATCH_VIDEO_MIN_SHARE);
  const videoMatches: Match[] = videoHits.map(({ video, share }) => ({
    listName: video.listName,
    listSource: video.listSource,
    hashType: 'pdq',
    distance: share.bestDistance,
    category: video.category,
    knownHashId: `video:${video.listId}:${video.videoId}`,
    variant: 'original',
    frames: { count: share.queryMatched, timestampsMs: share.timestampsMs.slice(0, 100) },
    videoShare: { videoId: video.videoId, query: share.queryShare, known: share.knownShare },
  }));
  const all = [...videoMatches, ...listMatches].sort((a, b) => a.distance - b.distance || a.listName.localeCompare(b.listName));
  const recorded = await recordMatchRun(ctx.db, ev, all, listMatches, cfg.MATCH_MAX_PER_EVENT, (tx) => insertVideoMatches(tx, ev.contentId, videoHits));
  if (recorded) {
    ctx.metrics.contentsMatched.inc({ known: String(all.length > 0) });
    ctx.logger.info(
      {
        contentId: ev.contentId,
        reportId: ev.reportId,
        frames: ev.frames.length,
        matches: listMatches.length,
        videoMatches: videoHits.length,
        known: all.length > 0,
      },
      'video matched',
    );
  }
  ctx.relay.kick();
}
