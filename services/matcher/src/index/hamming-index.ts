import { assertHash, normaliseRadius, WORDS_PER_HASH } from './bits';
import { type HammingMatch, MatchSink, scanHashes } from './sink';
import { assertId, Tombstones } from './tombstones';
import { MAX_SEGMENT_SIZE, WordPairSegment } from './word-pair-segment';

export interface HammingIndexOptions {
  /**
   * Appended hashes are linear-scanned until this many have accumulated, then frozen into an
   * indexed segment. 4096 keeps the scan near 10 µs. Default 4096.
   */
  tailCapacity?: number;
  /** A new segment is merged into the previous one while new.count * mergeFactor >= previous.count. Default 4. */
  mergeFactor?: number;
  /**
   * Automatic merges never produce a segment larger than this (a merge is a synchronous rebuild,
   * ~0.5 µs per hash); bigger consolidations wait for compact(). Default 2^21.
   */
  maxAutoMergeSize?: number;
}

export interface HammingIndexStats {
  size: number;
  activeSize: number;
  segments: number[];
  tail: number;
  /** Approximate bytes held: hashes + tables + tombstones. */
  bytes: number;
}

/**
 * Exact in-memory index: every stored 256-bit hash within Hamming distance r of a query.
 *
 * Layout (an LSM-style list): immutable WordPairSegments over contiguous id ranges, then a small
 * append-only tail that is linear-scanned. add() is visible to the next search immediately; when
 * the tail fills it becomes a segment, and small segments are merged geometrically so there are
 * O(log n) of them. disable()/enable() flip a tombstone flag that every search checks, so they
 * also take effect immediately; disabled hashes stay in the tables (ids never change).
 *
 * Ids are uint32 positions in insertion order (build input first), for callers to map to metadata.
 */
export class HammingIndex {
  private segments: WordPairSegment[] = [];
  private tail: Uint32Array;
  private tailCount = 0;
  private count = 0;
  private readonly dead: Tombstones;
  private readonly tailCapacity: number;
  private readonly mergeFactor: number;
  private readonly maxAutoMergeSize: number;

  private constructor(opts: HammingIndexOptions, expected: number) {
    this.tailCapacity = Math.max(1, Math.floor(opts.tailCapacity ?? 4096));
    this.mergeFactor = opts.mergeFactor ?? 4;
    this.maxAutoMergeSize = Math.min(MAX_SEGMENT_SIZE, opts.maxAutoMergeSize ?? 1 << 21);
    this.tail = new Uint32Array(this.tailCapacity * WORDS_PER_HASH);
    this.dead = new Tombstones(expected);
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
      index.segments.push(WordPairSegment.build(hashes.subarray(start * WORDS_PER_HASH, end * WORDS_PER_HASH), start));
    }
    index.count = n;
    return index;
  }

  /** Number of ids assigned (enabled + disabled); the next add() returns this value. */
  get size(): number {
    return this.count;
  }

  /** Number of enabled hashes. */
  get activeSize(): number {
    return this.count - this.dead.disabledCount;
  }

  /** Every enabled hash within `radius` (inclusive) of `query`, sorted by distance then id. */
  search(query: Uint32Array, radius: number): HammingMatch[] {
    assertHash(query, 'query');
    const r = normaliseRadius(radius);
    const sink = new MatchSink();
    const dead = this.dead.flags;
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
      this.segments.push(WordPairSegment.build(own, this.count));
      this.count += end - start;
      this.dead.ensure(this.count);
      this.mergeNewest();
    }
    return first;
  }

  /** Excludes id from results (idempotent). */
  disable(id: number): void {
    assertId(id, this.count);
    this.dead.set(id, true);
  }

  /** Re-includes a disabled id (idempotent). */
  enable(id: number): void {
    assertId(id, this.count);
    this.dead.set(id, false);
  }

  isEnabled(id: number): boolean {
    assertId(id, this.count);
    return !this.dead.isDisabled(id);
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
   * Rebuilds everything (segments + tail) into as few segments as possible. Synchronous and
   * ~0.5–0.7 µs per hash: run it off-peak or from a maintenance job, not per request.
   */
  compact(): void {
    const all = new Uint32Array(this.count * WORDS_PER_HASH);
    for (const seg of this.segments) all.set(seg.hashes, seg.base * WORDS_PER_HASH);
    all.set(this.tail.subarray(0, this.tailCount * WORDS_PER_HASH), (this.count - this.tailCount) * WORDS_PER_HASH);
    this.segments = [];
    for (let start = 0; start < this.count; start += MAX_SEGMENT_SIZE) {
      const end = Math.min(this.count, start + MAX_SEGMENT_SIZE);
      this.segments.push(WordPairSegment.build(all.subarray(start * WORDS_PER_HASH, end * WORDS_PER_HASH), start));
    }
    this.tailCount = 0;
  }

  stats(): HammingIndexStats {
    let bytes = this.tail.byteLength + this.dead.flags.byteLength;
    for (const s of this.segments) bytes += s.hashes.byteLength + s.tableBytes;
    return { size: this.count, activeSize: this.activeSize, segments: this.segments.map((s) => s.count), tail: this.tailCount, bytes };
  }

  private freezeTail(): void {
    const hashes = this.tail.slice(0, this.tailCount * WORDS_PER_HASH);
    this.segments.push(WordPairSegment.build(hashes, this.count - this.tailCount));
    this.tailCount = 0;
    this.mergeNewest();
  }

  /** Geometric merging keeps the segment count logarithmic while each hash is rebuilt O(log n) times. */
  private mergeNewest(): void {
    for (;;) {
      const n = this.segments.length;
      if (n < 2) return;
      const older = this.segments[n - 2]!;
      const newer = this.segments[n - 1]!;
      const merged = older.count + newer.count;
      if (newer.count * this.mergeFactor < older.count || merged > this.maxAutoMergeSize) return;
      const hashes = new Uint32Array(merged * WORDS_PER_HASH);
      hashes.set(older.hashes);
      hashes.set(newer.hashes, older.count * WORDS_PER_HASH);
      this.segments.splice(n - 2, 2, WordPairSegment.build(hashes, older.base));
    }
  }
}

// Public API in one import: services/matcher/src/index/hamming-index
export { BruteForceIndex } from './brute-force-index';
export type { HammingMatch } from './sink';
export { hexToWords, wordsToHex, popcount32, packHexHashes, hammingDistance, WORDS_PER_HASH } from './bits';
