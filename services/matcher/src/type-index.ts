import type { HashType } from '@hotline/platform';
import { ExactHashIndex } from './index/exact-index';
import { HammingIndex } from './index/hamming-index';
import { hexToWords } from './index/bits';

/** Hashes travel as 8 words whatever their type: md5 and sha1 are zero-padded. */
export function toWords(hex: string): Uint32Array {
  return hexToWords(hex.padEnd(64, '0'));
}

/** Grows a typed array by doubling; metadata stays in flat arrays, not one object per hash. */
export function grow<T extends Float64Array | Uint32Array | Uint8Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, a.length * 2, 1024));
  b.set(a);
  return b;
}

const HASH_OFF = 1;
const LIST_OFF = 2;
const WEAK = 4;

/** What a TypeIndex needs of its index; the Hamming index and the exact one both provide it. */
type HashIndex = Pick<HammingIndex, 'search' | 'add' | 'addMany' | 'disable' | 'enable' | 'size'>;

/** Perceptual hashes are searched within a Hamming radius; cryptographic ones only for equality. */
const PERCEPTUAL: ReadonlySet<HashType> = new Set(['blockhash', 'pdq']);

/**
 * The hashes of one type: a HammingIndex (perceptual types) or an ExactHashIndex (cryptographic
 * types) plus, per index id, the database id, the list and the category. A hash is searchable
 * only while none of its "off" reasons (disabled hash, disabled list, weak PDQ not matched) holds;
 * the index's tombstones mirror that.
 */
export class TypeIndex {
  index: HashIndex;
  dbIds = new Float64Array(0);
  listIds = new Uint32Array(0);
  categories = new Uint32Array(0);
  off = new Uint8Array(0);
  /** Whether dbIds increase with the index id (imports append ever larger ids; the load's COPY is in heap order, usually ascending). */
  private ascending = true;
  /** Otherwise: index ids in dbId order, built when a lookup needs it and rebuilt after an append. */
  private byDbId: Uint32Array | null = null;

  constructor(type: HashType, packed: Uint32Array = new Uint32Array(0)) {
    this.index = PERCEPTUAL.has(type) ? HammingIndex.build(packed) : ExactHashIndex.build(packed);
  }

  /** Takes over metadata arrays filled during a bulk load (entry i describes index id i) instead of copying them. */
  static adopt(type: HashType, packed: Uint32Array, meta: Pick<TypeIndex, 'dbIds' | 'listIds' | 'categories' | 'off'>, n: number): TypeIndex {
    const t = new TypeIndex(type, packed);
    Object.assign(t, { dbIds: meta.dbIds, listIds: meta.listIds, categories: meta.categories, off: meta.off });
    for (let id = 0; id < n; id++) {
      if (t.off[id]) t.index.disable(id);
      if (id > 0 && t.dbIds[id]! <= t.dbIds[id - 1]!) t.ascending = false;
    }
    return t;
  }

  get size(): number {
    return this.index.size;
  }

  /** Metadata for ids already placed in the index by build() or add(). */
  setMeta(id: number, dbId: number, listId: number, category: number, off: number): void {
    this.dbIds = grow(this.dbIds, id + 1, (n) => new Float64Array(n));
    this.listIds = grow(this.listIds, id + 1, (n) => new Uint32Array(n));
    this.categories = grow(this.categories, id + 1, (n) => new Uint32Array(n));
    this.off = grow(this.off, id + 1, (n) => new Uint8Array(n));
    if (id > 0 && dbId <= this.dbIds[id - 1]!) this.ascending = false;
    this.byDbId = null;
    this.dbIds[id] = dbId;
    this.listIds[id] = listId;
    this.categories[id] = category;
    this.off[id] = off;
    if (off) this.index.disable(id);
  }

  private setFlag(id: number, flag: number, on: boolean): void {
    const before = this.off[id]!;
    const after = on ? before | flag : before & ~flag;
    this.off[id] = after;
    if (before === 0 && after !== 0) this.index.disable(id);
    if (before !== 0 && after === 0) this.index.enable(id);
  }

  setHashOff(id: number, off: boolean): void {
    this.setFlag(id, HASH_OFF, off);
  }

  /** Disables or re-enables the entry of a database id; false when this index has none. */
  setHashOffByDbId(dbId: number, off: boolean): boolean {
    const id = this.entryOf(dbId);
    if (id < 0) return false;
    this.setHashOff(id, off);
    return true;
  }

  /**
   * The index id holding a database id, or -1: a binary search, over dbIds themselves while they
   * ascend (no extra memory), else over a permutation sorted by dbId (4 bytes per hash, built on
   * the first lookup after a load or append that broke the order, e.g. rows rewritten by a disable
   * and then loaded in heap order).
   */
  entryOf(dbId: number): number {
    const n = this.index.size;
    const order = this.ascending ? null : (this.byDbId ??= sortedByDbId(this.dbIds, n));
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.dbIds[order ? order[mid]! : mid]!;
      if (v < dbId) lo = mid + 1;
      else if (v > dbId) hi = mid;
      else return order ? order[mid]! : mid;
    }
    return -1;
  }

  setListOff(listId: number, off: boolean): void {
    for (let id = 0; id < this.index.size; id++) if (this.listIds[id] === listId) this.setFlag(id, LIST_OFF, off);
  }

  static offFlags(hashEnabled: boolean, listEnabled: boolean, weak: boolean): number {
    return (hashEnabled ? 0 : HASH_OFF) | (listEnabled ? 0 : LIST_OFF) | (weak ? WEAK : 0);
  }
}

/** Index ids 0..n-1 ordered by their dbIds: a native numeric sort of the ids, then each id placed at its id's rank. */
function sortedByDbId(dbIds: Float64Array, n: number): Uint32Array {
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = dbIds[i]!;
  sorted.sort();
  const order = new Uint32Array(n);
  for (let id = 0; id < n; id++) {
    const v = dbIds[id]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    order[lo] = id; // database ids are unique, so every rank is taken once
  }
  return order;
}
