import { assertHash, normaliseRadius, WORDS_PER_HASH } from './bits';
import { type HammingMatch, MatchSink, scanHashes } from './sink';
import { assertId, Tombstones } from './tombstones';

/**
 * Reference index: a linear scan with early exit over packed hashes. Same API as HammingIndex;
 * used by the tests as the oracle and by the benchmark as the baseline.
 */
export class BruteForceIndex {
  private hashes: Uint32Array;
  private count: number;
  private owned: boolean;
  private readonly dead: Tombstones;

  private constructor(hashes: Uint32Array) {
    this.hashes = hashes;
    this.count = hashes.length / WORDS_PER_HASH;
    this.owned = false;
    this.dead = new Tombstones(this.count);
  }

  /** Keeps a reference to `hashes` (8 words per hash, id = position) until the first add(). */
  static build(hashes: Uint32Array): BruteForceIndex {
    if (hashes.length % WORDS_PER_HASH !== 0) throw new RangeError('hashes.length must be a multiple of 8');
    return new BruteForceIndex(hashes);
  }

  get size(): number {
    return this.count;
  }

  get activeSize(): number {
    return this.count - this.dead.disabledCount;
  }

  search(query: Uint32Array, radius: number): HammingMatch[] {
    assertHash(query, 'query');
    const sink = new MatchSink();
    scanHashes(this.hashes, this.count, query, normaliseRadius(radius), 0, this.dead.bits, sink);
    return sink.toMatches();
  }

  add(words: Uint32Array): number {
    assertHash(words, 'hash');
    const need = (this.count + 1) * WORDS_PER_HASH;
    if (!this.owned || need > this.hashes.length) {
      const next = new Uint32Array(Math.max(need, this.count * WORDS_PER_HASH * 2, 64 * WORDS_PER_HASH));
      next.set(this.hashes.subarray(0, this.count * WORDS_PER_HASH));
      this.hashes = next;
      this.owned = true;
    }
    this.hashes.set(words, this.count * WORDS_PER_HASH);
    this.dead.ensure(this.count + 1);
    return this.count++;
  }

  disable(id: number): void {
    assertId(id, this.count);
    this.dead.set(id, true);
  }

  enable(id: number): void {
    assertId(id, this.count);
    this.dead.set(id, false);
  }

  isEnabled(id: number): boolean {
    assertId(id, this.count);
    return !this.dead.isDisabled(id);
  }
}
