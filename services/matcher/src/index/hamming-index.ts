import { assertHash, normaliseRadius, WORDS_PER_HASH } from './bits';
import { type HammingMatch, MatchSink, scanHashes } from './sink';
import { assertId, TombstonedIds } from './tombstones';
import { MAX_SEGMENT_SIZE, type SegmentOptions, WordPairSegment } from './word-pair-segment';

export interface HammingIndexOptions {
  /**
   * Appended hashes are linear-scanned until this many have accumulated, then frozen into an
   * indexed segment. The scan costs ~15 ns per hash, so 1024 adds at most ~15 µs per query; a
   * freeze costs ~3 ms. Default 1024.
   */
  tailCapacity?: number;
  /** A new segment is merged into the previous one while new.count * mergeFactor >= previous.count. Default 4. */
  mergeFactor?: number;
  /**
   * Merges up to this many hashes run inline (a rebuild costs ~0.7 µs per hash: 2^16 ≈ 50 ms);
   * larger ones run in the background in time slices while queries continue. Default 2^16.
   */
  syncMergeSize?: number;
  /**
   * Automatic merges never produce a segment larger than this, so the main segment from build()
   * is never rebuilt behind the caller's back (that needs a second copy: reload or compact()
   * off-peak instead). Default 2^21.
   */
  maxAutoMergeSize?: number;
  /** Length of one background merge slice in ms. Default 5. */
  backgroundSliceMs?: number;
  /** Scan buckets with the WebAssembly SIMD kernel when available (default true); false = scalar JS. */
  simd?: boolean;
  /**
   * Let a segment answer by linear scan when that is estimated cheaper (tiny segments, radii far
   * above 31). Default true; false forces the word-pair tables (tests).
   */
  allowScan?: boolean;
}

export interface HammingIndexStats {
  size: number;
  activeSize: number;
  segments: number[];
  tail: number;
  /** Approximate bytes held: hashes + tables + tombstones. */
  bytes: number;
  /** Whether every segment scans with the WebAssembly SIMD kernel. */
  simd: boolean;
}

/**
 * Exact in-memory index: every stored 256-bit hash within Hamming distance r of a query.
 *
 * Layout (an LSM-style list): immutable WordPairSegments over contiguous id ranges, then a small
 * append-only tail that is linear-scanned. add() is visible to the next search immediately; when
 * the tail fills it becomes a segment, and segments are merged geometrically so there are
 * O(log n) of them: small merges inline, larger ones in time slices between queries (the old
 * segments keep answering until the merged one is swapped in). disable()/enable() flip a
 * tombstone bit that every search checks, so they also take effect immediately; disabled hashes
 * stay in the tables (ids never change).
 *
 * Ids are uint32 positions in insertion order (build input first), for callers to map to metadata.
 */
export class HammingIndex extends TombstonedIds {
  private segments: WordPairSegment[] = [];
  private tail: Uint32Array;
  private tailCount = 0;
  private readonly tailCapacity: number;
  private readonly mergeFactor: number;
  private readonly maxAutoMergeSize: number;
  private readonly syncMergeSize: number;
  private readonly sliceMs: number;
  private readonly segmentOptions: SegmentOptions;
  /** Segments being merged in the background: left alone by other merges until swapped. */
  private readonly busy = new Set<WordPairSegment>();
  private background: Promise<void> | null = null;

  private constructor(opts: HammingIndexOptions, expected: number) {
    super(0, expected);
    this.tailCapacity = Math.max(1, Math.floor(opts.tailCapacity ?? 1024));
    this.mergeFactor = opts.mergeFactor ?? 4;
    this.maxAutoMergeSize = Math.min(MAX_SEGMENT_SIZE, opts.maxAutoMergeSize ?? 1 << 21);
    this.syncMergeSize = opts.syncMergeSize ?? 1 << 16;
    this.sliceMs = opts.backgroundSliceMs ?? 5;
    this.segmentOptions = { simd: opts.simd ?? true, allowScan: opts.allowScan ?? true };
    this.tail = new Uint32Array(this.tailCapacity * WORDS_PER_HASH);
  }

