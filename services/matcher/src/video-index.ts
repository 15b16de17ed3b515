import type { Db } from '@hotline/platform';
import type { VideoFrameMatch } from '@hotline/hashing';
import { HammingIndex } from './index/hamming-index';
import { grow, toWords } from './type-index';
import { enabledKnownVideos, scanKnownVideoFrames, videoListsSignature, type KnownVideo } from './video-list-store';

/** A query video's frame, as in `video.hashed` (quality absent counts as 100, as in matchVideoFrames). */
export interface VideoQueryFrame {
  timestampMs: number;
  pdq: string;
  quality?: number | null;
}

export interface KnownVideoHit {
  video: KnownVideo;
  share: VideoFrameMatch;
}

/** One build, swapped in whole: a match (synchronous) never sees half of a rebuild. */
interface Built {
  index: HammingIndex;
  /** Index id → position of its known video in `videos`. */
  videoOf: Uint32Array;
  videos: KnownVideo[];
  /** Per video: its frames of quality ≥ the floor, the known side of the share. */
  eligible: Uint32Array;
  /** videoListsSignature of the state loaded; null before the first load. */
  signature: string | null;
}

/**
 * Every frame of the enabled video lists in one exact Hamming index, each entry mapped back to its
 * known video: a query video costs one search per frame, where comparing it with every known video
 * (matchVideoFrames) costs a distance per pair of frames. Frames below the quality floor are left out
 * at load, as matchVideoFrames leaves them out, and each video keeps the count of the rest, so that
 * match() returns exactly what matchVideoFrames would.
 *
 * No deltas, unlike KnownIndex: when the lists' signature moves (an import, a list switched on or
 * off) the whole index is rebuilt. Video lists are far smaller than the PDQ lists, and they change
 * seldom: 2,000 ten-minute videos are 1.2 million frames, loaded in about 4 s (bench/match/video.ts
 * --pg). The old index keeps answering until the new one is swapped in (twice the memory meanwhile).
 */
export class KnownVideoIndex {
  private built: Built = {
    index: HammingIndex.build(new Uint32Array(0)),
    videoOf: new Uint32Array(0),
    videos: [],
    eligible: new Uint32Array(0),
    signature: null,
  };

  /** minQuality: 0 with MATCH_PDQ_WEAK, else PDQ_WEAK_QUALITY; queries must use the same. */
  constructor(readonly minQuality: number) {}

  get frames(): number {
    return this.built.index.size;
  }

  get videos(): number {
    return this.built.videos.length;
  }

  /** Rebuilds if the video lists changed since the last load (one small read when not); returns whether it did. */
  async refresh(db: Db): Promise<boolean> {
    if ((await videoListsSignature(db)) === this.built.signature) return false;
    await this.load(db);
    return true;
  }

  /** Reads the enabled lists' frames in one snapshot, builds the index, then swaps it in. */
  async load(db: Db): Promise<void> {
    this.built = await db.transaction(async (tx) => {
      await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      await tx.exec('SET LOCAL statement_timeout = 0'); // a large list outlasts a pipeline query's limit
      const signature = await videoListsSignature(tx);
      const videos = await enabledKnownVideos(tx);
      const position = new Map(videos.map((v, i) => [`${v.listId}:${v.videoId}`, i]));
      const acc = new FrameAccumulator(this.minQuality, videos.length);
      for (const listId of new Set(videos.map((v) => v.listId))) {
        await scanKnownVideoFrames(tx, listId, (f) => acc.push(position.get(`${f.listId}:${f.videoId}`)!, f.pdq, f.quality));
      }
      return acc.build(videos, signature);
    });
  }

  /** An index of known videos given in memory (tests, benchmarks), their frames filtered as a load filters them. */
  static of(minQuality: number, videos: Array<KnownVideo & { frames: readonly VideoQueryFrame[] }>): KnownVideoIndex {
    const index = new KnownVideoIndex(minQuality);
    const acc = new FrameAccumulator(minQuality, videos.length);
    videos.forEach((v, i) => v.frames.forEach((f) => acc.push(i, f.pdq, f.quality)));
    index.built = acc.build(
      videos.map(({ listId, listName, listSource, videoId, category }) => ({ listId, listName, listSource, videoId, category })),
      null,
    );
    return index;
  }

  /**
   * For every known video with a frame within maxDistance of an eligible query frame, the
   * VideoFrameMatch that matchVideoFrames(query, its frames, opts) gives; videos without a hit are
   * left out (their shares are 0). Ordered as loaded.
   */
  match(query: readonly VideoQueryFrame[], opts: { maxDistance: number; minQuality: number }): KnownVideoHit[] {
    if (opts.minQuality !== this.minQuality) throw new RangeError(`this index holds frames of quality >= ${this.minQuality}, not ${opts.minQuality}`);
    const { index, videoOf, videos, eligible } = this.built;
    const q = query.filter((f) => (f.quality ?? 100) >= opts.minQuality);
    const tallies = new Map<number, Tally>();
    const knownHit = new Set<number>();
    q.forEach((f, i) => {
      for (const hit of index.search(toWords(f.pdq), opts.maxDistance)) {
        const v = videoOf[hit.id]!;
        let t = tallies.get(v);
        if (!t) tallies.set(v, (t = { lastQueryFrame: -1, timestampsMs: [], knownMatched: 0, best: hit.distance }));
        if (t.lastQueryFrame !== i) {
          t.lastQueryFrame = i; // a query frame counts once per video however many of its frames it hits
          t.timestampsMs.push(f.timestampMs);
        }
        if (!knownHit.has(hit.id)) {
          knownHit.add(hit.id);
          t.knownMatched++;
        }
        if (hit.distance < t.best) t.best = hit.distance;
      }
    });
    return [...tallies]
      .sort(([a], [b]) => a - b)
      .map(([v, t]) => ({
        video: videos[v]!,
        share: {
          queryMatched: t.timestampsMs.length,
          queryFrames: q.length,
          knownMatched: t.knownMatched,
          knownFrames: eligible[v]!,
          queryShare: t.timestampsMs.length / q.length,
          knownShare: t.knownMatched / eligible[v]!,
          timestampsMs: t.timestampsMs.sort((a, b) => a - b),
          bestDistance: t.best,
        },
      }));
  }
}

interface Tally {
  lastQueryFrame: number;
  timestampsMs: number[];
  knownMatched: number;
  best: number;
}

/** Collects the eligible frames of a load in typed arrays, 8 words each, and counts them per video. */
class FrameAccumulator {
  private packed = new Uint32Array(0);
  private videoOf = new Uint32Array(0);
  private n = 0;
  private readonly eligible: Uint32Array;

  constructor(
    private readonly minQuality: number,
    videos: number,
  ) {
    this.eligible = new Uint32Array(videos);
  }

  /** The quality test of matchVideoFrames, on the known side: the one place a load leaves frames out. */
  push(video: number, pdq: string, quality: number | null | undefined): void {
    if ((quality ?? 100) < this.minQuality) return;
    const n = this.n;
    this.packed = grow(this.packed, (n + 1) * 8, (k) => new Uint32Array(k));
    this.videoOf = grow(this.videoOf, n + 1, (k) => new Uint32Array(k));
    this.packed.set(toWords(pdq), n * 8);
    this.videoOf[n] = video;
    this.eligible[video]!++;
    this.n = n + 1;
  }

  build(videos: KnownVideo[], signature: string | null): Built {
    const index = HammingIndex.build(this.packed.slice(0, this.n * 8)); // a copy of the right size: build keeps it
    return { index, videoOf: this.videoOf, videos, eligible: this.eligible, signature };
  }
}
