import { BruteForceIndex, HammingIndex, wordsToHex } from '../../src/index/hamming-index';
import { expected, flip, randomWords, rng } from './helpers';

describe('HammingIndex updates', () => {
  it('add() is searchable at once, through tail freezes and merges', () => {
    const rnd = rng(11);
    const base = randomWords(500, rnd);
    const index = HammingIndex.build(base, { tailCapacity: 16, mergeFactor: 2, allowScan: false });
    const all: Uint32Array[] = [];
    for (let i = 0; i < 500; i++) all.push(base.slice(i * 8, i * 8 + 8));
    const query = randomWords(1, rnd);
    for (let i = 0; i < 300; i++) {
      const h = i % 3 === 0 ? flip(query, rnd() % 40, rnd) : randomWords(1, rnd);
      expect(index.add(h)).toBe(500 + i);
      all.push(h);
      if (i % 37 === 0) {
        const packed = new Uint32Array(all.length * 8);
        all.forEach((w, j) => packed.set(w, j * 8));
        expect(index.search(query, 31)).toEqual(expected(packed, query, 31));
      }
    }
    const st = index.stats();
    expect(st.size).toBe(800);
    expect(st.segments.reduce((a, b) => a + b, 0) + st.tail).toBe(800);
    expect(st.segments.length).toBeLessThan(10); // geometric merging
    expect(wordsToHex(index.hashOf(650))).toBe(wordsToHex(all[650]!));
    expect(wordsToHex(index.hashOf(3))).toBe(wordsToHex(all[3]!));
  });

  it('disable()/enable() take effect immediately in segments and tail, idempotently', () => {
    const rnd = rng(12);
    const query = randomWords(1, rnd);
    const hashes = randomWords(200, rnd);
    for (let i = 0; i < 20; i++) hashes.set(flip(query, i, rnd), i * 8);
    const index = HammingIndex.build(hashes, { allowScan: false });
    const tailId = index.add(flip(query, 2, rnd));
    const ids = () => index.search(query, 31).map((m) => m.id);
    expect(ids()).toContain(5);
    expect(ids()).toContain(tailId);
    index.disable(5);
    index.disable(5);
    index.disable(tailId);
    expect(ids()).not.toContain(5);
    expect(ids()).not.toContain(tailId);
    expect(index.isEnabled(5)).toBe(false);
    expect(index.activeSize).toBe(199);
    expect(index.size).toBe(201);
    index.enable(5);
    index.enable(5);
    expect(ids()).toContain(5);
    expect(index.activeSize).toBe(200);
  });

  it('addMany() appends consecutive ids, small batches to the tail, large ones as segments', () => {
    const rnd = rng(13);
    const index = HammingIndex.build(new Uint32Array(0), { tailCapacity: 64 });
    expect(index.size).toBe(0);
    expect(index.search(randomWords(1, rnd), 31)).toEqual([]);
    const a = randomWords(10, rnd);
    const b = randomWords(1000, rnd);
    expect(index.addMany(a)).toBe(0);
    expect(index.stats().tail).toBe(10);
    expect(index.addMany(b)).toBe(10);
    expect(index.stats().tail).toBe(0);
    expect(index.size).toBe(1010);
    b[0] = 0; // the index copied its input
    expect(index.search(index.hashOf(10), 0).map((m) => m.id)).toContain(10);
    expect(index.search(a.slice(16, 24), 0)[0]).toEqual({ id: 2, distance: 0 });
  });

  it('compact() keeps every answer and collapses the segments', () => {
    const rnd = rng(14);
    const index = HammingIndex.build(randomWords(300, rnd), { tailCapacity: 8, maxAutoMergeSize: 64, allowScan: false });
    const query = randomWords(1, rnd);
    for (let i = 0; i < 200; i++) index.add(flip(query, rnd() % 50, rnd));
    index.disable(310);
    const before = index.search(query, 31);
    expect(index.stats().segments.length).toBeGreaterThan(2);
    index.compact();
    expect(index.stats().segments).toEqual([500]);
    expect(index.search(query, 31)).toEqual(before);
    expect(index.isEnabled(310)).toBe(false);
  });

  it('rejects bad ids, radii and queries', () => {
    const index = HammingIndex.build(new Uint32Array(16));
    expect(() => index.disable(2)).toThrow(RangeError);
    expect(() => index.enable(-1)).toThrow(RangeError);
    expect(() => index.disable(0.5)).toThrow(RangeError);
    expect(() => index.search(new Uint32Array(8), -1)).toThrow(RangeError);
    expect(() => index.search(new Uint32Array(8), 1.5)).toThrow(RangeError);
    expect(() => index.search(new Uint32Array(7), 1)).toThrow(RangeError);
    expect(() => index.add(new Uint32Array(9))).toThrow(RangeError);
    expect(() => HammingIndex.build(new Uint32Array(9))).toThrow(RangeError);
  });

  it('large merges run in the background while searches stay exact', async () => {
    const rnd = rng(15);
    const query = randomWords(1, rnd);
    const index = HammingIndex.build(new Uint32Array(0), { tailCapacity: 32, syncMergeSize: 100, backgroundSliceMs: 0, allowScan: false });
    const all: Uint32Array[] = [];
    const check = () => {
      const packed = new Uint32Array(all.length * 8);
      all.forEach((w, j) => packed.set(w, j * 8));
      expect(index.search(query, 31)).toEqual(expected(packed, query, 31));
    };
    let sawBackground = false;
    for (let i = 0; i < 600; i++) {
      const h = flip(query, rnd() % 40, rnd);
      index.add(h);
      all.push(h);
      if (i % 50 === 0) {
        check();
        await new Promise<void>((resolve) => setImmediate(resolve)); // let a slice run
        sawBackground ||= index.stats().segments.length > 3;
      }
    }
    check();
    await index.whenIdle();
    check();
    expect(sawBackground).toBe(true);
    expect(index.stats().segments.length).toBeLessThanOrEqual(4);
  });

  it('property: random add/disable/enable/compact sequences agree with the definition and BruteForceIndex', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rnd = rng(500 + seed);
      const opts = {
        tailCapacity: [3, 8, 32][seed % 3]!,
        mergeFactor: [2, 4][seed % 2]!,
        maxAutoMergeSize: [32, 1 << 21][seed % 2]!,
        syncMergeSize: [16, 1 << 16][seed % 2]!,
        backgroundSliceMs: 0,
        allowScan: seed % 4 === 0,
        simd: seed % 5 !== 0,
      };
      const initial = randomWords(rnd() % 100, rnd);
      const index = HammingIndex.build(initial, opts);
      const brute = BruteForceIndex.build(initial);
      const all: Uint32Array[] = [];
      for (let i = 0; i < initial.length / 8; i++) all.push(initial.slice(i * 8, i * 8 + 8));
      const disabled = new Set<number>();
      const query = randomWords(1, rnd);
      for (let op = 0; op < 120; op++) {
        const r = rnd() % 100;
        if (r < 55 || all.length === 0) {
          const h = flip(query, rnd() % 45, rnd);
          expect(index.add(h)).toBe(all.length);
          expect(brute.add(h)).toBe(all.length);
          all.push(h);
        } else if (r < 75) {
          const id = rnd() % all.length;
          index.disable(id);
          brute.disable(id);
          disabled.add(id);
        } else if (r < 90) {
          const id = rnd() % all.length;
          index.enable(id);
          brute.enable(id);
          disabled.delete(id);
        } else if (r < 92) index.compact();
        else if (r < 95)
          await new Promise<void>((resolve) => setImmediate(resolve)); // background slices
        else {
          const radius = rnd() % 40;
          const packed = new Uint32Array(all.length * 8);
          all.forEach((w, j) => packed.set(w, j * 8));
          const want = expected(packed, query, radius, disabled);
          const got = index.search(query, radius);
          if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`seed ${seed} op ${op}: index ${got.length} vs ${want.length}`);
          expect(brute.search(query, radius)).toEqual(want);
        }
      }
      expect(index.size).toBe(all.length);
      expect(index.activeSize).toBe(all.length - disabled.size);
      await index.whenIdle();
      const packed = new Uint32Array(all.length * 8);
      all.forEach((w, j) => packed.set(w, j * 8));
      expect(index.search(query, 31)).toEqual(expected(packed, query, 31, disabled));
    }
  });
});
