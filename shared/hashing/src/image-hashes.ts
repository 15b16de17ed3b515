import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { DecodeError } from '@hotline/platform';
import type { ImageHashes, PdqVariantHash } from '@hotline/platform';
import { blockhash256 } from './blockhash';
import { DECODE_KERNEL, DEFAULT_DECODE_SIDE, reducedDecodeSize } from './decode-size';
import { formatOfMime, IMAGE_FORMAT_LABELS, IMAGE_FORMATS, unsupportedFormatReason } from './formats';
import { pdqDihedral } from './pdq';
import { identifyFormat } from './sniff';

// libvips picks a loader from the bytes, whatever the sniffer said, and some loaders are slow or
// dangerous on hostile input (librsvg renders any SVG, PDF, ImageMagick, FITS, Matlab …). Every
// loader is blocked process-wide except those of IMAGE_FORMATS, so a loader added by a future
// libvips build stays blocked too.
sharp.block({ operation: ['VipsForeignLoad'] });
sharp.unblock({ operation: IMAGE_FORMATS.map((f) => f.loader) });

const DEFAULT_DECODE_TIMEOUT_SECONDS = 20;

export interface HashedImage {
  hashes: ImageHashes;
  /** PDQ quality 0..100; below 50 the PDQ hash is weak. */
  pdqQuality: number;
  /** The 8 dihedral variants of the PDQ hash, `original` first (see pdq.ts for the names). */
  pdqVariants: PdqVariantHash[];
  /** The picture's size as a viewer shows it (EXIF orientation applied), whatever size it was decoded at. */
  width: number;
  height: number;
  /** The size the hashes were computed from: smaller than width × height after a reduced decode. */
  decoded: { width: number; height: number };
  format: string;
}

export interface HashOptions {
  /** Images with more pixels than this are refused before decoding (decompression bombs). */
  maxInputPixels: number;
  /** The type the content was stored as (sniffed at the door); bytes of another format are refused. */
  mime?: string;
  /** Decoding that runs longer is stopped (whole seconds: sharp's granularity). */
  decodeTimeoutSeconds?: number;
  /** Short side of the reduced decode (decode-size.ts; HASH_DECODE_SIDE), 0 for full resolution. */
  decodeSide?: number;
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
 * 1. decode the first frame/page with libvips (sharp), refusing more than `maxInputPixels` pixels,
 *    formats outside IMAGE_FORMATS, bytes that decode as another format than they sniff as, and
 *    decoding that takes longer than `decodeTimeoutSeconds`;
 * 2. apply the EXIF orientation (the image as a viewer shows it);
 * 3. a picture without alpha whose short side exceeds `decodeSide` (256) is decoded reduced to about that short
 *    side, both sides multiples of 16 (decode-size.ts); `decodeSide` 0 decodes the full resolution;
 * 4. convert to sRGB, 8 bits per channel (RGB, or RGBA when the image has alpha: an opaque alpha channel
 *    would change no hash, so it is not added);
 * 5. blockhash of that buffer as blockhash-core's `bmvbhash(data, 16)` computes it (256 bits, 64 hex digits;
 *    fully transparent pixels count as white, as in the blockhash reference), with our typed-array port of it
 *    (blockhash.ts, bit-identical);
 * 6. PDQ from the same buffer, alpha ignored (the stored colour of transparent pixels counts, as in
 *    Meta's reference), luma 0.299 R + 0.587 G + 0.114 B, with its blur and sampling laid out on the full
 *    size — see pdq.ts.
 * MD5, SHA-1 and SHA-256 are of the bytes as received, before any decoding.
 */
export async function hashImage(bytes: Buffer, opts: HashOptions): Promise<HashedImage> {
  const identity = identifyFormat(bytes);
  if (!identity) throw new DecodeError(`not a recognised image format (supported: ${IMAGE_FORMAT_LABELS.join(', ')})`);
  if (!identity.supported) throw new DecodeError(unsupportedFormatReason(identity.label));
  const { format } = identity;
  if (opts.mime !== undefined && opts.mime !== format.mime) {
    throw new DecodeError(`content stored as ${formatOfMime(opts.mime)?.label ?? opts.mime} is ${format.label} by its bytes`);
  }
  const input = { limitInputPixels: opts.maxInputPixels, failOn: 'error' as const, pages: 1 };
  let meta: sharp.Metadata;
  try {
    // Reading the header decodes no pixels, so it may look at any size; the check below decides.
    meta = await sharp(bytes, { ...input, limitInputPixels: false }).metadata();
  } catch (err) {
    throw new DecodeError(`not a decodable image: ${(err as Error).message}`);
  }
  // The loader libvips chose must be the one the sniff promised (libheif also reads HEIC).
  if (meta.format !== format.decoder || (format.decoder === 'heif' && meta.compression !== 'av1')) {
    const decodedAs = meta.format === 'heif' && meta.compression ? `heif/${meta.compression}` : meta.format;
    throw new DecodeError(`content sniffed as ${format.label} decodes as ${decodedAs ?? 'unknown'}`);
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > opts.maxInputPixels) {
    throw new DecodeError(`image of ${meta.width}×${meta.height} pixels exceeds the limit of ${opts.maxInputPixels} pixels (possible decompression bomb)`);
  }
  const timeoutSeconds = opts.decodeTimeoutSeconds ?? DEFAULT_DECODE_TIMEOUT_SECONDS;
  // EXIF orientations 5–8 turn the picture a quarter; sizes below are as a viewer shows it.
  const quarterTurn = (meta.orientation ?? 1) >= 5;
  const full = { width: (quarterTurn ? meta.height : meta.width) ?? 0, height: (quarterTurn ? meta.width : meta.height) ?? 0 };
  const reduced = reducedDecodeSize(full, opts.decodeSide ?? DEFAULT_DECODE_SIDE, meta.hasAlpha ?? false);
  let raw: { data: Buffer; info: sharp.OutputInfo };
  try {
    let pipeline = sharp(bytes, input).timeout({ seconds: timeoutSeconds }).rotate();
    // sharp takes the size after orientation and picks libjpeg's / libwebp's scale-on-load from it.
    if (reduced) pipeline = pipeline.resize(reduced.width, reduced.height, { fit: 'fill', kernel: DECODE_KERNEL });
    raw = await pipeline.toColourspace('srgb')[meta.hasAlpha ? 'ensureAlpha' : 'removeAlpha']().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (err) {
    const message = (err as Error).message;
    // libvips may put earlier messages of the same decode before sharp's "timeout: 12% complete".
    const stopped = /(?:^|\n)timeout: (\d+)% complete/.exec(message);
    if (stopped) throw new DecodeError(`decoding took longer than ${timeoutSeconds} s (stopped at ${stopped[1]}%)`);
    throw new DecodeError(`image could not be decoded: ${message}`);
  }
  const { data, info } = raw;
  const channels = info.channels;
  if (channels !== 3 && channels !== 4) throw new DecodeError(`image decoded to ${channels} channels, not RGB(A)`);
  const pdq = pdqDihedral(data, info.width, info.height, channels, reduced ? full : undefined);
  return {
    hashes: { ...exactHashes(bytes), blockhash: blockhash256(data, info.width, info.height, channels), pdq: pdq.variants[0]!.hash },
    pdqQuality: pdq.quality,
    pdqVariants: pdq.variants,
    width: reduced ? full.width : info.width,
    height: reduced ? full.height : info.height,
    decoded: { width: info.width, height: info.height },
    format: meta.format ?? 'unknown',
  };
}
