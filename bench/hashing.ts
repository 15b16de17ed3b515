import { bmvbhash } from 'blockhash-core';
import sharp from 'sharp';
import {
  blockhash256,
  createHashPool,
  DECODE_KERNEL,
  DEFAULT_DECODE_SIDE,
  exactHashes,
  hammingHex,
  hashImage,
  pdqDihedral,
  pdqHamming,
  reducedDecodeSize,
} from '@hotline/hashing';
import { syntheticRgb } from '../test/support/images';
import { generateImage } from './robustness/images';
import { fmt, percentile } from './stats';

const LIMITS = { maxInputPixels: 50_000_000 };
const ROUNDS = 3;

/** Mean milliseconds per image of `fn` over `images`, after one whole warm-up pass (JIT, allocator, libvips). */
async function msPer<T>(images: T[], fn: (img: T) => unknown): Promise<number> {
  for (const img of images) await fn(img);
  const t0 = performance.now();
  for (const img of images) await fn(img);
  return (performance.now() - t0) / images.length;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
}

/**
 * 1600×1200 JPEGs at quality 85: "smooth" ones (gradient, about 30 KB, where decoding is cheapest and hashing weighs
 * most) and "grainy" ones (the same with per-pixel noise, about the size of a camera photo at that resolution).
 */
async function pictures(count: number, grain: number): Promise<Buffer[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => {
      const px = syntheticRgb(1600, 1200, 500 + i);
      let s = 1 + i;
      for (let p = 0; p < px.length && grain > 0; p++) {
        s = (s * 1103515245 + 12345) >>> 0;
        px[p] = Math.max(0, Math.min(255, px[p]! + ((s >>> 16) % (2 * grain + 1)) - grain));
      }
      return sharp(px, { raw: { width: 1600, height: 1200, channels: 3 } })
        .jpeg({ quality: 85 })
        .toBuffer();
    }),
  );
}

/** Images per second through a pool of `workers` threads holding `jobsPerWorker` images each, all of them in flight. */
async function poolRate(images: Buffer[], workers: number, jobsPerWorker: number, decodeSide = DEFAULT_DECODE_SIDE): Promise<number> {
  const pool = createHashPool({ workers, jobsPerWorker, maxQueued: images.length });
  const opts = { ...LIMITS, decodeSide };
  try {
    for (const img of images) await pool.hash(img, opts); // warm-up: start, JIT, allocator
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: workers * jobsPerWorker }, async () => {
        while (next < images.length) await pool.hash(images[next++]!, opts);
      }),
    );
    return images.length / ((performance.now() - t0) / 1000);
  } finally {
    await pool.close();
  }
}

/** Images per second of `fn` with `inflight` images in flight at once (1: one at a time, on one core). */
async function rateOf(images: Buffer[], inflight: number, fn: (img: Buffer) => Promise<unknown>): Promise<number> {
  for (const img of images) await fn(img); // warm-up pass
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inflight }, async () => {
      while (next < images.length) await fn(images[next++]!);
    }),
  );
  return images.length / ((performance.now() - t0) / 1000);
}

/**
 * The rates of one image set, each the median of ROUNDS interleaved rounds. "Per core" compares one thread with one
 * thread, one image at a time: a bare decode and the hasher's whole path (hashImage). The pool rows are the hasher
 * service's default on two cores (one worker holding two images) and two others. The bare decode two at a time shows how
 * far this machine's second core scales a decode at all.
 */
