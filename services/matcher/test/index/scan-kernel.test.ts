import { ARRAYS_OFFSET, createScanHeap, HIT_OFFSET, REC_OFFSET, simdAvailable } from '../../src/index/scan-kernel';
import { rng } from './helpers';

/** Runs the same records through a heap and returns its hits as [tag, index] pairs. */
function run(simd: boolean, data: Uint16Array, records: number[][]): number[][] {
  const heap = createScanHeap(data.byteLength + 64, simd);
  expect(heap.simd).toBe(simd);
  heap.u16.set(data, ARRAYS_OFFSET / 2);
  records.forEach((r, i) => heap.i32.set(r, REC_OFFSET / 4 + i * 4));
  const n = heap.scan(records.length);
  const out: number[][] = [];
  for (let h = 0; h < n; h++) out.push([heap.i32[HIT_OFFSET / 4 + 2 * h]!, heap.i32[HIT_OFFSET / 4 + 2 * h + 1]!]);
  return out;
}

(simdAvailable() ? describe : describe.skip)('WebAssembly SIMD scan kernel', () => {
  it('reports exactly the entries whose popcount distance is in [min, max], like the scalar kernel', () => {
    const rnd = rng(3);
    const data = new Uint16Array(5000);
    for (let i = 0; i < data.length; i++) data[i] = rnd() & (i % 3 === 0 ? 0xffff : 0x0f0f); // some low-weight values
    for (let round = 0; round < 20; round++) {
      const records: number[][] = [];
      for (let r = 0; r < 50; r++) {
        const start = rnd() % 4000; // unaligned starts and every length 0..200, lanes past the end masked
        const count = rnd() % 201;
        const q = rnd() & 0xffff;
        const min = rnd() % 5;
        const max = min + (rnd() % 14);
        records.push([ARRAYS_OFFSET + start * 2, count, q | (max << 16) | (min << 24), r * 7]);
      }
      const simd = run(true, data, records);
      const scalar = run(false, data, records);
      expect(simd).toEqual(scalar);
      // and the scalar kernel against the definition
      const want: number[][] = [];
      for (const [addr, count, prm, tag] of records) {
        const first = (addr! - ARRAYS_OFFSET) / 2;
        for (let i = 0; i < count!; i++) {
          let d = 0;
          for (let x = data[first + i]! ^ (prm! & 0xffff); x; x &= x - 1) d++;
          if (d >= prm! >>> 24 && d <= ((prm! >>> 16) & 0xff)) want.push([tag!, i]);
        }
      }
      expect(scalar).toEqual(want);
    }
  });

  it('exact-match records (max 0) find only equal entries', () => {
    const data = Uint16Array.from({ length: 64 }, (_, i) => (i % 5 === 0 ? 0xbeef : i));
    const hits = run(true, data, [[ARRAYS_OFFSET + 2, 63, 0xbeef, 1]]);
    expect(hits.map(([, i]) => i! + 1)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
  });
});
