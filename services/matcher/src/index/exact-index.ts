import { assertHash, normaliseRadius, WORDS_PER_HASH } from './bits';
import { PackedHashes } from './packed-hashes';
import { type HammingMatch, MatchSink } from './sink';

const EMPTY = 0;

/**
 * Exact lookups for cryptographic hashes (md5, sha1, sha256 as 8 zero-padded words): an
 * open-addressing hash table with linear probing over typed arrays, so 10 million hashes cost
 * their 320 MB plus 4–8 bytes of slots each, and a lookup is a probe or two instead of the Hamming
 * index's bucket scans. Same API as HammingIndex for the calls the matcher makes; it answers
 * distance 0 only. The same hash may be stored under several ids (one per list).
 */
export class ExactHashIndex extends PackedHashes {
  /** id + 1 per occupied slot; power-of-two length, at most half full. */
  private slots: Uint32Array;

  private constructor(hashes: Uint32Array) {
    super(hashes);
    this.slots = new Uint32Array(slotCount(this.count));
    for (let id = 0; id < this.count; id++) this.place(id);
  }

  /** Keeps a view of `hashes` (8 words per hash, id = position) until the first add; do not modify it. */
  static build(hashes: Uint32Array): ExactHashIndex {
    return new ExactHashIndex(hashes);
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
    const first = this.append(hashes);
    if (slotCount(this.count) > this.slots.length) {
      this.slots = new Uint32Array(slotCount(this.count)); // rehash everything into the bigger table
      for (let id = 0; id < this.count; id++) this.place(id);
    } else {
      for (let id = first; id < this.count; id++) this.place(id);
    }
    return first;
  }

  /** Bytes held: hashes, slots and tombstones. */
  get bytes(): number {
    return this.hashes.byteLength + this.slots.byteLength + this.dead.bits.byteLength;
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