async function rates(label: string, images: Buffer[]): Promise<void> {
  const bare = (img: Buffer) => sharp(img).raw().toBuffer();
  const keys = ['decode', 'decode2', 'inline', 'inlineFull', 'onePiped', 'two', 'twoPiped'] as const;
  const runs = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<(typeof keys)[number], number[]>;
  for (let r = 0; r < ROUNDS; r++) {
    runs.decode.push(await rateOf(images, 1, bare));
    runs.decode2.push(await rateOf(images, 2, bare));
    runs.inline.push(await rateOf(images, 1, (img) => hashImage(img, LIMITS)));
    runs.inlineFull.push(await rateOf(images, 1, (img) => hashImage(img, { ...LIMITS, decodeSide: 0 })));
    runs.onePiped.push(await poolRate(images, 1, 2));
    runs.two.push(await poolRate(images, 2, 1));
    runs.twoPiped.push(await poolRate(images, 2, 2));
  }
  const m = Object.fromEntries(keys.map((k) => [k, median(runs[k])])) as Record<(typeof keys)[number], number>;
  const kb = images.reduce((a, b) => a + b.length, 0) / images.length / 1024;
  const line = (name: string, rate: number, note = '') => console.log(`  ${name.padEnd(54)} ${fmt(rate).padStart(7)} images/s${note ? `   ${note}` : ''}`);
  console.log(`${label}: ${images.length} 1600×1200 JPEGs, ${fmt(kb, 0)} KB each on average (median of ${ROUNDS} rounds; libvips at 1 thread)`);
  line('bare sharp decode to raw pixels, one at a time', m.decode);
  line('bare sharp decode, two at a time', m.decode2, `${fmt(m.decode2 / m.decode, 2)}× one at a time (what a second core adds here)`);
  line('hasher path, full-resolution decode, one at a time', m.inlineFull, `${fmt(m.inlineFull / m.decode, 2)}× the bare decode per core (before)`);
  line(
    `hasher path, reduced decode (side ${DEFAULT_DECODE_SIDE}), one at a time`,
    m.inline,
    `${fmt(m.inline / m.decode, 2)}× the bare decode per core (target ≥ 0.8)`,
  );
  line(
    'hasher pool, 1 worker, 2 images at a time (default)',
    m.onePiped,
    `${fmt(m.onePiped / m.inline, 2)}× the hasher on one core (target ≥ 1.6); ${fmt(m.onePiped / m.decode2, 2)}× the bare decode two at a time`,
  );
  line('hasher pool, 2 workers, 1 image each', m.two, `${fmt(m.two / m.inline, 2)}× the hasher on one core`);
  line('hasher pool, 2 workers, 2 images each', m.twoPiped, `${fmt(m.twoPiped / m.inline, 2)}× the hasher on one core`);
}

/**
 * How far the reduced decode moves the hashes from the full-resolution ones, over pictures of the robustness bench
 * (lossless PNG, and the same picture upscaled 2× as a JPEG so that the reduction is large).
 */
async function fidelity(count: number): Promise<void> {
  sharp.unblock({ operation: ['VipsForeignLoadSvg'] }); // the bench's own "poster" pictures draw text with SVG
  const pdq: number[] = [];
  const block: number[] = [];
  let weak = 0;
  for (let i = 0; i < count; i++) {
    const img = await generateImage(i, 1, 1024);
    const raw = { raw: { width: img.width, height: img.height, channels: 3 as const } };
    for (const bytes of [
      await sharp(img.rgb, raw).png({ compressionLevel: 1 }).toBuffer(),
      await sharp(img.rgb, raw)
        .resize(img.width * 2, img.height * 2)
        .jpeg({ quality: 90 })
        .toBuffer(),
    ]) {
      const [full, reduced] = await Promise.all([hashImage(bytes, { ...LIMITS, decodeSide: 0 }), hashImage(bytes, LIMITS)]);
      block.push(hammingHex(full.hashes.blockhash, reduced.hashes.blockhash));
      if (full.pdqQuality < 50 || reduced.pdqQuality < 50) weak++;
      else pdq.push(pdqHamming(full.hashes.pdq, reduced.hashes.pdq));
    }
  }
  const row = (name: string, xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return `  ${name.padEnd(9)} n ${String(xs.length).padStart(4)}   mean ${fmt(mean, 2).padStart(5)}   median ${percentile(s, 50)}   p90 ${percentile(s, 90)}   p99 ${percentile(s, 99)}   max ${s.at(-1)} bits`;
  };
  console.log(`reduced decode (side ${DEFAULT_DECODE_SIDE}) against full resolution, ${count} robustness pictures as PNG and as 2× JPEG:`);
  console.log(row('PDQ', pdq) + `   (${weak} pairs with a weak side left out)`);
  console.log(row('blockhash', block));
}

/**
 * Where the hasher's time goes for one image, stage by stage, each timed on its own over the same images. The PDQ
 * stages are told apart by hashing a 64×64 input (window 1, no blur to speak of): that is the DCT, quality and the 8
 * variants; the rest of a PDQ is luma + blur + decimation.
 */
