/**
 * Perceptual-hash robustness bench: how far do blockhash and PDQ move under everyday edits, and how close do
 * distinct pictures come? Run from the repository root:
 *
 *     npx tsx bench/robustness/run.ts [--images 200] [--seed 1] [--max-side 1024] [--decode-side 256] [--workers <cores>]
 *
 * `--save hashes.json` also writes every hash (hex only, no pixels) so that `--load hashes.json` can redo the
 * statistics without hashing again.
 *
 * Every picture is synthetic and benign (gradients, shapes, noise, stripes, checkers, text posters; see images.ts),
 * drawn from a seeded PRNG, and nothing is written to disk or sent anywhere. Results and the recommended thresholds
 * are printed; bench/robustness/README.md has a recorded run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_DECODE_SIDE, hammingHex, PDQ_WEAK_QUALITY } from '@hotline/hashing';
import { IMAGE_KINDS, type ImageKind } from './images';
import { hamming, Histogram, minOver, pack, pct, table, type Packed } from './stats';
import { TRANSFORMS } from './transforms';
import type { HashRecord, ImageResult, Job } from './worker';

const BLOCKHASH_THRESHOLDS = [8, 16, 24, 32, 40];
const PDQ_THRESHOLDS = [16, 24, 31, 40, 50, 63];
/** A recall gain smaller than this (percentage points of mean recall) does not justify a higher threshold. */
const RECALL_TIE = 0.5;

interface Options {
  images: number;
  seed: number;
  maxSide: number;
  /** hashImage's decodeSide (HASH_DECODE_SIDE): 0 hashes the full resolution, as before issue 12's reduced decode. */
  decodeSide: number;
  workers: number;
  save?: string;
  load?: string;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { images: 200, seed: 1, maxSide: 1024, decodeSide: DEFAULT_DECODE_SIDE, workers: Math.max(1, os.availableParallelism()) };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const text = argv[i + 1];
    const value = Number(text);
    const need = (ok: boolean) => {
      if (!ok || text === undefined) throw new Error(`bad value for ${flag}: ${text}`);
      i++;
    };
    if (flag === '--images') {
      need(Number.isInteger(value) && value >= 2);
      opts.images = value;
    } else if (flag === '--seed') {
      need(Number.isInteger(value));
      opts.seed = value;
    } else if (flag === '--max-side') {
      need(Number.isInteger(value) && value >= 480);
      opts.maxSide = value;
    } else if (flag === '--decode-side') {
      need(Number.isInteger(value) && value >= 0);
      opts.decodeSide = value;
    } else if (flag === '--workers') {
      need(Number.isInteger(value) && value >= 1);
      opts.workers = value;
    } else if (flag === '--save') {
      need(!!text);
      opts.save = text;
    } else if (flag === '--load') {
      need(!!text);
      opts.load = text;
    } else {
      throw new Error(
        `unknown argument ${flag} (usage: run.ts [--images N] [--seed S] [--max-side PX] [--decode-side PX] [--workers W] [--save FILE | --load FILE])`,
      );
    }
  }
  return opts;
}

