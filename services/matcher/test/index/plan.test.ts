import { planSegment } from '../../src/index/plan';

describe('segment query plans', () => {
  it('always satisfy the pigeonhole budget sum(t + 1) >= r + 1 with word radii in [-1, 32]', () => {
    const bad: string[] = [];
    for (const count of [1, 1000, 1_000_000, 16_000_000]) {
      for (let r = 0; r <= 256; r++) {
        const { t } = planSegment(r, count, false);
        let budget = 0;
        for (const tp of t) budget += tp + 1;
        if (budget < r + 1 || t.some((tp) => tp < -1 || tp > 32)) bad.push(`n=${count} r=${r}: ${Array.from(t).join(',')}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('spends radius 31 as t = 3 on every word, and scans tiny segments or huge radii', () => {
    expect(Array.from(planSegment(31, 10_000_000).t)).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
    expect(planSegment(31, 10_000_000).scan).toBe(false);
    expect(planSegment(31, 20).scan).toBe(true);
    expect(planSegment(200, 10_000_000).scan).toBe(true);
    expect(planSegment(200, 10_000_000, false).scan).toBe(false);
  });
});
