/**
 * Matching a reported video against the video lists: the matcher's KnownVideoIndex beside the brute
 * force it replaced (matchVideoFrames against every known video, after reading them all).
 *
 *   npx tsx bench/match/video.ts [--videos 2000] [--frames 600] [--brute-videos 10] [--seed 1] [--pg]
 *
 * Synthetic, seeded: `--videos` known videos of `--frames` random PDQ frames, one a second (1 in 20
 * weak, 1 in 50 without a quality). Queries of `--frames` frames: a noisy copy of known video 0
 * (every frame 4–12 bits off, every tenth dropped), a one-minute noisy clip of video 1 amid unrelated
 * footage, and an unrelated video. The brute force takes about half a second per known video at
 * 600 × 600 frames, so it is timed on `--brute-videos` of them (the copied ones among them) and scaled to
 * all; the database read it did per query is not counted. Checks, exiting non-zero on a difference:
 * every video the index reports equals matchVideoFrames exactly; on the timed videos the two agree on
 * which have a hit; over all frames, a linear scan (BruteForceIndex) finds a hit in exactly the videos
 * the index reports. With `--pg` (DATABASE_URL or the local server) the videos are also imported into
 * a fresh schema and loaded from it as at matcher start, then the schema is dropped.
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { migrate, PgDb } from '@hotline/platform';
import { matchVideoFrames, PDQ_WEAK_QUALITY } from '@hotline/hashing';
import { importVideoList } from '@hotline/hash-lists';
import { KnownVideoIndex, type VideoQueryFrame } from '../../services/matcher/src/video-index';
import { BruteForceIndex, hexToWords, wordsToHex } from '../../services/matcher/src/index/hamming-index';
import { xorshift32 } from './synth';

const { values } = parseArgs({
  options: {
    videos: { type: 'string', default: '2000' },
    frames: { type: 'string', default: '600' },
    'brute-videos': { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    pg: { type: 'boolean', default: false },
  },
});
const nVideos = Number(values.videos);
const nFrames = Number(values.frames);
const opts = { maxDistance: 31, minQuality: PDQ_WEAK_QUALITY };
const rnd = xorshift32(Number(values.seed));

const randomHex = () => wordsToHex(Uint32Array.from({ length: 8 }, rnd));
/** The hash with 4–12 distinct random bits flipped: a re-encoded frame. */
function noisy(hex: string): string {
  const w = hexToWords(hex);
  const bits = new Set<number>();
  for (const n = 4 + (rnd() % 9); bits.size < n;) bits.add(rnd() % 256);
  for (const b of bits) w[b >>> 5] = w[b >>> 5]! ^ (1 << (b & 31));
  return wordsToHex(w);
}

const known = Array.from({ length: nVideos }, (_, v) => ({
  listId: 1 + (v % 2),
  listName: `bench-${1 + (v % 2)}`,
  listSource: 'synthetic',
  videoId: `video-${v}`,
  category: 'A',
  frames: Array.from({ length: nFrames }, (_, i) => ({
    timestampMs: i * 1000,
    pdq: randomHex(),
    quality: i % 50 === 7 ? null : i % 20 === 3 ? 30 : 60 + (rnd() % 41),
  })),
}));
const clipStart = Math.max(0, Math.floor(nFrames / 3));
const clip = known[1 % nVideos]!.frames.slice(clipStart, clipStart + 60);
const unrelated = (n: number): VideoQueryFrame[] => Array.from({ length: n }, (_, i) => ({ timestampMs: i * 1000, pdq: randomHex(), quality: 90 }));
const queries: Array<{ name: string; frames: VideoQueryFrame[] }> = [
  {
    name: 'noisy copy of video 0',
    frames: known[0]!.frames.filter((_, i) => i % 10 !== 9).map((f) => ({ timestampMs: f.timestampMs, pdq: noisy(f.pdq), quality: 85 })),
  },
  {
    name: `one-minute clip of video ${1 % nVideos} amid other footage`,
    frames: [...unrelated(nFrames - clip.length), ...clip.map((f) => ({ timestampMs: f.timestampMs, pdq: noisy(f.pdq), quality: 85 }))],
  },
  { name: 'unrelated video', frames: unrelated(nFrames) },
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const videoNumber = (videoId: string) => Number(videoId.slice('video-'.length));
let failures = 0;

async function main(): Promise<void> {
  console.log(
    `${nVideos.toLocaleString('en')} known videos × ${nFrames} frames (${(nVideos * nFrames).toLocaleString('en')}); ${queries.length} queries of ${nFrames} frames`,
  );
  const t = performance.now();
  const index = KnownVideoIndex.of(PDQ_WEAK_QUALITY, known);
  const buildMs = performance.now() - t;
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `index: ${index.frames.toLocaleString('en')} frames of quality ≥ ${PDQ_WEAK_QUALITY} built in ${(buildMs / 1000).toFixed(2)} s (RSS ${rss.toFixed(0)} MiB, the frames' hex strings included)`,
  );
  const sample = [...new Set([0, 1 % nVideos, ...Array.from({ length: Number(values['brute-videos']) }, () => rnd() % nVideos)])];
  const oracle = linearScan();
  for (const q of queries) compare(index, q, sample, oracle);
  if (values.pg) await loadFromPostgres(index);
  if (failures > 0) {
    console.error(`FAILED: ${failures} differences between the index and brute force`);
    process.exit(1);
  }
  console.log('index and brute force agree on every query');
}