async function breakdown(images: Buffer[]): Promise<void> {
  const full = { width: 1600, height: 1200 };
  const to = reducedDecodeSize(full, DEFAULT_DECODE_SIDE, false)!;
  const decoded = await Promise.all(images.map((img) => sharp(img).rotate().toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true })));
  const small = await Promise.all(
    images.map((img) =>
      sharp(img)
        .rotate()
        .resize(to.width, to.height, { fit: 'fill', kernel: DECODE_KERNEL })
        .toColourspace('srgb')
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true }),
    ),
  );
  const rgba = decoded.map(({ data, info }) => {
    const out = Buffer.alloc(info.width * info.height * 4, 255);
    for (let p = 0, q = 0; p < data.length; p += 3, q += 4) data.copy(out, q, p, p + 3);
    return { data: out, info };
  });
  const tiny = decoded.map(({ data }) => data.subarray(0, 64 * 64 * 3));
  const rows: Array<[string, number]> = [
    ['header (metadata)', await msPer(images, (img) => sharp(img).metadata())],
    ['bare decode (sharp → raw RGB)', await msPer(images, (img) => sharp(img).raw().toBuffer())],
    ['decode + EXIF + sRGB → RGB, full resolution', await msPer(images, (img) => sharp(img).rotate().toColourspace('srgb').removeAlpha().raw().toBuffer())],
    [
      `reduced decode to ${to.width}×${to.height} (now)`,
      await msPer(images, (img) =>
        sharp(img).rotate().resize(to.width, to.height, { fit: 'fill', kernel: DECODE_KERNEL }).toColourspace('srgb').removeAlpha().raw().toBuffer(),
      ),
    ],
    ['MD5 + SHA-1 + SHA-256 of the file', await msPer(images, (img) => exactHashes(img))],
    ['blockhash-core bmvbhash, full RGBA', await msPer(rgba, ({ data, info }) => bmvbhash({ width: info.width, height: info.height, data }, 16))],
    ['blockhash256, full RGB', await msPer(decoded, ({ data, info }) => blockhash256(data, info.width, info.height, 3))],
    [`blockhash256, ${to.width}×${to.height} (now)`, await msPer(small, ({ data, info }) => blockhash256(data, info.width, info.height, 3))],
    ['PDQ + 8 variants, full RGB', await msPer(decoded, ({ data, info }) => pdqDihedral(data, info.width, info.height, 3))],
    [`PDQ + 8 variants, ${to.width}×${to.height} (now)`, await msPer(small, ({ data, info }) => pdqDihedral(data, info.width, info.height, 3, full))],
    ['  of which DCT + quality + 8 variants', await msPer(tiny, (px) => pdqDihedral(px, 64, 64, 3))],
    ['hashImage, whole path, full resolution', await msPer(images, (img) => hashImage(img, { ...LIMITS, decodeSide: 0 }))],
    ['hashImage, whole path (now)', await msPer(images, (img) => hashImage(img, LIMITS))],
  ];
  console.log('  breakdown, ms per image (each stage timed alone, smooth set):');
  for (const [label, ms] of rows) console.log(`    ${label.padEnd(44)} ${fmt(ms, 2).padStart(7)} ms`);
}

/**
 * Images per second for 1600×1200 JPEGs: a bare sharp decode on one thread; the hasher's path (exact hashes, header
 * check, EXIF-aware reduced decode, blockhash, PDQ with its 8 variants) on a pool of one worker and of two, and at
 * full resolution for comparison; the ratios of issue 12 (targets: one worker ≥ 0.8 × bare decode, two workers ≥ 1.6 ×
 * one). Then how far the reduced decode moves the hashes, and where the time goes.
 */
export async function benchHashing(count: number): Promise<void> {
  sharp.concurrency(1); // a bare decode per core, as each pool worker gets
  sharp.cache(false); // libvips would otherwise answer a repeated decode of the same bytes from its operation cache
  const smooth = await pictures(count, 0);
  await rates('smooth', smooth);
  await rates('grainy', await pictures(count, 12));
  await fidelity(Number(process.env.BENCH_FIDELITY_PICTURES ?? 100));
  await breakdown(smooth.slice(0, Math.min(smooth.length, 20)));
}
