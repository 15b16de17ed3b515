/**
 * Exact Hamming-radius matching benchmark (synthetic random 256-bit hashes, nothing leaves the machine).
 *
 *   npx tsx bench/match/run.ts [--sizes 1000000,10000000] [--radius 31] [--queries 2000]
 *                              [--brute-queries N] [--seed 1] [--kernel simd|js]
 *
 * Each size runs in a fresh child process (same node flags) so RSS after build is not polluted by
 * the previous size. Typed arrays live outside the V8 heap, so no --max-old-space-size is needed.
 * Per size: generate n random hashes, plant for every query neighbours at distances 0..r and
 * r+1..r+8, build HammingIndex (time, RSS), time every query, time BruteForceIndex on a subset
 * (default all queries up to 1M hashes, 200 above), and check recall/precision against brute force
 * on that subset plus planted-neighbour recall and distance-verified precision on every query.
 * Exits non-zero unless recall and precision are 100%.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { BruteForceIndex, hammingDistance, HammingIndex, type HammingMatch } from '../../services/matcher/src/index/hamming-index';
import { summarise, type LatencySummary } from './stats';
import { makeWorkload, xorshift32 } from './synth';

interface Args {
  sizes: number[];
  radius: number;
  queries: number;
  bruteQueries: number | null;
  seed: number;
  simd: boolean;
  child: boolean;
}

interface Result {
  n: number;
  radius: number;
  genMs: number;
  buildMs: number;
  rssMb: number;
  indexMb: number;
  index: LatencySummary;
  /** CPU time per query (robust to other processes on a shared machine), µs. */
  indexCpuUs: number;
  /** Same index on random queries with no planted neighbours (the common case in production). */
  noMatch: LatencySummary;
  brute: LatencySummary;
  bruteQueries: number;
  recall: number;
  precision: number;
  plantedRecall: number;
  verifiedPrecision: number;
  segments: number[];
  simd: boolean;
  cpuShare: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const bq = get('brute-queries');
  return {
    sizes: (get('sizes') ?? '1000000,10000000').split(',').map((s) => Number(s.replace(/_/g, ''))),
    radius: Number(get('radius') ?? 31),
    queries: Number(get('queries') ?? 2000),
    bruteQueries: bq === undefined ? null : Number(bq),
    seed: Number(get('seed') ?? 1),
    simd: (get('kernel') ?? 'simd') !== 'js',
    child: argv.includes('--child'),
  };
}

function timeQueries(queries: Uint32Array[], search: (q: Uint32Array) => HammingMatch[]): { results: HammingMatch[][]; summary: LatencySummary } {
  const lat: number[] = [];
  const results: HammingMatch[][] = [];
  const t0 = performance.now();
  for (const q of queries) {
    const a = performance.now();
    results.push(search(q));
    lat.push(performance.now() - a);
  }
  return { results, summary: summarise(lat, performance.now() - t0) };
}

