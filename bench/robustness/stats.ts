/** Small helpers for the robustness bench: packed hashes, Hamming distance, quantiles, text tables. */

/** A 256-bit hash as 8 unsigned 32-bit words (hex digits in order, 8 per word). */
export type Packed = Uint32Array;

export function pack(hex: string): Packed {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new RangeError(`not a 256-bit hex hash: ${hex}`);
  const out = new Uint32Array(8);
  for (let w = 0; w < 8; w++) out[w] = parseInt(hex.slice(w * 8, w * 8 + 8), 16) >>> 0;
  return out;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function hamming(a: Packed, b: Packed): number {
  let d = 0;
  for (let w = 0; w < 8; w++) d += popcount((a[w]! ^ b[w]!) >>> 0);
  return d;
}

/** min over the query's variants of the distance to one known plain hash: what the matcher does with PDQ. */
export function minOver(variants: readonly Packed[], known: Packed): number {
  let best = 256;
  for (const v of variants) {
    const d = hamming(v, known);
    if (d < best) best = d;
  }
  return best;
}

/** Distances 0..256 counted in a histogram, so that a million pairs cost nothing to keep. */
export class Histogram {
  readonly counts = new Float64Array(257);
  total = 0;

  add(d: number): void {
    this.counts[d]!++;
    this.total++;
  }

  /** How many distances are ≤ t. */
  atMost(t: number): number {
    let n = 0;
    for (let d = 0; d <= t && d <= 256; d++) n += this.counts[d]!;
    return n;
  }

  fraction(t: number): number {
    return this.total ? this.atMost(t) / this.total : NaN;
  }

  /** Nearest-rank quantile (q in 0..1). */
  quantile(q: number): number {
    if (!this.total) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let d = 0; d <= 256; d++) {
      seen += this.counts[d]!;
      if (seen >= rank) return d;
    }
    return 256;
  }

  min(): number {
    for (let d = 0; d <= 256; d++) if (this.counts[d]) return d;
    return NaN;
  }

  max(): number {
    for (let d = 256; d >= 0; d--) if (this.counts[d]) return d;
    return NaN;
  }
}

export const pct = (x: number, digits = 1) => (Number.isNaN(x) ? '-' : `${(100 * x).toFixed(digits)}`);

/** Left-align the first column, right-align the others. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