/** The oracle for "which videos have a hit at all": every eligible frame of every video in a linear scan. */
function linearScan(): { scan: BruteForceIndex; videoOf: Uint32Array } {
  const frames = known.flatMap((v, i) => v.frames.filter((f) => (f.quality ?? 100) >= opts.minQuality).map((f) => ({ video: i, pdq: f.pdq })));
  const packed = new Uint32Array(frames.length * 8);
  frames.forEach((f, i) => packed.set(hexToWords(f.pdq), i * 8));
  return { scan: BruteForceIndex.build(packed), videoOf: Uint32Array.from(frames, (f) => f.video) };
}

function compare(index: KnownVideoIndex, q: (typeof queries)[number], sample: number[], oracle: ReturnType<typeof linearScan>): void {
  for (let i = 0; i < 3; i++) index.match(q.frames, opts); // warm-up
  const times: number[] = [];
  let hits = index.match(q.frames, opts);
  for (let i = 0; i < 7; i++) {
    const a = performance.now();
    hits = index.match(q.frames, opts);
    times.push(performance.now() - a);
  }
  const a = performance.now();
  const brute = sample.map((v) => matchVideoFrames(q.frames, known[v]!.frames, opts));
  const bruteMs = ((performance.now() - a) / sample.length) * nVideos;

  const byVideo = new Map(hits.map((h) => [videoNumber(h.video.videoId), h.share]));
  for (const [v, share] of byVideo) if (!isDeepStrictEqual(share, matchVideoFrames(q.frames, known[v]!.frames, opts))) failures++;
  for (let i = 0; i < sample.length; i++) if (byVideo.has(sample[i]!) !== brute[i]!.knownMatched > 0) failures++;
  const scanned = new Set<number>();
  for (const f of q.frames) {
    if ((f.quality ?? 100) < opts.minQuality) continue;
    for (const m of oracle.scan.search(hexToWords(f.pdq), opts.maxDistance)) scanned.add(oracle.videoOf[m.id]!);
  }
  const ascending = (xs: Iterable<number>) => [...xs].sort((x, y) => x - y);
  if (!isDeepStrictEqual(ascending(scanned), ascending(byVideo.keys()))) failures++;

  const found = hits.map(
    (h) => `${h.video.videoId} (${h.share.queryMatched}/${h.share.queryFrames} query, ${h.share.knownMatched}/${h.share.knownFrames} known)`,
  );
  console.log(
    `${q.name}: index ${median(times).toFixed(1)} ms per query (median of 7); brute force ${(bruteMs / 1000).toFixed(bruteMs < 10_000 ? 1 : 0)} s ` +
      `(${(bruteMs / nVideos).toFixed(0)} ms per known video × ${nVideos}, timed on ${sample.length}); index ${(bruteMs / median(times)).toFixed(0)}× faster; ` +
      `matches: ${found.join(', ') || 'none'}`,
  );
}

/** Imports the known videos into a fresh schema, then times the matcher's load and a refresh that finds nothing new. */
async function loadFromPostgres(index: KnownVideoIndex): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = `bench_video_${Date.now()}`;
  const admin = new PgDb({ connectionString: url });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const db = new PgDb({ connectionString: url, schema });
  try {
    await migrate(db);
    let t = performance.now();
    for (let v = 0; v < nVideos; v += 100) {
      for (const list of [1, 2]) {
        const rows = known.slice(v, v + 100).filter((k) => k.listId === list);
        await importVideoList(
          db,
          { name: `bench-${list}`, source: 'synthetic' },
          rows.flatMap((k) => k.frames.map((f) => ({ videoId: k.videoId, ...f, category: 'A' }))),
        );
      }
    }
    console.log(`PostgreSQL: imported ${(nVideos * nFrames).toLocaleString('en')} frames in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await db.exec('VACUUM ANALYZE known_video_frames');
    const loaded = new KnownVideoIndex(PDQ_WEAK_QUALITY);
    t = performance.now();
    await loaded.load(db);
    console.log(
      `PostgreSQL: the matcher's load (start-up, or a rebuild) ${((performance.now() - t) / 1000).toFixed(2)} s for ${loaded.frames.toLocaleString('en')} frames`,
    );
    const checks: number[] = [];
    let rebuilt = false;
    for (let i = 0; i < 9; i++) {
      t = performance.now();
      rebuilt ||= await loaded.refresh(db);
      checks.push(performance.now() - t);
    }
    console.log(`PostgreSQL: a refresh that finds nothing new ${median(checks).toFixed(1)} ms (median of 9; rebuilt: ${rebuilt})`);
    const inOrder = (i: KnownVideoIndex, q: VideoQueryFrame[]) => i.match(q, opts).sort((a, b) => videoNumber(a.video.videoId) - videoNumber(b.video.videoId));
    for (const q of queries) if (!isDeepStrictEqual(inOrder(loaded, q.frames), inOrder(index, q.frames))) failures++;
  } finally {
    await db.close();
    await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
}

void main();
