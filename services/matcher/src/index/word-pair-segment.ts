import * as bits from './bits';
import { planSegment, type SegmentPlan } from './plan';
import * as sinks from './sink';
import { buildWordTables, buildWordTablesSteps, type SegmentTables, tablesBytes } from './word-pair-tables';
import { searchWordPairs } from './word-pair-search';

export { MAX_SEGMENT_SIZE } from './word-pair-tables';

const { WORDS_PER_HASH } = bits;
const { scanHashes } = sinks;

export interface SegmentOptions {
  /** Use the WebAssembly SIMD scan kernel when the runtime has it (default true). */
  simd?: boolean;
  /** Let the planner pick a linear scan when it estimates one cheaper (default true). */
  allowScan?: boolean;
}

/**
 * Immutable exact Hamming index over up to 2^24 hashes ("word-pair multi-index").
 *
 * Search for radius r gives each 32-bit word p a radius t[p] with sum(t[p] + 1) >= r + 1 (plan.ts);
 * for r = 31 that is t = 3 for all 8 words. Within a word, dist <= t means the high half is within
 * a = floor(t/2) or the low half within t - a - 1, so for t = 3 the hi side scans the 17 buckets
 * within distance 1 of the query's high half and the lo side the 17 around its low half: 272
 * sequential bucket scans per query (~42k 16-bit entries at 10M), filtering on the other half
 * stored inline; only ~0.2% of entries reach the full hash. Classic MIH over ~23-bit substrings
 * needs ~2,000 random probes plus ~3,000 random verifications per query instead, and random
 * memory accesses are what a small VM punishes (measured at 10M, r = 31: 560 lookups/s for
 * 11 x 23-bit MIH vs ~5,500 for this layout). Memory: 7 bytes per hash per word (560 MB at 10M)
 * besides the hashes.
 */
export class WordPairSegment {
  private readonly plans = new Map<number, SegmentPlan>();

  private constructor(
    /** hashes[0 .. count*8): the segment's own hashes (may be a view of the caller's array). */
    readonly hashes: Uint32Array,
    readonly count: number,
    /** Global id of local id 0. */
    readonly base: number,
    private readonly tables: SegmentTables,
    private readonly allowScan: boolean,
  ) {}

  static build(hashes: Uint32Array, base: number, opts: SegmentOptions = {}): WordPairSegment {
    return new WordPairSegment(hashes, hashes.length / WORDS_PER_HASH, base, buildWordTables(hashes, opts.simd ?? true), opts.allowScan ?? true);
  }

  /**
   * Same as build(), but in slices of ~sliceMs separated by setImmediate, so queries keep being
   * served while a large merge runs on the single JS thread.
   */
  static async buildInSlices(hashes: Uint32Array, base: number, opts: SegmentOptions, sliceMs: number): Promise<WordPairSegment> {
    const steps = buildWordTablesSteps(hashes, opts.simd ?? true, 1 << 15);
    for (;;) {
      const until = performance.now() + sliceMs;
      let r = steps.next();
      while (r.done !== true && performance.now() < until) r = steps.next();
      if (r.done === true) return new WordPairSegment(hashes, hashes.length / WORDS_PER_HASH, base, r.value, opts.allowScan ?? true);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Whether bucket scans run in the WebAssembly SIMD kernel. */
  get simd(): boolean {
    return this.tables.heap.simd;
  }

  /** Bytes held by the tables (excluding the hashes themselves). */
  get tableBytes(): number {
    return tablesBytes(this.tables);
  }

  /** Reports every live hash within `radius` of q into sink (ids are global: base + local; dead = tombstone bitset). */
  search(q: Uint32Array, radius: number, dead: Uint8Array, sink: sinks.MatchSink): void {
    let plan = this.plans.get(radius);
    if (plan === undefined) {
      plan = planSegment(radius, this.count, this.allowScan);
      this.plans.set(radius, plan);
    }
    if (plan.scan) scanHashes(this.hashes, this.count, q, radius, this.base, dead, sink);
    else searchWordPairs(this.tables, this.hashes, this.base, q, radius, plan.t, dead, sink);
  }
}
