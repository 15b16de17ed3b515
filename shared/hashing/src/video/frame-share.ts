import { hammingHex } from '../hamming';

export interface VideoFrameMatch {
  /** Query frames (of quality ≥ minQuality) within maxDistance of some frame of the known video. */
  queryMatched: number;
  queryFrames: number;
  /** Known frames within maxDistance of some query frame. */
  knownMatched: number;
  knownFrames: number;
  queryShare: number;
  knownShare: number;
  /** Timestamps (ms) of the matching query frames, ascending. */
  timestampsMs: number[];
  /** Smallest distance found between a query frame and a known frame. */
  bestDistance: number;
}

interface Frame {
  timestampMs: number;
  pdq: string;
  quality?: number | null;
}

/**
 * The vPDQ comparison of one video with one known video: the share of the query's frames that
 * match any frame of the known video, and the share of the known video's frames that match any
 * query frame. Frames below `minQuality` are left out on both sides (PDQ's weak hashes of fades
 * and black frames would match everything). Brute force over both frame lists: 1 800 × 1 800 frames
 * is 3.2 M distances, some tens of milliseconds. The matcher gets the same result for every known
 * video at once from its frame index (services/matcher/src/video-index.ts); this is the reference
 * its tests and benchmark compare with.
 */
export function matchVideoFrames(query: Frame[], known: Frame[], opts: { maxDistance: number; minQuality: number }): VideoFrameMatch {
  const q = query.filter((f) => (f.quality ?? 100) >= opts.minQuality);
  const k = known.filter((f) => (f.quality ?? 100) >= opts.minQuality);
  const knownHit = new Uint8Array(k.length);
  const timestampsMs: number[] = [];
  let best = 257;
  for (const f of q) {
    let hit = false;
    for (let j = 0; j < k.length; j++) {
      const d = hammingHex(f.pdq, k[j]!.pdq);
      if (d < best) best = d;
      if (d <= opts.maxDistance) {
        hit = true;
        knownHit[j] = 1;
      }
    }
    if (hit) timestampsMs.push(f.timestampMs);
  }
  const knownMatched = knownHit.reduce((n, x) => n + x, 0);
  return {
    queryMatched: timestampsMs.length,
    queryFrames: q.length,
    knownMatched,
    knownFrames: k.length,
    queryShare: q.length ? timestampsMs.length / q.length : 0,
    knownShare: k.length ? knownMatched / k.length : 0,
    timestampsMs: timestampsMs.sort((a, b) => a - b),
    bestDistance: best,
  };
}