  /**
   * Builds from packed hashes (8 words per hash, id = position). The index keeps views of
   * `hashes` instead of copying 320 MB at 10M, so the caller must not modify the array afterwards.
   */
  static build(hashes: Uint32Array, opts: HammingIndexOptions = {}): HammingIndex {
    if (hashes.length % WORDS_PER_HASH !== 0) throw new RangeError('hashes.length must be a multiple of 8');
    const n = hashes.length / WORDS_PER_HASH;
    const index = new HammingIndex(opts, n);
    for (let start = 0; start < n; start += MAX_SEGMENT_SIZE) {
      const end = Math.min(n, start + MAX_SEGMENT_SIZE);
      index.segments.push(WordPairSegment.build(hashes.subarray(start * WORDS_PER_HASH, end * WORDS_PER_HASH), start, index.segmentOptions));
    }
    index.count = n;
    return index;
  }

  /** Every enabled hash within `radius` (inclusive) of `query`, sorted by distance then id. */
  search(query: Uint32Array, radius: number): HammingMatch[] {
    assertHash(query, 'query');
    const r = normaliseRadius(radius);
    const sink = new MatchSink();
    const dead = this.dead.bits;
    for (const seg of this.segments) seg.search(query, r, dead, sink);
    if (this.tailCount > 0) scanHashes(this.tail, this.tailCount, query, r, this.count - this.tailCount, dead, sink);
    return sink.toMatches();
  }

  /** Appends one hash (8 words, copied); returns its id. Searchable immediately. */
  add(words: Uint32Array): number {
    assertHash(words, 'hash');
    const id = this.count;
    this.tail.set(words, this.tailCount * WORDS_PER_HASH);
    this.tailCount++;
    this.count++;
    this.dead.ensure(this.count);
    if (this.tailCount === this.tailCapacity) this.freezeTail();
    return id;
  }

  /**
   * Appends many packed hashes (copied); returns the first id (ids are consecutive). Large imports
   * become segments directly instead of passing through the tail.
   */
  addMany(hashes: Uint32Array): number {
    if (hashes.length % WORDS_PER_HASH !== 0) throw new RangeError('hashes.length must be a multiple of 8');
    const n = hashes.length / WORDS_PER_HASH;
    const first = this.count;
    if (this.tailCount + n < this.tailCapacity) {
      this.tail.set(hashes, this.tailCount * WORDS_PER_HASH);
      this.tailCount += n;
      this.count += n;
      this.dead.ensure(this.count);
      return first;
    }
    if (this.tailCount > 0) this.freezeTail();
    for (let start = 0; start < n; start += MAX_SEGMENT_SIZE) {
      const end = Math.min(n, start + MAX_SEGMENT_SIZE);
      const own = hashes.slice(start * WORDS_PER_HASH, end * WORDS_PER_HASH);
      this.segments.push(WordPairSegment.build(own, this.count, this.segmentOptions));
      this.count += end - start;
      this.dead.ensure(this.count);
      this.mergeNewest();
    }
    return first;
  }

  /** A copy of the stored words for id. */
  hashOf(id: number): Uint32Array {
    assertId(id, this.count);
    const tailBase = this.count - this.tailCount;
    if (id >= tailBase) return this.tail.slice((id - tailBase) * WORDS_PER_HASH, (id - tailBase + 1) * WORDS_PER_HASH);
    const seg = this.segments.find((s) => id >= s.base && id < s.base + s.count)!;
    const o = (id - seg.base) * WORDS_PER_HASH;
    return seg.hashes.slice(o, o + WORDS_PER_HASH);
  }

