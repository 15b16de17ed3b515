import { HASH_TYPES, type ContentHashed, type VideoHashed, type Db, type HashType, type Match, type Queryable } from '@hotline/platform';
import { PDQ_WEAK_QUALITY } from '@hotline/hashing';
import { changesSince, countKnownByType, knownById, lastChangeSeq, loadLists, scanKnown, type ListRow, type ScannedHash } from './known-store';
import { grow, TypeIndex, toWords } from './type-index';

/** Reading 10 million hashes takes longer than DATABASE_STATEMENT_TIMEOUT_MS allows a pipeline query. */
const NO_STATEMENT_TIMEOUT = 'SET LOCAL statement_timeout = 0';

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
    for (const t of HASH_TYPES) this.types.set(t, new TypeIndex(t));
  }

  get size(): number {
    return [...this.types.values()].reduce((n, t) => n + t.size, 0);
  }

  /** Hashes held per type, for the index-size gauge. */
  sizes(): Array<[HashType, number]> {
    return [...this.types].map(([type, index]) => [type, index.size]);
  }

  /** Full load: builds each type's index in one go from packed arrays (the fast path for millions). */
  async load(db: Db): Promise<void> {
    await db.transaction(async (tx) => {
      // One snapshot for the change position, the lists, the counts and the rows; changes after
      // it are applied on top by applyChanges, idempotently.
      await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      await tx.exec(NO_STATEMENT_TIMEOUT);
      this.seq = await lastChangeSeq(tx);
      await this.refreshLists(tx);
      const counts = await countKnownByType(tx);
      const acc = await this.collect(tx, '0', null, (type) => new Accumulator(counts.get(type) ?? 0));
      for (const [type, a] of acc) this.types.set(type, TypeIndex.adopt(type, a.packed(), a, a.n));
    });
  }

  /** Applies list and hash changes made since the last call; returns how many were applied. */
  async applyChanges(db: Db): Promise<number> {
    const changes = await changesSince(db, this.seq);
    if (changes.length === 0) return 0;
    await this.refreshLists(db);
    for (const c of changes) {
      if (c.kind === 'added') {
        const from = BigInt(c.fromId ?? '0') > this.maxLoadedId ? c.fromId! : String(this.maxLoadedId);
        await this.addRange(db, from, c.toId);
      } else if (c.kind === 'list_disabled' || c.kind === 'list_enabled') {
        const list = this.lists.get(c.listId);
        if (list) this.types.get(list.hashType)!.setListOff(c.listId, c.kind === 'list_disabled');
      } else if (c.hashId) {
        const row = await knownById(db, c.hashId);
        const list = row && this.lists.get(row.listId);
        if (row && list) this.types.get(list.hashType)!.setHashOffByDbId(row.dbId, !row.enabled);
      }
      this.seq = c.seq;
    }
    return changes.length;
  }

  /** An imported id range joins the index: appended in bulk per type, searchable at once. */
  private async addRange(db: Db, afterId: string, upToId: string | null): Promise<void> {
    const acc = await db.transaction(async (tx) => {
      await tx.exec(NO_STATEMENT_TIMEOUT); // a first import of a big list arrives as one range
      return this.collect(tx, afterId, upToId, () => new Accumulator(0));
    });
    for (const [type, a] of acc) {
      const t = this.types.get(type)!;
      const first = t.index.addMany(a.packed());
      for (let i = 0; i < a.n; i++) t.setMeta(first + i, a.dbIds[i]!, a.listIds[i]!, a.categories[i]!, a.off[i]!);
    }
  }

  /** Scans known hashes into one accumulator per type, without an object per hash. */
  private async collect(tx: Queryable, afterId: string, upToId: string | null, make: (type: HashType) => Accumulator): Promise<Map<HashType, Accumulator>> {
    const acc = new Map<HashType, Accumulator>();
    let maxId = this.maxLoadedId;
    await scanKnown(tx, afterId, upToId, (h) => {
      const list = this.lists.get(h.listId);
      if (!list) return; // a list created after our snapshot of hash_lists: its 'added' change brings it
      let a = acc.get(list.hashType);
      if (!a) acc.set(list.hashType, (a = make(list.hashType)));
      a.push(h.words, h.dbId, h.listId, this.categoryId(h.category), this.offFlags(list, h));
      if (h.dbId > maxId) maxId = BigInt(h.dbId);
    });
    this.maxLoadedId = maxId;
    return acc;
  }

  /**
   * A video: its file digests exactly, and each sampled frame's PDQ (as sampled, no dihedral variants;
   * weak frames only with MATCH_PDQ_WEAK). One match per known hash, with how many frames hit it and when.
   */
  matchVideo(ev: Pick<VideoHashed, 'hashes' | 'frames'>, t: MatchThresholds): Match[] {
    const best = new Map<string, Match>();
    const hitFrames = new Map<string, number[]>();
    const consider = (type: HashType, hex: string, radius: number, timestampMs: number | null) => {
      const ti = this.types.get(type)!;
      for (const hit of ti.index.search(toWords(hex), radius)) {
        const m = this.toMatch(ti, type, hit.id, hit.distance, type === 'pdq' ? 'original' : null);
        const key = `${type}:${m.knownHashId}`;
        const prev = best.get(key);
        if (!prev || m.distance < prev.distance) best.set(key, m);
        if (timestampMs !== null) hitFrames.set(key, [...(hitFrames.get(key) ?? []), timestampMs]);
      }
    };
    consider('md5', ev.hashes.md5, 0, null);
    consider('sha1', ev.hashes.sha1, 0, null);
    consider('sha256', ev.hashes.sha256, 0, null);
    for (const f of ev.frames) if (f.quality >= PDQ_WEAK_QUALITY || t.weakPdq) consider('pdq', f.pdq, t.pdq, f.timestampMs);
    for (const [key, times] of hitFrames) {
      const unique = [...new Set(times)].sort((a, b) => a - b);
      best.get(key)!.frames = { count: unique.length, timestampsMs: unique.slice(0, 100) };
    }
    return [...best.values()].sort((a, b) => a.distance - b.distance || a.hashType.localeCompare(b.hashType));
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

  private offFlags(list: ListRow, h: ScannedHash): number {
    const weak = list.hashType === 'pdq' && h.quality !== null && h.quality < PDQ_WEAK_QUALITY && !this.weakPdq;
    return TypeIndex.offFlags(h.enabled, list.enabled, weak);
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
  words: Uint32Array<ArrayBuffer>;
  dbIds: Float64Array<ArrayBuffer>;
  listIds: Uint32Array<ArrayBuffer>;
  categories: Uint32Array<ArrayBuffer>;
  off: Uint8Array<ArrayBuffer>;

  /** `capacity`: the expected count, so that a full load allocates each array once, exactly. */
  constructor(capacity: number) {
    const c = Math.max(capacity, 16);
    this.words = new Uint32Array(c * 8);
    this.dbIds = new Float64Array(c);
    this.listIds = new Uint32Array(c);
    this.categories = new Uint32Array(c);
    this.off = new Uint8Array(c);
  }

  push(words: Uint32Array, dbId: number, listId: number, category: number, off: number): void {
    const n = this.n;
    if (n === this.dbIds.length) {
      this.words = grow(this.words, (n + 1) * 8, (k) => new Uint32Array(k));
      this.dbIds = grow(this.dbIds, n + 1, (k) => new Float64Array(k));
      this.listIds = grow(this.listIds, n + 1, (k) => new Uint32Array(k));
      this.categories = grow(this.categories, n + 1, (k) => new Uint32Array(k));
      this.off = grow(this.off, n + 1, (k) => new Uint8Array(k));
    }
    const w = this.words;
    const o = n * 8; // eight stores beat TypedArray.set for 32 bytes: it is the load's hottest line
    w[o] = words[0]!;
    w[o + 1] = words[1]!;
    w[o + 2] = words[2]!;
    w[o + 3] = words[3]!;
    w[o + 4] = words[4]!;
    w[o + 5] = words[5]!;
    w[o + 6] = words[6]!;
    w[o + 7] = words[7]!;
    this.dbIds[n] = dbId;
    this.listIds[n] = listId;
    this.categories[n] = category;
    this.off[n] = off;
    this.n = n + 1;
  }

  /** The hashes pushed, 8 words each (a view when the array is full, as after an exact-count load). */
  packed(): Uint32Array {
    return this.n * 8 === this.words.length ? this.words : this.words.subarray(0, this.n * 8);
  }
}