function runOne(n: number, args: Args): Result {
  const r = args.radius;
  let t = performance.now();
  const w = makeWorkload(n, args.queries, r, args.seed);
  const genMs = performance.now() - t;

  t = performance.now();
  const index = HammingIndex.build(w.hashes, { simd: args.simd });
  const buildMs = performance.now() - t;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  const st = index.stats();

  // warm-up (JIT tiers, page faults) on 500 unrelated random queries, then time every query
  const rnd = xorshift32(args.seed + 1000);
  const randomQuery = () => Uint32Array.from({ length: 8 }, rnd);
  for (let i = 0; i < 500; i++) index.search(randomQuery(), r);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const ix = timeQueries(w.queries, (q) => index.search(q, r));
  const cpu = process.cpuUsage(cpu0);
  const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - wall0);
  const indexCpuUs = (cpu.user + cpu.system) / w.queries.length;
  const randomQueries = Array.from({ length: w.queries.length }, randomQuery);
  const noMatch = timeQueries(randomQueries, (q) => index.search(q, r)).summary;

  const brute = BruteForceIndex.build(w.hashes);
  const nb = Math.min(w.queries.length, args.bruteQueries ?? (n <= 1_000_000 ? w.queries.length : 200));
  const bf = timeQueries(w.queries.slice(0, nb), (q) => brute.search(q, r));

  // exact comparison on the brute-force subset
  let truth = 0;
  let found = 0;
  let hit = 0;
  for (let i = 0; i < nb; i++) {
    const expect = new Map(bf.results[i]!.map((m) => [m.id, m.distance]));
    truth += expect.size;
    found += ix.results[i]!.length;
    for (const m of ix.results[i]!) if (expect.get(m.id) === m.distance) hit++;
  }
  // every query: planted neighbours found, and every reported hash really within r
  let plantedTotal = 0;
  let plantedHit = 0;
  let reported = 0;
  let reportedOk = 0;
  for (let i = 0; i < w.queries.length; i++) {
    const ids = new Set(ix.results[i]!.map((m) => m.id));
    for (const id of w.planted[i]!) {
      plantedTotal++;
      if (ids.has(id)) plantedHit++;
    }
    const seen = new Set<number>();
    for (const m of ix.results[i]!) {
      reported++;
      const d = hammingDistance(w.queries[i]!, w.hashes.subarray(m.id * 8, m.id * 8 + 8));
      if (d === m.distance && d <= r && !seen.has(m.id)) reportedOk++;
      seen.add(m.id);
    }
  }
  return {
    n,
    radius: r,
    genMs,
    buildMs,
    rssMb,
    indexMb: st.bytes / 2 ** 20,
    index: ix.summary,
    indexCpuUs,
    noMatch,
    brute: bf.summary,
    bruteQueries: nb,
    recall: truth === 0 ? 1 : hit / truth,
    precision: found === 0 ? 1 : hit / found,
    plantedRecall: plantedTotal === 0 ? 1 : plantedHit / plantedTotal,
    verifiedPrecision: reported === 0 ? 1 : reportedOk / reported,
    segments: st.segments,
    simd: st.simd,
    cpuShare,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(x === 1 ? 0 : 4)}%`;
const f = (x: number, d = 3) => x.toFixed(d);

function printTable(results: Result[]): void {
  const rows = [
    [
      'n',
      'build s',
      'RSS MiB',
      'index p50 ms',
      'p99 ms',
      'lookups/s',
      'CPU µs/q',
      'no-match p50',
      'p99',
      'lookups/s',
      'brute p50 ms',
      'brute p99 ms',
      'brute lookups/s',
      'speed-up',
      'recall',
      'precision',
    ],
    ...results.map((r) => [
      r.n.toLocaleString('en-US'),
      f(r.buildMs / 1000, 1),
      f(r.rssMb, 0),
      f(r.index.p50),
      f(r.index.p99),
      f(r.index.perSecond, 0),
      f(r.indexCpuUs, 0),
      f(r.noMatch.p50),
      f(r.noMatch.p99),
      f(r.noMatch.perSecond, 0),
      f(r.brute.p50, 2),
      f(r.brute.p99, 2),
      f(r.brute.perSecond, 0),
      `${f(r.brute.mean / r.index.mean, 0)}x`,
      pct(Math.min(r.recall, r.plantedRecall)),
      pct(Math.min(r.precision, r.verifiedPrecision)),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padStart(widths[c]!)).join('  '));
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) {
    const res = runOne(args.sizes[0]!, args);
    console.log(`RESULT ${JSON.stringify(res)}`);
    return;
  }
  console.log(
    `radius ${args.radius}, ${args.queries} queries, seed ${args.seed}, node ${process.version}, load avg ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const results: Result[] = [];
  for (const n of args.sizes) {
    const childArgs = [
      ...process.execArgv,
      process.argv[1]!,
      '--child',
      '--sizes',
      String(n),
      '--radius',
      String(args.radius),
      '--queries',
      String(args.queries),
      '--seed',
      String(args.seed),
      '--kernel',
      args.simd ? 'simd' : 'js',
    ];
    if (args.bruteQueries !== null) childArgs.push('--brute-queries', String(args.bruteQueries));
    const out = spawnSync(process.execPath, childArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
    const line = out.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (out.status !== 0 || !line) throw new Error(`child for n=${n} failed (status ${out.status}): ${out.stdout}`);
    const r = JSON.parse(line.slice(7)) as Result;
    results.push(r);
    console.log(
      `n=${n}: generate ${f(r.genMs / 1000, 1)} s, build ${f(r.buildMs / 1000, 2)} s, RSS after build ${f(r.rssMb, 0)} MiB (index+hashes ${f(r.indexMb, 0)} MiB), ` +
        `segments [${r.segments.join(',')}], simd ${r.simd}, index mean ${f(r.index.mean)} ms, brute-force on ${r.bruteQueries} queries, CPU share during queries ${f(r.cpuShare, 2)}, ` +
        `recall ${pct(r.recall)} / planted ${pct(r.plantedRecall)}, precision ${pct(r.precision)} / verified ${pct(r.verifiedPrecision)}`,
    );
  }
  console.log('');
  printTable(results);
  const ok = results.every((r) => r.recall === 1 && r.precision === 1 && r.plantedRecall === 1 && r.verifiedPrecision === 1);
  if (!ok) {
    console.error('FAIL: recall/precision below 100%');
    process.exit(1);
  }
}

main();
