import { bmvbhash } from 'blockhash-core';
import sharp from 'sharp';
import { blockhash256, createHashPool, exactHashes, hashImage, pdqDihedral } from '@hotline/hashing';
import { syntheticJpeg } from '../test/support/images';
import { fmt } from './stats';

const LIMITS = { maxInputPixels: 50_000_000 };

/** Mean milliseconds per image of `fn` over `images` (after one warm-up call). */
async function msPer<T>(images: T[], fn: (img: T) => unknown): Promise<number> {
  await fn(images[0]!);
  const t0 = performance.now();
  for (const img of images) await fn(img);
  return (performance.now() - t0) / images.length;
}

/**
 * Where the hasher's time goes for one image, stage by stage, each timed on its own over the same images. The PDQ
 * stages are told apart by hashing a 64×64 input (window 1, no blur to speak of): that is the DCT, quality and the 8
 * variants; the rest of a full-size PDQ is luma + blur + decimation.
 */
async function breakdown(images: Buffer[]): Promise<void> {
  const decoded = await Promise.all(
    images.map((img) => sharp(img).rotate().toColourspace('srgb').removeAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })),
  );
  const rgba = await Promise.all(
    images.map((img) => sharp(img).rotate().toColourspace('srgb').ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })),
  );
  const tiny = decoded.map(({ data }) => data.subarray(0, 64 * 64 * 3));
  const rows: Array<[string, number]> = [
    ['header (metadata)', await msPer(images, (img) => sharp(img).metadata())],
    ['bare decode (sharp → raw RGB)', await msPer(images, (img) => sharp(img).raw().toBuffer())],
    [
      'decode + EXIF + sRGB → RGB (now)',
      await msPer(images, (img) => sharp(img).rotate().toColourspace('srgb').removeAlpha().raw({ depth: 'uchar' }).toBuffer()),
    ],
    [
      'decode + EXIF + sRGB → RGBA (before)',
      await msPer(images, (img) => sharp(img).rotate().toColourspace('srgb').ensureAlpha().raw({ depth: 'uchar' }).toBuffer()),
    ],
    ['MD5 + SHA-1 + SHA-256 of the file', await msPer(images, (img) => exactHashes(img))],
    ['blockhash-core bmvbhash, RGBA (before)', await msPer(rgba, ({ data, info }) => bmvbhash({ width: info.width, height: info.height, data }, 16))],
    ['blockhash256, RGB (now)', await msPer(decoded, ({ data, info }) => blockhash256(data, info.width, info.height, 3))],
    ['PDQ + 8 variants, RGBA (before)', await msPer(rgba, ({ data, info }) => pdqDihedral(data, info.width, info.height, 4))],
    ['PDQ + 8 variants, RGB (now)', await msPer(decoded, ({ data, info }) => pdqDihedral(data, info.width, info.height, 3))],
    ['  of which DCT + quality + 8 variants', await msPer(tiny, (px) => pdqDihedral(px, 64, 64, 3))],
  ];
  // blockhash's weighted path (sides not divisible by 16) is the common case for photos; time it too.
  const odd = decoded.map(({ data, info }) => ({ data: data.subarray(0, (info.width - 1) * (info.height - 1) * 3), w: info.width - 1, h: info.height - 1 }));
  const oddRgba = rgba.map(({ data, info }) => ({ data: data.subarray(0, (info.width - 1) * (info.height - 1) * 4), w: info.width - 1, h: info.height - 1 }));
  rows.push(['blockhash-core, 1599×1199 (before)', await msPer(oddRgba, ({ data, w, h }) => bmvbhash({ width: w, height: h, data }, 16))]);
  rows.push(['blockhash256, 1599×1199 (now)', await msPer(odd, ({ data, w, h }) => blockhash256(data, w, h, 3))]);
  rows.push(['hashImage, whole path (now)', await msPer(images, (img) => hashImage(img, LIMITS))]);
  console.log('  breakdown, ms per image (each stage timed alone):');
  for (const [label, ms] of rows) console.log(`    ${label.padEnd(42)} ${fmt(ms, 2).padStart(7)} ms`);
}

/** Images per second through a pool of `workers` threads, `workers × 2` images in flight (as HASH_CONCURRENCY would). */
async function poolRate(images: Buffer[], workers: number): Promise<number> {
  const pool = createHashPool({ workers, maxQueued: images.length });
  try {
    await Promise.all(Array.from({ length: workers * 2 }, (_, i) => pool.hash(images[i % images.length]!, LIMITS))); // warm-up: start + JIT
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: workers * 2 }, async () => {
        while (next < images.length) await pool.hash(images[next++]!, LIMITS);
      }),
    );
    return images.length / ((performance.now() - t0) / 1000);
  } finally {
    await pool.close();
  }
}

/**
 * Images per second for 1600×1200 JPEGs: a bare sharp decode on one thread, the hasher's path (exact hashes, header
 * check, EXIF-aware decode, blockhash, PDQ with its 8 variants) on a pool of one worker and of two, and the ratios
 * of issue 12 (targets: one worker ≥ 0.8 × bare decode, two workers ≥ 1.6 × one). Then where the time goes.
 */
export async function benchHashing(count: number): Promise<void> {
  const images = await Promise.all(Array.from({ length: count }, (_, i) => syntheticJpeg(1600, 1200, 500 + i, 85)));
  sharp.concurrency(1); // a bare decode per core, as each pool worker gets
  const decode = 1000 / (await msPer(images, (img) => sharp(img).raw().toBuffer()));
  const one = await poolRate(images, 1);
  const two = await poolRate(images, 2);
  console.log(`hashing 1600×1200 JPEG, ${count} images (libvips at 1 thread per decode):`);
  console.log(`  bare sharp decode to raw pixels, 1 thread   ${fmt(decode).padStart(7)} images/s`);
  console.log(`  hasher path, pool of 1 worker               ${fmt(one).padStart(7)} images/s   ${fmt(one / decode, 2)}× the bare decode (target ≥ 0.8)`);
  console.log(`  hasher path, pool of 2 workers              ${fmt(two).padStart(7)} images/s   ${fmt(two / one, 2)}× one worker (target ≥ 1.6)`);
  await breakdown(images.slice(0, Math.min(images.length, 20)));
}
