import { WORDS_PER_HASH } from './bits';
import { TombstonedIds } from './tombstones';

/**
 * Hashes kept in one packed array (8 words per hash, id = position), for the indexes that keep
 * nothing else per hash: the exact hash table and the brute-force oracle. The build input is used
 * as it is (a view, no 320 MB copy at 10M) until the first append copies it into an array of
 * their own that then doubles as needed.
 */
export abstract class PackedHashes extends TombstonedIds {
  protected hashes: Uint32Array;
  private owned = false;

  protected constructor(hashes: Uint32Array) {
    if (hashes.length % WORDS_PER_HASH !== 0) throw new RangeError('hashes.length must be a multiple of 8');
    super(hashes.length / WORDS_PER_HASH);
    this.hashes = hashes;
  }

  /** Appends packed hashes (copied); returns the first new id (ids are consecutive). */
  protected append(hashes: Uint32Array): number {
    if (hashes.length % WORDS_PER_HASH !== 0) throw new RangeError('hashes.length must be a multiple of 8');
    const first = this.count;
    const need = first * WORDS_PER_HASH + hashes.length;
    if (!this.owned || need > this.hashes.length) {
      const next = new Uint32Array(Math.max(need, first * WORDS_PER_HASH * 2, 64 * WORDS_PER_HASH));
      next.set(this.hashes.subarray(0, first * WORDS_PER_HASH));
      this.hashes = next;
      this.owned = true;
    }
    this.hashes.set(hashes, first * WORDS_PER_HASH);
    this.count += hashes.length / WORDS_PER_HASH;
    this.dead.ensure(this.count);
    return first;
  }
}
