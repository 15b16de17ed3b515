import { HASH_TYPES, PDQ_WEAK_QUALITY, type ContentHashed, type Db, type HashType, type Match, type Queryable } from '@hotline/shared';
import { changesSince, forEachKnown, knownById, lastChangeSeq, loadLists, streamKnown, type KnownRow, type ListRow } from './known-store';
import { grow, TypeIndex, toWords } from './type-index';

export interface MatchThresholds {
  blockhash: number;
  pdq: number;
  /** Match weak PDQ hashes (quality < 50) too; off by default. */
  weakPdq: boolean;
}

/**
 * Every known hash in memory, one exact Hamming index per hash type. Loaded once at start-up, then
 * kept current by applying `hash_changes` rows as deltas: an import adds its id range, a disabled
 * hash or list is tombstoned. No full rebuild after start-up.
 */
export class KnownIndex {
  private readonly types = new Map<HashType, TypeIndex>();
  private readonly lists = new Map<number, ListRow>();
  private readonly categories: Array<string | null> = [null];
  private readonly categoryIds = new Map<string, number>();
  private seq = '0';
  private maxLoadedId = 0n;

  constructor(private readonly weakPdq: boolean) {
    for (const t of HASH_TYPES) this.types.set(t, new TypeIndex());
  }

  get size(): number {
    return [...this.types.values()].reduce((n, t) => n + t.size, 0);
  }

  /** Full load: builds each type's index in one go from packed arrays (the fast path for millions). */
  async load(db: Db): Promise<void> {
    this.seq = await lastChangeSeq(db); // changes after this are applied on top, idempotently
    await this.refreshLists(db);
    const acc = new Map<HashType, Accumulator>();
    let lastId = '0';
    await forEachKnown(db, (row) => {
      let a = acc.get(row.hashType);
      if (!a) acc.set(row.hashType, (a = new Accumulator()));
      a.push(toWords(row.hash), Number(row.id), row.listId, this.categoryId(row.category), this.offFlags(row));
      lastId = row.id;
    });
    this.maxLoadedId = BigInt(lastId);
    for (const [type, a] of acc) {
      this.types.set(type, TypeIndex.adopt(a.words.subarray(0, a.n * 8), a, a.n));
    }
  }

  /** Applies list and hash changes made since the last call; returns how many were applied. */
  async applyChanges(db: Queryable): Promise<number> {
    const changes = await changesSince(db, this.seq);
    if (changes.length === 0) return 0;
    await this.refreshLists(db);
    for (const c of changes) {
      if (c.kind === 'added') {
        const from = BigInt(c.fromId ?? '0') > this.maxLoadedId ? c.fromId! : String(this.maxLoadedId);
        for await (const page of streamKnown(db, from, c.toId)) this.addRows(page);
      } else if (c.kind === 'list_disabled' || c.kind === 'list_enabled') {
        const list = this.lists.get(c.listId);
        if (list) this.types.get(list.hashType)!.setListOff(c.listId, c.kind === 'list_disabled');
      } else if (c.hashId) {
        const row = await knownById(db, c.hashId);
        if (row) this.setHashOff(row, !row.enabled);
      }
      this.seq = c.seq;
    }
    return changes.length;
  }

  match(ev: Pick<ContentHashed, 'hashes' | 'pdqQuality' | 'pdqVariants'>, t: MatchThresholds): Match[] {
    const best = new Map<string, Match>();
    const consider = (type: HashType, hex: string, radius: number, variant: Match['variant']) => {
      const ti = this.types.get(type)!;
      for (const hit of ti.index.search(toWords(hex), radius)) {
        const m = this.toMatch(ti, type, hit.id, hit.distance, variant);
        const key = `${type}:${m.knownHashId}`;
        const prev = best.get(key);
        if (!prev || m.distance < prev.distance) best.set(key, m);
      }
    };
    consider('md5', ev.hashes.md5, 0, null);
    consider('sha1', ev.hashes.sha1, 0, null);
    consider('sha256', ev.hashes.sha256, 0, null);
    consider('blockhash', ev.hashes.blockhash, t.blockhash, null);
    if (ev.pdqQuality >= PDQ_WEAK_QUALITY || t.weakPdq) {
      for (const v of ev.pdqVariants) consider('pdq', v.hash, t.pdq, v.variant);
    }
    return [...best.values()].sort((a, b) => a.distance - b.distance || a.hashType.localeCompare(b.hashType));
  }

  private async refreshLists(db: Queryable): Promise<void> {
    for (const l of await loadLists(db)) this.lists.set(l.id, l);
  }

  private addRows(rows: KnownRow[]): void {
    for (const row of rows) {
      if (BigInt(row.id) <= this.maxLoadedId) continue;
      const t = this.types.get(row.hashType)!;
      this.setMeta(t, t.index.add(toWords(row.hash)), row);
      this.maxLoadedId = BigInt(row.id);
    }
  }

  private offFlags(row: KnownRow): number {
    const weak = row.hashType === 'pdq' && row.quality !== null && row.quality < PDQ_WEAK_QUALITY && !this.weakPdq;
    return TypeIndex.offFlags(row.enabled, this.lists.get(row.listId)?.enabled ?? true, weak);
  }

  private setMeta(t: TypeIndex, id: number, row: KnownRow): void {
    t.setMeta(id, Number(row.id), row.listId, this.categoryId(row.category), this.offFlags(row));
  }

  private setHashOff(row: KnownRow, off: boolean): void {
    const t = this.types.get(row.hashType)!;
    const target = Number(row.id);
    // Tombstoned entries are invisible to search, so look through the index's own metadata.
    for (let id = 0; id < t.size; id++) if (t.dbIds[id] === target) t.setHashOff(id, off);
  }

  private categoryId(category: string | null): number {
    if (category === null) return 0;
    let id = this.categoryIds.get(category);
    if (id === undefined) {
      id = this.categories.push(category) - 1;
      this.categoryIds.set(category, id);
    }
    return id;
  }

  private toMatch(t: TypeIndex, type: HashType, id: number, distance: number, variant: Match['variant']): Match {
    const list = this.lists.get(t.listIds[id]!);
    return {
      listName: list?.name ?? '(unknown list)',
      listSource: list?.source ?? 'unknown',
      hashType: type,
      distance,
      category: this.categories[t.categories[id]!] ?? null,
      knownHashId: String(t.dbIds[id]),
      variant,
    };
  }
}

/** Collects a type's hashes and metadata in typed arrays while loading (no object per hash). */
class Accumulator {
  n = 0;
  words = new Uint32Array(8 * 1024);
  dbIds = new Float64Array(1024);
  listIds = new Uint32Array(1024);
  categories = new Uint32Array(1024);
  off = new Uint8Array(1024);

  push(words: Uint32Array, dbId: number, listId: number, category: number, off: number): void {
    const n = this.n;
    this.words = grow(this.words, (n + 1) * 8, (k) => new Uint32Array(k));
    this.dbIds = grow(this.dbIds, n + 1, (k) => new Float64Array(k));
    this.listIds = grow(this.listIds, n + 1, (k) => new Uint32Array(k));
    this.categories = grow(this.categories, n + 1, (k) => new Uint32Array(k));
    this.off = grow(this.off, n + 1, (k) => new Uint8Array(k));
    this.words.set(words, n * 8);
    this.dbIds[n] = dbId;
    this.listIds[n] = listId;
    this.categories[n] = category;
    this.off[n] = off;
    this.n = n + 1;
  }
}
