import { assertHash, normaliseRadius, WORDS_PER_HASH } from './bits';
import { type HammingMatch, MatchSink } from './sink';
import { assertId, Tombstones } from './tombstones';

const EMPTY = 0;

/**
 * Exact lookups for cryptographic hashes (md5, sha1, sha256 as 8 zero-padded words): an
 * open-addressing hash table with linear probing over typed arrays, so 10 million hashes cost
 * their 320 MB plus 4–8 bytes of slots each, and a lookup is a probe or two instead of the Hamming
 * index's bucket scans. Same API as HammingIndex for the calls the matcher makes; it answers
 * distance 0 only. The same hash may be stored under several ids (one per list).
 */
export class ExactHashIndex {
  private hashes: Uint32Array;
  /** id + 1 per occupied slot; power-of-two length, at most half full. */
  private slots: Uint32Array;
  private count: number;
  private owned: boolean;
  private readonly dead: Tombstones;

  private constructor(hashes: Uint32Array) {
    this.hashes = hashes;
    this.count = hashes.length / WORDS_PER_HASH;
    this.owned = false;
    this.dead = new Tombstones(this.count);
    this.slots = new Uint32Array(slotCount(this.count));
    for (let id = 0; id < this.count; id++) this.place(id);
  }

  /** Keeps a view of `hashes` (8 words per hash, id = position) until the first add; do not modify it. */
  static build(hashes: Uint32Array): ExactHashIndex {
    if (hashes.length % WORDS_PER_HASH !== 0) throw new RangeError('hashes.length must be a multiple of 8');
    return new ExactHashIndex(hashes);
  }

  get size(): number {
    return this.count;
  }

  get activeSize(): number {
    return this.count - this.dead.disabledCount;
  }

  /** Every enabled id stored with exactly `query`, in id order. */
  search(query: Uint32Array, radius: number): HammingMatch[] {
    assertHash(query, 'query');
    if (normaliseRadius(radius) !== 0) throw new RangeError('the exact index answers distance 0 only');
    const sink = new MatchSink();
    const mask = this.slots.length - 1;
    for (let s = slotOf(query, 0, mask); this.slots[s] !== EMPTY; s = (s + 1) & mask) {
      const id = this.slots[s]! - 1;
      if (this.equals(id, query) && !this.dead.isDisabled(id)) sink.push(id, 0);
    }
    return sink.toMatches();
  }

  /** Appends one hash (copied); returns its id. */
  add(words: Uint32Array): number {
    assertHash(words, 'hash');
    return this.addMany(words);
  }

  /** Appends packed hashes (copied); returns the first id (ids are consecutive). */
  addMany(hashes: Uint32Array): number {
    if (hashes.length % WORDS_PER_HASH !== 0) throw new RangeError('hashes.length must be a multiple of 8');
    const first = this.count;
    const n = hashes.length / WORDS_PER_HASH;
    this.reserve(first + n);
    this.hashes.set(hashes, first * WORDS_PER_HASH);
    this.count += n;
    this.dead.ensure(this.count);
    for (let id = first; id < this.count; id++) this.place(id);
    return first;
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

  /** Bytes held: hashes, slots and tombstones. */
  get bytes(): number {
    return this.hashes.byteLength + this.slots.byteLength + this.dead.bits.byteLength;
  }

  /** Room for n hashes: the hash array doubles (copying the build view once), the slots rehash. */
  private reserve(n: number): void {
    if (!this.owned || n * WORDS_PER_HASH > this.hashes.length) {
      const next = new Uint32Array(Math.max(n, this.count * 2, 64) * WORDS_PER_HASH);
      next.set(this.hashes.subarray(0, this.count * WORDS_PER_HASH));
      this.hashes = next;
      this.owned = true;
    }
    if (slotCount(n) > this.slots.length) {
      this.slots = new Uint32Array(slotCount(n));
      for (let id = 0; id < this.count; id++) this.place(id);
    }
  }

  private place(id: number): void {
    const mask = this.slots.length - 1;
    let s = slotOf(this.hashes, id * WORDS_PER_HASH, mask);
    while (this.slots[s] !== EMPTY) s = (s + 1) & mask;
    this.slots[s] = id + 1;
  }

  private equals(id: number, q: Uint32Array): boolean {
    const h = this.hashes;
    const o = id * WORDS_PER_HASH;
    for (let k = 0; k < WORDS_PER_HASH; k++) if (h[o + k] !== q[k]) return false;
    return true;
  }
}

/** A power of two at least twice n: linear probing stays short at load factor ≤ 0.5. */
function slotCount(n: number): number {
  let s = 16;
  while (s < n * 2) s *= 2;
  return s;
}

/**
 * Slot of the hash at words[o..o+8). Cryptographic hashes are uniform already; the mixing only
 * keeps made-up values (repeated digits, zero padding of md5/sha1) from piling up in one run.
 */
function slotOf(words: Uint32Array, o: number, mask: number): number {
  let h = words[o]! ^ Math.imul(words[o + 1]!, 0x85ebca6b) ^ Math.imul(words[o + 2]!, 0xc2b2ae35) ^ Math.imul(words[o + 7]!, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 16)) & mask;
}
