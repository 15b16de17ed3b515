import { ball16, choose16 } from './masks';

/**
 * Query plan for one word-pair segment: a per-word radius t[p] (-1 = word not probed) with
 * sum(t[p] + 1) >= r + 1. Pigeonhole: if dist(q, h) <= r, some word p has dist(q[p], h[p]) <= t[p]
 * (otherwise dist >= sum(t[p] + 1) > r). Each probed word is searched exactly for "word distance
 * <= t[p]", so the union over words is exact; `scan` means a linear scan is estimated cheaper.
 */
export interface SegmentPlan {
  readonly scan: boolean;
  readonly t: Int8Array;
}

/** Rough per-operation costs (ns) measured on the 2-core EPYC VM at 1K–10M hashes; only ratios matter. */
const COST = {
  region: 30, // offsets lookup + touching a bucket
  entry: 1.5, // one 16-bit entry through the scan kernel (memory-bound)
  candidate: 250, // id + full-hash fetch and verify (random memory)
  bruteEntry: 15, // one hash in a JS linear scan (early exit after ~2 words)
};

const MAX_WORD_RADIUS = 32; // a word distance is at most 32: t = 32 admits everything

/** Estimated cost (ns) of searching one word at radius t in a segment of `count` hashes. */
export function wordCost(t: number, count: number): number {
  if (t < 0) return 0;
  const a = Math.min(t >> 1, 16);
  const b = Math.min(t - a - 1, 16);
  const perBucket = count / 65536;
  const regions = ball16(a) + ball16(b);
  let candA = 0;
  for (let j = 0; j <= a; j++) candA += choose16(j) * ball16(t - j);
  let candB = 0;
  for (let j = 0; j <= b; j++) candB += choose16(j) * Math.max(0, ball16(t - j) - ball16(a));
  const scale = count / 65536 / 65536;
  return (
    COST.region * regions +
    COST.entry * regions * perBucket +
    COST.candidate * candA * scale +
    (COST.candidate + COST.region + COST.entry * perBucket) * candB * scale
  );
}

/**
 * Greedy allocation of word radii: repeatedly widen the word whose extra cost is smallest.
 * allowScan = false always returns a word plan (tests use it to exercise the tables on small data).
 */
export function planSegment(radius: number, count: number, allowScan = true): SegmentPlan {
  const t = new Int8Array(8).fill(-1);
  // every word has the same cost curve for uniformly random hashes: tabulate it once
  const cost = new Float64Array(MAX_WORD_RADIUS + 2);
  for (let k = 0; k <= MAX_WORD_RADIUS; k++) cost[k + 1] = wordCost(k, count);
  let budget = 0;
  while (budget < radius + 1) {
    let best = -1;
    let bestDelta = Infinity;
    for (let p = 0; p < 8; p++) {
      if (t[p]! >= MAX_WORD_RADIUS) continue;
      const delta = cost[t[p]! + 2]! - cost[t[p]! + 1]!;
      if (delta < bestDelta) {
        bestDelta = delta;
        best = p;
      }
    }
    t[best] = t[best]! + 1;
    budget++;
  }
  let total = 0;
  for (let p = 0; p < 8; p++) total += cost[t[p]! + 1]!;
  return { scan: allowScan && total >= COST.bruteEntry * count, t };
}
