/**
 * Exact (cryptographic) hash lookups: the matcher's ExactHashIndex beside the Hamming index asked
 * at radius 0, which served md5/sha1/sha256 before. Random 256-bit hashes, nothing else.
 *
 *   npx tsx bench/match/exact.ts [--sizes 1000000,10000000] [--queries 200000]
 *
 * Per size: build time and bytes held, then p50/p99 and lookups/s over queries of which half are
 * stored and half are not; the answers of both indexes are compared on every query and a brute-force
 * scan checks the first 100. Exits non-zero on any difference.
 */
import { parseArgs } from 'node:util';
import { ExactHashIndex } from '../../services/matcher/src/index/exact-index';
import { BruteForceIndex, HammingIndex, type HammingMatch } from '../../services/matcher/src/index/hamming-index';
import { summarise } from './stats';
import { randomHashes, xorshift32 } from './synth';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000000,10000000' }, queries: { type: 'string', default: '200000' } } });
const fmt = (ms: number) => `${ms.toFixed(4)} ms`;
const key = (ms: HammingMatch[]) => ms.map((m) => `${m.id}:${m.distance}`).join(',');

function time(queries: Uint32Array[], search: (q: Uint32Array) => HammingMatch[]): { answers: string[]; line: string } {
  const lat: number[] = [];
  const answers: string[] = [];
  const t0 = performance.now();
  for (const q of queries) {
    const a = performance.now();
    const r = search(q);
    lat.push(performance.now() - a);
    answers.push(key(r));
  }
  const s = summarise(lat, performance.now() - t0);
  return { answers, line: `p50 ${fmt(s.p50)}, p99 ${fmt(s.p99)}, ${Math.round(s.perSecond).toLocaleString('en')} lookups/s` };
}

let failed = false;
for (const n of values.sizes.split(',').map(Number)) {
  const rnd = xorshift32(n);
  const hashes = randomHashes(n, rnd);
  const q = Number(values.queries);
  const queries = Array.from({ length: q }, (_, i) => {
    if (i % 2 === 1) return Uint32Array.from({ length: 8 }, rnd); // not stored
    const id = rnd() % n;
    return hashes.slice(id * 8, id * 8 + 8);
  });

  let t = performance.now();
  const exact = ExactHashIndex.build(hashes);
  const exactBuild = performance.now() - t;
  t = performance.now();
  const hamming = HammingIndex.build(hashes);
  const hammingBuild = performance.now() - t;

  const e = time(queries, (x) => exact.search(x, 0));
  const h = time(queries, (x) => hamming.search(x, 0));
  const brute = BruteForceIndex.build(hashes);
  const differing = e.answers.filter((a, i) => a !== h.answers[i] || (i < 100 && a !== key(brute.search(queries[i]!, 0)))).length;
  failed ||= differing > 0;
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  console.log(`${n.toLocaleString('en')} hashes, ${q.toLocaleString('en')} queries (half stored), ${differing} differing answers`);
  console.log(`  exact hash table:       build ${(exactBuild / 1000).toFixed(2)} s, ${mb(exact.bytes)}, ${e.line}`);
  console.log(`  Hamming index at r = 0: build ${(hammingBuild / 1000).toFixed(2)} s, ${mb(hamming.stats().bytes)}, ${h.line}`);
}
process.exit(failed ? 1 : 0);
