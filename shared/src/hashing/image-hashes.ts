import { createHash } from 'node:crypto';
import { bmvbhash } from 'blockhash-core';
import sharp from 'sharp';
import { DecodeError } from '../errors';
import type { ImageHashes, PdqVariantHash } from '../events/types';
import { pdqDihedral } from './pdq';

export interface HashedImage {
  hashes: ImageHashes;
  /** PDQ quality 0..100; below 50 the PDQ hash is weak. */
  pdqQuality: number;
  /** The 8 dihedral variants of the PDQ hash, `original` first (see pdq.ts for the names). */
  pdqVariants: PdqVariantHash[];
  width: number;
  height: number;
  format: string;
}

export interface HashOptions {
  /** Images with more pixels than this are refused before decoding (decompression bombs). */
  maxInputPixels: number;
}

export function exactHashes(bytes: Buffer): Pick<ImageHashes, 'md5' | 'sha1' | 'sha256'> {
  return {
    md5: createHash('md5').update(bytes).digest('hex'),
    sha1: createHash('sha1').update(bytes).digest('hex'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * Pixel preparation, fixed so that another tool can compute comparable hashes:
 * 1. decode the first frame/page with libvips (sharp), refusing more than `maxInputPixels` pixels;
 * 2. apply the EXIF orientation (the image as a viewer shows it);
 * 3. convert to sRGB, 8 bits per channel, and add an opaque alpha channel if there is none;
 * 4. hash the full-resolution RGBA buffer, no resizing, with blockhash-core's `bmvbhash(data, 16)`
 *    (256 bits, 64 hex digits; fully transparent pixels count as white, as in the blockhash reference);
 * 5. PDQ from the same buffer, alpha ignored (the stored colour of transparent pixels counts, as in
 *    Meta's reference), luma 0.299 R + 0.587 G + 0.114 B, full resolution — see pdq.ts.
 * MD5, SHA-1 and SHA-256 are of the bytes as received, before any decoding.
 */
export async function hashImage(bytes: Buffer, opts: HashOptions): Promise<HashedImage> {
  const input = { limitInputPixels: opts.maxInputPixels, failOn: 'error' as const, pages: 1 };
  let meta: sharp.Metadata;
  try {
    // Reading the header decodes no pixels, so it may look at any size; the check below decides.
    meta = await sharp(bytes, { ...input, limitInputPixels: false }).metadata();
  } catch (err) {
    throw new DecodeError(`not a decodable image: ${(err as Error).message}`);
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > opts.maxInputPixels) {
    throw new DecodeError(`image of ${meta.width}×${meta.height} pixels exceeds the limit of ${opts.maxInputPixels} pixels (possible decompression bomb)`);
  }
  let raw: { data: Buffer; info: sharp.OutputInfo };
  try {
    raw = await sharp(bytes, input).rotate().toColourspace('srgb').ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw new DecodeError(`image could not be decoded: ${(err as Error).message}`);
  }
  const { data, info } = raw;
  const pdq = pdqDihedral(data, info.width, info.height, 4);
  return {
    hashes: { ...exactHashes(bytes), blockhash: bmvbhash({ width: info.width, height: info.height, data }, 16), pdq: pdq.variants[0]!.hash },
    pdqQuality: pdq.quality,
    pdqVariants: pdq.variants,
    width: info.width,
    height: info.height,
    format: meta.format ?? 'unknown',
  };
}