/** Hash every picture and its transforms on `workers` worker threads, one picture per message. */
async function hashAll(opts: Options): Promise<ImageResult[]> {
  const results: ImageResult[] = [];
  let next = 0;
  let done = 0;
  const started = performance.now();
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(path.join(__dirname, 'worker.js'));
      const send = () => {
        if (next >= opts.images) {
          worker.postMessage(null);
          return;
        }
        const job: Job = { index: next++, seed: opts.seed, maxSide: opts.maxSide, decodeSide: opts.decodeSide };
        worker.postMessage(job);
      };
      worker.on('message', (msg: { ok: true; result: ImageResult } | { ok: false; index: number; error: string }) => {
        if (!msg.ok) {
          void worker.terminate();
          reject(new Error(`image ${msg.index}: ${msg.error}`));
          return;
        }
        results.push(msg.result);
        done++;
        if (done % 20 === 0 || done === opts.images) {
          process.stderr.write(
            `  hashed ${done}/${opts.images} pictures (+${TRANSFORMS.length} transforms each), ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
          );
        }
        send();
      });
      worker.on('error', reject);
      worker.on('exit', () => resolve());
      send();
    });
  await Promise.all(Array.from({ length: Math.min(opts.workers, opts.images) }, runWorker));
  if (results.length !== opts.images) throw new Error(`only ${results.length} of ${opts.images} pictures were hashed`);
  return results.sort((a, b) => a.index - b.index);
}

interface Hashes {
  blockhash: Packed;
  /** 8 dihedral variants, plain first. */
  pdq: Packed[];
  weak: boolean;
}

const packRecord = (r: HashRecord): Hashes => ({ blockhash: pack(r.blockhash), pdq: r.pdq.map(pack), weak: r.quality < PDQ_WEAK_QUALITY });

/** The k closest pairs seen: query picture a (transform t, or -1 for the original) against original b. */
class Closest {
  readonly pairs: Array<{ d: number; a: number; t: number; b: number }> = [];
  constructor(private readonly k: number) {}

  add(d: number, a: number, t: number, b: number): void {
    if (this.pairs.length === this.k && d >= this.pairs[this.k - 1]!.d) return;
    this.pairs.push({ d, a, t, b });
    this.pairs.sort((x, y) => x.d - y.d);
    if (this.pairs.length > this.k) this.pairs.pop();
  }
}

function main(): Promise<void> {
  return run(parseArgs(process.argv.slice(2)));
}

async function run(opts: Options): Promise<void> {
  const t0 = performance.now();
  let results: ImageResult[] | undefined;
  if (opts.load) {
    const saved = JSON.parse(fs.readFileSync(opts.load, 'utf8')) as { options: Options; transforms: string[]; results: ImageResult[] };
    if (saved.transforms.join('|') !== TRANSFORMS.map((t) => t.name).join('|')) throw new Error(`${opts.load} was made with other transforms`);
    Object.assign(opts, { ...saved.options, workers: opts.workers, load: opts.load, save: undefined });
    results = saved.results;
    console.log(`Perceptual-hash robustness bench: hashes loaded from ${opts.load}`);
  }
  console.log(
    `Perceptual-hash robustness bench: ${opts.images} synthetic pictures (long side 480–${opts.maxSide} px, seed ${opts.seed}, decode side ${opts.decodeSide || 'full'}), ` +
      `${TRANSFORMS.length} transforms each, ${opts.workers} worker thread(s)`,
  );
  results ??= await hashAll(opts);
  if (opts.save) {
    const options = { images: opts.images, seed: opts.seed, maxSide: opts.maxSide, decodeSide: opts.decodeSide };
    fs.writeFileSync(opts.save, JSON.stringify({ options, transforms: TRANSFORMS.map((t) => t.name), results }));
  }
  const hashSeconds = (performance.now() - t0) / 1000;

  const originals = results.map((r) => packRecord(r.original));
  const transformed = results.map((r) => r.transformed.map(packRecord));
  const kinds = results.map((r) => r.kind);
  const n = results.length;

  // Our packed Hamming must agree with the shared one the matcher uses.
  for (let i = 0; i + 1 < Math.min(n, 20); i++) {
    const a = results[i]!.original;
    const b = results[i + 1]!.transformed[0]!;
    if (
      hamming(pack(a.blockhash), pack(b.blockhash)) !== hammingHex(a.blockhash, b.blockhash) ||
      hamming(pack(a.pdq[0]!), pack(b.pdq[1]!)) !== hammingHex(a.pdq[0]!, b.pdq[1]!)
    ) {
      throw new Error('packed Hamming distance disagrees with hammingHex');
    }
  }

  // ---- recall: each transformed copy against its own original ----------------------------------------------------
  const recallBh = TRANSFORMS.map(() => new Histogram());
  const recallPdqPlain = TRANSFORMS.map(() => new Histogram());
  const recallPdqVar = TRANSFORMS.map(() => new Histogram());
  const weakQueries = TRANSFORMS.map(() => 0);
  const weakOriginals = originals.filter((o) => o.weak).length;
  for (let i = 0; i < n; i++) {
    const o = originals[i]!;
    for (let t = 0; t < TRANSFORMS.length; t++) {
      const q = transformed[i]![t]!;
      recallBh[t]!.add(hamming(q.blockhash, o.blockhash));
      if (q.weak) weakQueries[t]!++;
      if (q.weak || o.weak) continue;
      recallPdqPlain[t]!.add(hamming(q.pdq[0]!, o.pdq[0]!));
      recallPdqVar[t]!.add(minOver(q.pdq, o.pdq[0]!));
    }
  }

  // ---- distinct pictures: originals against each other, and transformed copies against the OTHER originals --------
  const distinctBh = new Histogram();
  const distinctPdqPlain = new Histogram();
  const distinctPdqVar = new Histogram(); // ordered pairs: query i's 8 variants vs known j's plain hash
  const crossBh = new Histogram();
  const crossPdqPlain = new Histogram();
  const crossPdqVar = new Histogram();
  const nearBh = new Closest(5);
  const nearPdq = new Closest(5);
  for (let i = 0; i < n; i++) {
    const qi = originals[i]!;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const kj = originals[j]!;
      if (j > i) {
        const d = hamming(qi.blockhash, kj.blockhash);
        distinctBh.add(d);
        nearBh.add(d, i, -1, j);
        if (!qi.weak && !kj.weak) distinctPdqPlain.add(hamming(qi.pdq[0]!, kj.pdq[0]!));
      }
      if (!qi.weak && !kj.weak) {
        const d = minOver(qi.pdq, kj.pdq[0]!);
        distinctPdqVar.add(d);
        nearPdq.add(d, i, -1, j);
      }
      for (const [t, q] of transformed[i]!.entries()) {
        const db = hamming(q.blockhash, kj.blockhash);
        crossBh.add(db);
        nearBh.add(db, i, t, j);
        if (q.weak || kj.weak) continue;
        crossPdqPlain.add(hamming(q.pdq[0]!, kj.pdq[0]!));
        const dp = minOver(q.pdq, kj.pdq[0]!);
        crossPdqVar.add(dp);
        nearPdq.add(dp, i, t, j);
      }
    }
  }

  // ---- print -------------------------------------------------------------------------------------------------------
  const out: string[] = [];
  const say = (s = '') => out.push(s);
  const kindCounts = IMAGE_KINDS.map((k) => `${k} ${kinds.filter((x) => x === k).length}`).join(', ');
  say(`pictures: ${kindCounts}`);
  say(
    `weak PDQ (quality < ${PDQ_WEAK_QUALITY}): ${weakOriginals} of ${n} originals; transformed copies: ${weakQueries.reduce((a, b) => a + b, 0)} of ${n * TRANSFORMS.length} (per transform in the PDQ tables). Pairs with a weak side are left out of every PDQ figure.`,
  );
  say();
  say('Recall = share of transformed copies within the threshold (distance <= T) of their own original; med/p90 = distance quantiles.');
  say(
    'Transforms marked * are rotations/mirrors (dihedral). PDQ tables: n = pairs where both sides have quality >= ' +
      PDQ_WEAK_QUALITY +
      ', weak = weak transformed copies.',
  );

  const recallTable = (title: string, hist: Histogram[], thresholds: number[], withWeak: boolean) => {
    say();
    say(title);
    const header = ['transform', 'n', ...(withWeak ? ['weak'] : []), ...thresholds.map((t) => `<=${t}`), 'med', 'p90', 'max'];
    const rows = TRANSFORMS.map((tr, t) => {
      const h = hist[t]!;
      return [
        `${tr.dihedral ? '*' : ' '}${tr.name}`,
        String(h.total),
        ...(withWeak ? [String(weakQueries[t])] : []),
        ...thresholds.map((x) => pct(h.fraction(x))),
        String(h.quantile(0.5)),
        String(h.quantile(0.9)),
        String(h.max()),
      ];
    });
    const mean = (label: string, keep: (dihedral: boolean) => boolean) => {
      const idx = TRANSFORMS.map((tr, t) => (keep(tr.dihedral) ? t : -1)).filter((t) => t >= 0);
      rows.push([label, '', ...(withWeak ? [''] : []), ...thresholds.map((x) => pct(meanRecall(hist, idx, x))), '', '', '']);
    };
    mean(' MEAN non-dihedral', (d) => !d);
    mean(' MEAN dihedral', (d) => d);
    mean(' MEAN all', () => true);
    say(table(header, rows));
  };
  recallTable('BLOCKHASH (256-bit, plain hash only; no rotation/mirror variants exist)', recallBh, BLOCKHASH_THRESHOLDS, false);
  recallTable('PDQ, plain hash only (query plain vs known plain)', recallPdqPlain, PDQ_THRESHOLDS, true);
  recallTable("PDQ, as the matcher uses it: min over the query's 8 dihedral variants vs the known plain hash", recallPdqVar, PDQ_THRESHOLDS, true);

  say();
  say('FALSE MATCHES between distinct pictures: share of pairs within each threshold (count in brackets when non-zero).');
  say('  "originals" = all pairs of distinct originals; "copies vs others" = every transformed copy of picture i against every original j != i.');
  const fmTable = (title: string, sets: Array<[string, Histogram]>, thresholds: number[]) => {
    say();
    say(title);
    const header = ['pairs', 'n', ...thresholds.map((t) => `<=${t}`), 'min', 'q0.01%', 'q0.1%', 'q1%', 'median'];
    const rows = sets.map(([label, h]) => [
      label,
      String(h.total),
      ...thresholds.map((x) => {
        const c = h.atMost(x);
        return c ? `${(100 * (c / h.total)).toPrecision(2)}% (${c})` : '0';
      }),
      String(h.min()),
      String(h.quantile(0.0001)),
      String(h.quantile(0.001)),
      String(h.quantile(0.01)),
      String(h.quantile(0.5)),
    ]);
    say(table(header, rows));
  };
  fmTable(
    'BLOCKHASH',
    [
      ['originals', distinctBh],
      ['copies vs others', crossBh],
    ],
    BLOCKHASH_THRESHOLDS,
  );
  fmTable(
    'PDQ',
    [
      ['originals, min-over-8 (matcher)', distinctPdqVar],
      ['copies vs others, min-over-8 (matcher)', crossPdqVar],
      ['originals, plain only', distinctPdqPlain],
      ['copies vs others, plain only', crossPdqPlain],
    ],
    PDQ_THRESHOLDS,
  );
  const describePair = (p: Closest['pairs'][number] | undefined) =>
    p ? `${p.d}: #${p.a} ${kinds[p.a]}${p.t < 0 ? '' : ` [${TRANSFORMS[p.t]!.name}]`} vs #${p.b} ${kinds[p.b]}` : 'none';
  const describe = (c: Closest) => c.pairs.map(describePair).join('; ');
  say();
  say('Closest distinct pairs (distance: query picture [transform] vs another original):');
  say(`  blockhash:           ${describe(nearBh)}`);
  say(`  PDQ min-over-8:      ${describe(nearPdq)}`);

  // ---- per kind ----------------------------------------------------------------------------------------------------
  const first = (c: Closest, hex: (i: number, t: number) => string) => {
    const p = c.pairs[0];
    return p ? `${describePair(p)}, hashes ${hex(p.a, p.t)} and ${hex(p.b, -1)}` : 'none';
  };
  const bhHex = (i: number, t: number) => (t < 0 ? results[i]!.original : results[i]!.transformed[t]!).blockhash;
  const nonDihedral = TRANSFORMS.map((tr, t) => (tr.dihedral ? -1 : t)).filter((t) => t >= 0);
  const bhChoice = recommend('blockhash', BLOCKHASH_THRESHOLDS, recallBh, nonDihedral, [distinctBh, crossBh], first(nearBh, bhHex));
  const pdqChoice = recommend(
    'PDQ',
    PDQ_THRESHOLDS,
    recallPdqVar,
    TRANSFORMS.map((_, t) => t),
    [distinctPdqVar, crossPdqVar],
    describePair(nearPdq.pairs[0]),
  );

  say();
  say(
    `Per picture kind, at the recommended thresholds (blockhash <= ${bhChoice.threshold}, PDQ min-over-8 <= ${pdqChoice.threshold}); recall is over all transforms of that kind's pictures:`,
  );
  const kindRows = IMAGE_KINDS.map((kind: ImageKind) => {
    const idx = results.map((_, i) => i).filter((i) => kinds[i] === kind);
    let bhHit = 0;
    let bhHitNonDihedral = 0;
    let bhNonDihedral = 0;
    let pdqHit = 0;
    let pdqN = 0;
    for (const i of idx) {
      for (let t = 0; t < TRANSFORMS.length; t++) {
        const q = transformed[i]![t]!;
        const o = originals[i]!;
        const hit = hamming(q.blockhash, o.blockhash) <= bhChoice.threshold;
        if (hit) bhHit++;
        if (!TRANSFORMS[t]!.dihedral) {
          bhNonDihedral++;
          if (hit) bhHitNonDihedral++;
        }
        if (q.weak || o.weak) continue;
        pdqN++;
        if (minOver(q.pdq, o.pdq[0]!) <= pdqChoice.threshold) pdqHit++;
      }
    }
    const weak = idx.filter((i) => originals[i]!.weak).length;
    return [kind, String(idx.length), String(weak), pct(bhHitNonDihedral / bhNonDihedral), pct(bhHit / (idx.length * TRANSFORMS.length)), pct(pdqHit / pdqN)];
  });
  say(table(['kind', 'pictures', 'weak PDQ', 'blockhash recall non-dihedral %', 'blockhash recall all %', 'PDQ recall all %'], kindRows));

  say();
  say('RECOMMENDED DEFAULT THRESHOLDS');
  say(`  blockhash: distance <= ${bhChoice.threshold}`);
  say(`  PDQ:       distance <= ${pdqChoice.threshold} (min over the query's 8 dihedral variants; quality >= ${PDQ_WEAK_QUALITY} only)`);
  say();
  say(wrap(`Rationale. ${bhChoice.rationale} ${pdqChoice.rationale} ${CAVEAT}`, 118));
  say();
  const total = (performance.now() - t0) / 1000;
  say(
    opts.load
      ? `runtime: ${total.toFixed(1)} s (statistics only; hashes loaded from ${opts.load})`
      : `runtime: ${total.toFixed(1)} s in all (${hashSeconds.toFixed(1)} s drawing, transforming and hashing ${n * (TRANSFORMS.length + 1)} files on ${opts.workers} worker thread(s); ${os.cpus().length} CPUs)`,
  );
  console.log(out.join('\n'));
}

const CAVEAT =
  'Caveat: these are a few hundred synthetic pictures; real lists hold millions of hashes and real collections hold series of near-identical ' +
  'frames, so distinct pairs will come closer than here. Treat the margin as a floor, and prefer human review of near misses over a higher ' +
  'threshold when recall matters.';

function meanRecall(hist: Histogram[], idx: number[], t: number): number {
  if (!idx.length) return NaN;
  return idx.reduce((s, i) => s + hist[i]!.fraction(t), 0) / idx.length;
}

/** Required gap between a threshold and the closest distinct pair: a quarter of the threshold, at least 8 bits. */
const margin = (t: number) => Math.max(8, Math.ceil(t / 4));

/**
 * The threshold with the highest mean recall over `idx` transforms among those that keep every distinct pair
 * (originals and copies vs other originals) further than threshold + margin; a higher threshold must buy more than
 * RECALL_TIE points of mean recall.
 */
function recommend(
  name: string,
  thresholds: number[],
  recall: Histogram[],
  idx: number[],
  distinct: Histogram[],
  closestPair: string,
): { threshold: number; rationale: string } {
  const closest = Math.min(...distinct.map((h) => h.min()));
  const admissible = thresholds.filter((t) => distinct.every((h) => h.atMost(t) === 0) && closest > t + margin(t));
  const score = (t: number) => 100 * meanRecall(recall, idx, t);
  const scope =
    idx.length === recall.length ? 'all transforms' : 'the non-dihedral transforms, as blockhash cannot match rotations or mirrors at any threshold';
  const falseMatches = (t: number) => distinct.map((h) => h.atMost(t)).reduce((a, b) => a + b, 0);
  if (!admissible.length) {
    const t = thresholds[0]!;
    const counts = distinct.map((h) => `${h.atMost(t)} of ${h.total}`).join(' and ');
    return {
      threshold: t,
      rationale:
        `${name}: no candidate threshold keeps every distinct pair clear by the margin: the closest distinct pair is at ${closest} bits and even at ` +
        `the lowest candidate, ${t}, ${falseMatches(t) ? `there are false matches (${counts} pairs, originals and copies vs others)` : `the margin of ${margin(t)} bits is not met`}; ` +
        `closest: ${closestPair}. ` +
        `So ${t} is suggested as the least bad default (mean recall ${score(t).toFixed(1)}% over ${scope}) and a ${name} hit should not decide alone.`,
    };
  }
  const best = Math.max(...admissible.map(score));
  const threshold = admissible.find((t) => score(t) >= best - RECALL_TIE)!;
  const higher = thresholds.filter((t) => t > threshold);
  const highest = admissible[admissible.length - 1]!;
  const why: string[] = [];
  if (highest > threshold) why.push(`the admissible ${highest} would add only ${(score(highest) - score(threshold)).toFixed(1)} points`);
  const rejected = higher.filter((t) => !admissible.includes(t));
  if (rejected.length) {
    const r = rejected[0]!;
    const fm = falseMatches(r);
    why.push(
      `${r} would ${fm ? `already produce ${fm} false match(es)` : `leave less than the ${margin(r)}-bit margin to the closest distinct pair`} (mean recall ${score(r).toFixed(1)}%)`,
    );
  }
  const perTransform = idx.map((i) => ({ i, r: 100 * recall[i]!.fraction(threshold) })).sort((a, b) => a.r - b.r);
  const weakest = perTransform
    .slice(0, 3)
    .map(({ i, r }) => `${TRANSFORMS[i]!.name} ${r.toFixed(1)}%`)
    .join(', ');
  return {
    threshold,
    rationale:
      `${name}: ${threshold} gives a mean recall of ${score(threshold).toFixed(1)}% over ${scope}, with no distinct pair within ${threshold} ` +
      `and the closest distinct pair (original or transformed copy vs another original) at ${closest} bits (${closestPair}), ${closest - threshold} bits beyond it ` +
      `(required margin max(8, T/4) = ${margin(threshold)})${why.length ? `; ${why.join('; ')}` : ''}. Weakest transforms at ${threshold}: ${weakest}.`,
  };
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
