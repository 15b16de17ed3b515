/**
 * All 16-bit values ordered by popcount, so "every key within Hamming distance k of x" is
 * x ^ MASKS16[MASK_START[j] .. MASK_START[j+1]) for j = 0..k, without recursion or allocation.
 */

export const MASK_START: Uint32Array = new Uint32Array(18);
export const MASKS16: Uint16Array = (() => {
  const byWeight: number[][] = Array.from({ length: 17 }, () => []);
  for (let v = 0; v < 65536; v++) {
    let c = 0;
    for (let x = v; x !== 0; x &= x - 1) c++;
    byWeight[c]!.push(v);
  }
  const out = new Uint16Array(65536);
  let n = 0;
  for (let k = 0; k <= 16; k++) {
    MASK_START[k] = n;
    for (const v of byWeight[k]!) out[n++] = v;
  }
  MASK_START[17] = n;
  return out;
})();

/** C(16, k) */
export function choose16(k: number): number {
  return k < 0 || k > 16 ? 0 : MASK_START[k + 1]! - MASK_START[k]!;
}

/** Number of 16-bit keys within distance k of a given key: sum_{j<=k} C(16, j) (0 when k < 0). */
export function ball16(k: number): number {
  if (k < 0) return 0;
  return MASK_START[Math.min(k, 16) + 1]!;
}
