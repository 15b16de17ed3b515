import { isMainThread, parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { hashImage, type PdqVariantName } from '@hotline/hashing';
import { generateImage, mixSeed, rng, type ImageKind } from './images';
import { TRANSFORMS } from './transforms';

/** Hashes of one file. `pdq` holds the 8 dihedral variants in VARIANT_ORDER, the plain hash first. */
export interface HashRecord {
  blockhash: string;
  pdq: string[];
  quality: number;
  width: number;
  height: number;
}

export interface ImageResult {
  index: number;
  kind: ImageKind;
  original: HashRecord;
  /** Same order as TRANSFORMS. */
  transformed: HashRecord[];
}

export interface Job {
  index: number;
  seed: number;
  maxSide: number;
  decodeSide: number;
}

export const VARIANT_ORDER: readonly PdqVariantName[] = ['original', 'rotate90', 'rotate180', 'rotate270', 'flipX', 'flipY', 'flipPlusOne', 'flipMinusOne'];

const LIMITS = { maxInputPixels: 50_000_000 };

/** Both hashes as the hasher computes them (hashImage), with its decode side. */
async function hashBoth(bytes: Buffer, decodeSide: number): Promise<HashRecord> {
  const h = await hashImage(bytes, { ...LIMITS, decodeSide });
  const byName = new Map(h.pdqVariants.map((v) => [v.variant, v.hash]));
  return {
    blockhash: h.hashes.blockhash,
    pdq: VARIANT_ORDER.map((name) => {
      const hash = byName.get(name);
      if (!hash) throw new Error(`PDQ variant ${name} missing`);
      return hash;
    }),
    quality: h.pdqQuality,
    width: h.width,
    height: h.height,
  };
}

/** Draw image `index`, hash it (as lossless PNG) and every transform of it. */
export async function processImage({ index, seed, maxSide, decodeSide }: Job): Promise<ImageResult> {
  const img = await generateImage(index, seed, maxSide);
  const originalPng = await sharp(img.rgb, { raw: { width: img.width, height: img.height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const original = await hashBoth(originalPng, decodeSide);
  const transformed: HashRecord[] = [];
  for (const [t, transform] of TRANSFORMS.entries()) {
    const bytes = await transform.apply(img, rng(mixSeed(seed, index, 100 + t)));
    transformed.push(await hashBoth(bytes, decodeSide));
  }
  return { index, kind: img.kind, original, transformed };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  // Each worker hashes one picture at a time; libvips threads are shared through sharp's own pool.
  sharp.concurrency(1);
  port.on('message', (job: Job | null) => {
    if (job === null) {
      port.close();
      return;
    }
    processImage(job).then(
      (result) => port.postMessage({ ok: true, result }),
      (err: unknown) => port.postMessage({ ok: false, index: job.index, error: String((err as Error).stack ?? err) }),
    );
  });
}
