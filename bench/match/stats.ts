/** Latency summary in milliseconds. */
export interface LatencySummary {
  p50: number;
  p99: number;
  mean: number;
  perSecond: number;
}

export function summarise(latenciesMs: number[], totalMs: number): LatencySummary {
  const s = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), mean: totalMs / s.length, perSecond: (s.length / totalMs) * 1000 };
}