  /**
   * Rebuilds everything (segments + tail) into as few segments as possible. Synchronous, ~0.8 µs
   * per hash, and holds a second copy of hashes and tables until done (about 2x RSS): run it
   * off-peak, or rather rebuild from the packed source lists on reload. A background merge in
   * flight is discarded.
   */
  compact(): void {
    const all = new Uint32Array(this.count * WORDS_PER_HASH);
    for (const seg of this.segments) all.set(seg.hashes, seg.base * WORDS_PER_HASH);
    all.set(this.tail.subarray(0, this.tailCount * WORDS_PER_HASH), (this.count - this.tailCount) * WORDS_PER_HASH);
    this.segments = [];
    for (let start = 0; start < this.count; start += MAX_SEGMENT_SIZE) {
      const end = Math.min(this.count, start + MAX_SEGMENT_SIZE);
      this.segments.push(WordPairSegment.build(all.subarray(start * WORDS_PER_HASH, end * WORDS_PER_HASH), start, this.segmentOptions));
    }
    this.tailCount = 0;
  }

  stats(): HammingIndexStats {
    let bytes = this.tail.byteLength + this.dead.bits.byteLength;
    for (const s of this.segments) bytes += s.hashes.byteLength + s.tableBytes;
    return {
      size: this.count,
      activeSize: this.activeSize,
      segments: this.segments.map((s) => s.count),
      tail: this.tailCount,
      bytes,
      simd: this.segments.every((s) => s.simd),
    };
  }

  private freezeTail(): void {
    const hashes = this.tail.slice(0, this.tailCount * WORDS_PER_HASH);
    this.segments.push(WordPairSegment.build(hashes, this.count - this.tailCount, this.segmentOptions));
    this.tailCount = 0;
    this.mergeNewest();
  }

  /** Resolves once no background merge is running (tests, graceful shutdown). */
  async whenIdle(): Promise<void> {
    while (this.background !== null) await this.background;
  }

  /**
   * Geometric merging keeps the segment count logarithmic while each hash is rebuilt O(log n)
   * times. Only the newest run of segments not already being merged is considered.
   */
  private mergeNewest(): void {
    for (;;) {
      const n = this.segments.length;
      if (n < 2) return;
      const older = this.segments[n - 2]!;
      const newer = this.segments[n - 1]!;
      if (this.busy.has(older) || this.busy.has(newer)) return;
      const merged = older.count + newer.count;
      if (newer.count * this.mergeFactor < older.count || merged > this.maxAutoMergeSize) return;
      if (merged > this.syncMergeSize) {
        if (this.background === null) this.mergeInBackground(older, newer);
        return;
      }
      this.segments.splice(n - 2, 2, WordPairSegment.build(concat(older, newer), older.base, this.segmentOptions));
    }
  }

  /** Rebuilds older+newer in time slices; both keep answering queries until the swap. */
  private mergeInBackground(older: WordPairSegment, newer: WordPairSegment): void {
    this.busy.add(older);
    this.busy.add(newer);
    this.background = WordPairSegment.buildInSlices(concat(older, newer), older.base, this.segmentOptions, this.sliceMs).then(
      (merged) => {
        this.busy.clear();
        this.background = null;
        const i = this.segments.indexOf(older);
        // compact() may have replaced the segments meanwhile; then the result is simply dropped
        if (i >= 0 && this.segments[i + 1] === newer) this.segments.splice(i, 2, merged);
        this.mergeNewest();
      },
      () => {
        this.busy.clear();
        this.background = null;
      },
    );
  }
}

function concat(older: WordPairSegment, newer: WordPairSegment): Uint32Array {
  const hashes = new Uint32Array((older.count + newer.count) * WORDS_PER_HASH);
  hashes.set(older.hashes);
  hashes.set(newer.hashes, older.count * WORDS_PER_HASH);
  return hashes;
}

// Public API in one import: services/matcher/src/index/hamming-index
export { BruteForceIndex } from './brute-force-index';
export type { HammingMatch } from './sink';
export { hexToWords, wordsToHex, popcount32, packHexHashes, hammingDistance, WORDS_PER_HASH } from './bits';
