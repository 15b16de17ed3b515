/**
 * PDQ perceptual image hash (Meta), ported from the reference implementation in
 * facebook/ThreatExchange `pdq/` (C++ `pdq/cpp/hashing/pdqhashing.cpp` + `pdq/cpp/downscaling/downscaling.cpp`,
 * Java `PDQHasher.java`, Python `pdq_hasher.py`). The arithmetic follows the reference step by step so that our
 * hex strings compare directly with hashes produced by Meta's tools:
 *
 *  1. luma = 0.299 R + 0.587 G + 0.114 B (a grey pixel g gives luma g); alpha is ignored;
 *  2. two X-then-Y passes of a 1-D box filter (Jarosz: box∘box = tent), window ceil(dim / 128) per axis;
 *  3. decimate to 64×64 by sampling the pixel at each cell centre, floor((i + 0.5) · dim / 64)
 *     (2 and 3 are computed together, only at the 64×64 kept pixels: see axisWeights);
 *  4. quality: sum over the 64×64 of |trunc((u − v) · 100 / 255)| for vertical and horizontal neighbours, / 90, max 100;
 *  5. DCT-II of the 64×64 keeping frequencies 1..16 on each axis: B = D · A · Dᵀ with the 16×64 matrix
 *     D[i][j] = sqrt(2/64) · cos(π / 128 · (i + 1) · (2j + 1));
 *  6. bit (i, j) = B[i][j] > median, the median being the 128th smallest of the 256 values (Torben's lower median);
 *  7. hex: bit i·16 + j is bit j of 16-bit word i, words printed as 4 hex digits from word 15 down to word 0.
 *
 * Large images: the reference core (`pdqHash256FromFloatLuma`, Java `fromFile`, and the `pdqhash` binding used by
 * Meta's hasher-matcher-actioner) hashes the full-resolution pixels; only some file-level wrappers shrink first
 * (the C++ CLI stretches anything over 512 px to 512×512 with CImg, the in-repo Python `fromFile` thumbnails to fit
 * 512×512). Those shortcuts only save time, since the box filter already averages each of the 64×64 cells, but they
 * change the blur's width and so the hash. Our hasher also decodes large pictures reduced (image-hashes.ts), but tells
 * PDQ the full size (`SourceSize`): the blur and the sampling stay those of the full resolution, folded onto the
 * reduced pixels, so the hash stays the full resolution's within a few bits. c.png, the only reference image over
 * 512 px, lands 6 bits from Meta's published (Python, thumbnailed) hash at full resolution and through the reduced
 * decode alike; the 256-px reference images are exact.
 */
import sharp from 'sharp';
import { DecodeError } from '@hotline/platform';
import { hammingHex } from './hamming';

/** Hashes of quality below this are "weak" (flat, blurry, tiny): PDQ's authors advise not to match on them. */
export const PDQ_WEAK_QUALITY = 50;

/** The reference refuses to hash anything smaller than this on either side (hash of zeros, quality 0). */
const MIN_HASHABLE_DIM = 5;

export interface PdqHash {
  /** 64 lowercase hex digits, the same text Meta's `toHexString` prints. */
  hash: string;
  /** 0..100; below PDQ_WEAK_QUALITY the hash is weak. */
  quality: number;
}

/**
 * Names say which transform of the hashed picture the variant hash stands for: variant `rotate90` of a known image is
 * (close to) the plain hash of that image rotated 90° clockwise, `flipX` of the image mirrored left-right, and so on.
 * So a query whose plain hash matches a known image's `rotate90` variant is the known picture turned 90° clockwise.
 * (Matching the other way round, a query's variant X against known plain hashes, a hit means the query is the known
 * picture transformed by the inverse of X: rotate90 and rotate270 swap, the others are their own inverse.)
 *  - rotate90 / rotate180 / rotate270: clockwise rotations (sharp `.rotate(90)` etc.);
 *  - flipX: mirror left-right (sharp `.flop()`); flipY: mirror top-bottom (sharp `.flip()`);
 *  - flipPlusOne: transpose, mirror across the main diagonal (top-left to bottom-right);
 *  - flipMinusOne: anti-transpose, mirror across the other diagonal (top-right to bottom-left).
 * Meta's names differ for four of them: its `dct16OriginalToRotate90` recipe predicts a picture turned 90°
 * ANTIclockwise and its `FlipX` a top-bottom mirror (flip about the x axis); in Meta's own test data
 * bridge-2-rotate-90.jpg and bridge-5-flipx.jpg match those recipes. So Meta's rotate90/rotate270/flipX/flipY are
 * our rotate270/rotate90/flipY/flipX (see DIHEDRAL below); rotate180, flipPlusOne and flipMinusOne agree.
 * The variants are only approximate: the reference's blur leans one way for even window sizes and its sampling grid
 * is not mirror-symmetric, so a transformed picture is not sampled at the mirrored pixels. Measured: 0–6 bits for
 * c.png and smooth synthetic pictures, but 20–40 for a finely textured photo (q0122.jpg upscaled to 1024 px) and up
 * to 100 at 256 px. That is Meta's algorithm, not a porting error; match variants with the usual threshold.
 */
export type PdqVariantName = 'original' | 'rotate90' | 'rotate180' | 'rotate270' | 'flipX' | 'flipY' | 'flipPlusOne' | 'flipMinusOne';

export interface PdqVariant {
  variant: PdqVariantName;
  hash: string;
}

export interface PdqDihedral {
  quality: number;
  /** All 8, `original` first. */
  variants: PdqVariant[];
}

// ---------------------------------------------------------------------------------------------------------------
// Precomputed once: the 16×64 DCT matrix (row-major), in double precision like the Python reference.
const DCT = new Float64Array(16 * 64);
for (let i = 0; i < 16; i++) {
  for (let j = 0; j < 64; j++) DCT[i * 64 + j] = Math.sqrt(2 / 64) * Math.cos((Math.PI / 128) * (i + 1) * (2 * j + 1));
}

/** Reference `computeJaroszFilterWindowSize(dim, 64)`: half a 64th of the side, rounded up (two passes make a full cell). */
function jaroszWindowSize(dimension: number): number {
  return Math.floor((dimension + 127) / 128);
}

/** The size of the picture before a reduced decode: kernels are laid out on it (see foldedAxisWeights). */
export interface SourceSize {
  width: number;
  height: number;
}

/**
 * Weights of the reference blur along one axis, for the 64 positions that decimation samples.
 *
 * The reference blurs the whole image with four running-sum box passes (rows, columns, rows, columns) and then keeps
 * 64×64 pixels. Each pass is linear and acts on one axis only, so a kept pixel is Kv · luma · Khᵀ, where row k of Kh
 * (Kv) holds the two-pass box weights that end up at sampled column (row) k. Computing just those 4096 outputs costs
 * about one multiply-add per pixel instead of four full passes, with no full-size buffers; the result equals the
 * reference's up to float rounding (shared/hashing/test/pdq.test.ts checks it against a literal port of the passes).
 *
 * One reference box pass (`box1DFloat`, window w) replaces sample i by the mean of [i − back, i + fwd] clipped to the
 * axis, fwd = floor((w + 2) / 2) − 1, back = w − 1 − fwd (even windows lean forward), dividing by the clipped count.
 * Decimation keeps sample floor((k + 0.5) · n / 64) ("target centers not corners").
 */
export interface AxisWeights {
  start: Int32Array; // first input index of each of the 64 kernels
  length: Int32Array;
  weights: Float64Array; // 64 kernels, `stride` apart
  stride: number;
}

/** The kernels of an `n`-pixel axis; of a `source`-pixel axis decoded at `n` pixels when `source` is larger. Exported for tests. */
export function axisWeights(n: number, source = n): AxisWeights {
  return source === n ? fullAxisWeights(n) : foldedAxisWeights(fullAxisWeights(source), n, source);
}

function fullAxisWeights(n: number): AxisWeights {
  const w = jaroszWindowSize(n);
  const fwd = ((w + 2) >> 1) - 1;
  const back = w - 1 - fwd;
  const lo = (i: number) => Math.max(0, i - back);
  const hi = (i: number) => Math.min(n - 1, i + fwd);
  const stride = 2 * w - 1;
  const out: AxisWeights = { start: new Int32Array(64), length: new Int32Array(64), weights: new Float64Array(64 * stride), stride };
  for (let k = 0; k < 64; k++) {
    const s = Math.floor(((k + 0.5) * n) / 64);
    const first = lo(lo(s));
    out.start[k] = first;
    out.length[k] = hi(hi(s)) - first + 1;
    // Second pass at s averages first-pass values at m, each of which averages inputs around m.
    for (let m = lo(s); m <= hi(s); m++) {
      const wm = 1 / (hi(s) - lo(s) + 1) / (hi(m) - lo(m) + 1);
      for (let c = lo(m); c <= hi(m); c++) out.weights[k * stride + c - first]! += wm;
    }
  }
  return out;
}

/**
 * The kernels of a `source`-pixel axis, for the same axis decoded at `n` < `source` pixels: each source pixel's weight
 * goes to the reduced pixels its span overlaps, shared by overlap. A reduced pixel is (close to) the mean of the source
 * pixels it spans, so the weighted sum is (close to) the one the full resolution gives: the blur keeps its full-resolution
 * width and the sampling its full-resolution positions, instead of being re-derived from the reduced size.
 */
function foldedAxisWeights(full: AxisWeights, n: number, source: number): AxisWeights {
  const scale = n / source;
  // Source pixel c spans [c, c + 1), i.e. [c·scale, (c + 1)·scale) in reduced pixels: at most two of them, which
  // share its weight by overlap.
  const lo = (c: number) => Math.min(n - 1, Math.floor(c * scale));
  const hi = (c: number) => Math.min(n - 1, Math.floor((c + 1) * scale - 1e-9));
  let stride = 1;
  for (let k = 0; k < 64; k++) stride = Math.max(stride, hi(full.start[k]! + full.length[k]! - 1) - lo(full.start[k]!) + 1);
  const out: AxisWeights = { start: new Int32Array(64), length: new Int32Array(64), weights: new Float64Array(64 * stride), stride };
  for (let k = 0; k < 64; k++) {
    const first = lo(full.start[k]!);
    out.start[k] = first;
    out.length[k] = hi(full.start[k]! + full.length[k]! - 1) - first + 1;
    for (let t = 0; t < full.length[k]!; t++) {
      const c = full.start[k]! + t;
      const w = full.weights[k * full.stride + t]!;
      const a = lo(c);
      const b = hi(c);
      if (a === b) {
        out.weights[k * stride + a - first]! += w;
      } else {
        const split = Math.min(1, (a + 1) / scale - c); // share of [c, c + 1) inside reduced pixel a
        out.weights[k * stride + a - first]! += w * split;
        out.weights[k * stride + b - first]! += w * (1 - split);
      }
    }
  }
  return out;
}

/**
 * Weighted luma sum Σ weights[w0 + q] · luma(x0 + q, y) for q < n: one horizontal kernel applied to row y. Supplied
 * per input format so RGB bytes go straight into the sums, without a full-size luma buffer.
 */
type KernelDot = (y: number, x0: number, n: number, weights: Float64Array, w0: number) => number;

/** The 16×16 DCT block and the quality of a width × height image read through `dot`. */
function dct16(width: number, height: number, dot: KernelDot, source?: SourceSize): { dct: Float64Array; quality: number } {
  const kh = axisWeights(width, source?.width ?? width);
  const kv = axisWeights(height, source?.height ?? height);

  // g = luma · Khᵀ (height × 64), for the rows some vertical kernel uses.
  const g = new Float64Array(height * 64);
  const needed = new Uint8Array(height);
  for (let k = 0; k < 64; k++) needed.fill(1, kv.start[k]!, kv.start[k]! + kv.length[k]!);
  for (let y = 0; y < height; y++) {
    if (!needed[y]) continue;
    for (let k = 0; k < 64; k++) g[y * 64 + k] = dot(y, kh.start[k]!, kh.length[k]!, kh.weights, k * kh.stride);
  }

  // a = Kv · g: the blurred, decimated 64×64 image.
  const a = new Float64Array(64 * 64);
  for (let i = 0; i < 64; i++) {
    for (let t = 0; t < kv.length[i]!; t++) {
      const wt = kv.weights[i * kv.stride + t]!;
      const gRow = (kv.start[i]! + t) * 64;
      for (let j = 0; j < 64; j++) a[i * 64 + j]! += wt * g[gRow + j]!;
    }
  }
  return dct16From64(a);
}

/** Quality and 16×16 DCT of the 64×64 blurred image (row-major). */
function dct16From64(a: Float64Array): { dct: Float64Array; quality: number } {
  // Quality: count significant gradients; per-step truncation toward zero is part of the reference's heuristic.
  let gradientSum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) gradientSum += Math.abs(Math.trunc(((a[i * 64 + j]! - a[(i + 1) * 64 + j]!) * 100) / 255));
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) gradientSum += Math.abs(Math.trunc(((a[i * 64 + j]! - a[i * 64 + j + 1]!) * 100) / 255));
  }
  const quality = Math.min(100, Math.floor(gradientSum / 90));

  // B = D A Dᵀ, computing only the 16×16 low frequencies we keep (T = D A is 16×64).
  const t = new Float64Array(16 * 64);
  for (let i = 0; i < 16; i++) {
    for (let k = 0; k < 64; k++) {
      const d = DCT[i * 64 + k]!;
      for (let j = 0; j < 64; j++) t[i * 64 + j]! += d * a[k * 64 + j]!;
    }
  }
  const dct = new Float64Array(256);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      let s = 0;
      for (let k = 0; k < 64; k++) s += t[i * 64 + k]! * DCT[j * 64 + k]!;
      dct[i * 16 + j] = s;
    }
  }
  return { dct, quality };
}

/** Threshold at the median and print as the reference does (word 15 first; bit j of word i is coefficient (i, j)). */
function dctToHex(dct: Float64Array): string {
  const median = Float64Array.from(dct).sort()[127]!; // Torben's median of 256 values = 128th smallest
  let hex = '';
  for (let i = 15; i >= 0; i--) {
    let word = 0;
    for (let j = 0; j < 16; j++) if (dct[i * 16 + j]! > median) word |= 1 << j;
    hex += word.toString(16).padStart(4, '0');
  }
  return hex;
}

/**
 * Dihedral transforms on the DCT block (reference `dct16OriginalTo*`): mirroring a 64×64 image top-bottom multiplies
 * vertical frequency u by (−1)^(u+1) (our index i = u − 1, so rows with even i change sign), mirroring left-right does
 * the same to columns j, and a diagonal mirror transposes. `transpose` writes B[j][i] instead of B[i][j]; `negate`
 * says which coefficients change sign. Names are ours (see PdqVariantName); the comment gives the reference recipe.
 */
const DIHEDRAL: ReadonlyArray<{ variant: PdqVariantName; transpose: boolean; negate: (i: number, j: number) => boolean }> = [
  { variant: 'original', transpose: false, negate: () => false },
  { variant: 'rotate90', transpose: true, negate: (i) => (i & 1) === 0 }, // reference Rotate270
  { variant: 'rotate180', transpose: false, negate: (i, j) => ((i + j) & 1) === 1 }, // reference Rotate180
  { variant: 'rotate270', transpose: true, negate: (_i, j) => (j & 1) === 0 }, // reference Rotate90
  { variant: 'flipX', transpose: false, negate: (_i, j) => (j & 1) === 0 }, // reference FlipY
  { variant: 'flipY', transpose: false, negate: (i) => (i & 1) === 0 }, // reference FlipX
  { variant: 'flipPlusOne', transpose: true, negate: () => false }, // reference FlipPlus1
  { variant: 'flipMinusOne', transpose: true, negate: (i, j) => ((i + j) & 1) === 1 }, // reference FlipMinus1
];

function dihedralHashes(dct: Float64Array): PdqVariant[] {
  const b = new Float64Array(256);
  return DIHEDRAL.map(({ variant, transpose, negate }) => {
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 16; j++) {
        const v = dct[i * 16 + j]!;
        b[transpose ? j * 16 + i : i * 16 + j] = negate(i, j) ? -v : v;
      }
    }
    return { variant, hash: dctToHex(b) };
  });
}

const ZERO_HASH = '0'.repeat(64);

type Dct = { dct: Float64Array; quality: number } | null;

/** The reference hashes nothing smaller than 5×5: callers turn null into the all-zero hash with quality 0. */
function checkDims(width: number, height: number, available: number, perPixel: number): boolean {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) throw new RangeError(`bad image size ${width}×${height}`);
  if (available < width * height * perPixel) throw new RangeError(`buffer too short for ${width}×${height}×${perPixel}`);
  return width >= MIN_HASHABLE_DIM && height >= MIN_HASHABLE_DIM;
}

function dctOfLuma(luma: Float32Array, width: number, height: number): Dct {
  if (!checkDims(width, height, luma.length, 1)) return null;
  return dct16(width, height, (y, x0, n, weights, w0) => {
    let s = 0;
    for (let q = 0, p = y * width + x0; q < n; q++, p++) s += weights[w0 + q]! * luma[p]!;
    return s;
  });
}

/** `channels` 1–2 is grey (+ alpha), 3–4 is RGB (+ alpha); alpha is ignored like the reference (CImg reads channels 0..2). */
function dctOfPixels(data: Uint8Array, width: number, height: number, channels: number, source?: SourceSize): Dct {
  if (!Number.isInteger(channels) || channels < 1 || channels > 4) throw new RangeError(`unsupported channel count ${channels}`);
  if (!checkDims(width, height, data.length, channels)) return null;
  if (channels < 3) {
    // A grey value g has luma g (0.299 + 0.587 + 0.114 = 1).
    return dct16(
      width,
      height,
      (y, x0, n, weights, w0) => {
        let s = 0;
        for (let q = 0, p = (y * width + x0) * channels; q < n; q++, p += channels) s += weights[w0 + q]! * data[p]!;
        return s;
      },
      source,
    );
  }
  // Luma is linear, so weighting R, G and B separately and mixing once per kernel gives the same sum, faster.
  return dct16(
    width,
    height,
    (y, x0, n, weights, w0) => {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let q = 0, p = (y * width + x0) * channels; q < n; q++, p += channels) {
        const w = weights[w0 + q]!;
        r += w * data[p]!;
        g += w * data[p + 1]!;
        b += w * data[p + 2]!;
      }
      return 0.299 * r + 0.587 * g + 0.114 * b;
    },
    source,
  );
}

/** PDQ of a row-major luma image (values 0..255, one float per pixel). The input is not modified. */
export function pdqFromLuma(luma: Float32Array, width: number, height: number): PdqHash {
  const r = dctOfLuma(luma, width, height);
  return r ? { hash: dctToHex(r.dct), quality: r.quality } : { hash: ZERO_HASH, quality: 0 };
}

/** PDQ of interleaved 8-bit RGB (3 channels) or RGBA (4, alpha ignored as in the reference), row-major. */
export function pdqFromRgba(data: Uint8Array, width: number, height: number, channels: 3 | 4): PdqHash {
  const r = dctOfPixels(data, width, height, channels);
  return r ? { hash: dctToHex(r.dct), quality: r.quality } : { hash: ZERO_HASH, quality: 0 };
}

/** The 8 dihedral hashes of interleaved 8-bit RGB/RGBA pixels from one DCT (no re-hashing of transformed pixels). */
export function pdqDihedral(data: Uint8Array, width: number, height: number, channels: 3 | 4, source?: SourceSize): PdqDihedral {
  return dihedralOf(dctOfPixels(data, width, height, channels, source));
}

/** As pdqDihedral, from a row-major luma image (not modified). */
export function pdqDihedralFromLuma(luma: Float32Array, width: number, height: number): PdqDihedral {
  return dihedralOf(dctOfLuma(luma, width, height));
}

function dihedralOf(r: Dct): PdqDihedral {
  if (!r) return { quality: 0, variants: DIHEDRAL.map(({ variant }) => ({ variant, hash: ZERO_HASH })) };
  return { quality: r.quality, variants: dihedralHashes(r.dct) };
}

/**
 * Decode an image file and hash it. Pixel preparation, so that another tool can reproduce the hash:
 *  1. decode the first page/frame with libvips (sharp), refusing images over `maxInputPixels` pixels;
 *  2. apply the EXIF orientation (hash the picture as a viewer shows it; NB Meta's tools do NOT do this, so for an
 *     EXIF-rotated file our plain hash corresponds to one of their dihedral variants: match against all 8);
 *  3. convert to sRGB at 8 bits per channel (greyscale becomes R = G = B, CMYK is converted);
 *  4. drop the alpha channel without compositing, i.e. use the stored colour of transparent pixels (as the reference:
 *     CImg reads channels 0..2, PIL `convert("RGB")` discards alpha);
 *  5. no resizing: luma 0.299 R + 0.587 G + 0.114 B of every pixel goes to the PDQ core above.
 */
export async function pdqFromImage(bytes: Buffer, opts: { maxInputPixels: number }): Promise<PdqHash & { variants: PdqVariant[] }> {
  let raw: { data: Buffer; info: sharp.OutputInfo };
  try {
    raw = await sharp(bytes, { limitInputPixels: opts.maxInputPixels, failOn: 'error', pages: 1 })
      .rotate()
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw new DecodeError(`image could not be decoded for PDQ: ${(err as Error).message}`);
  }
  const { data, info } = raw;
  const { quality, variants } = dihedralOf(dctOfPixels(data, info.width, info.height, info.channels));
  return { hash: variants[0]!.hash, quality, variants };
}

/** Hamming distance between two PDQ hex hashes (0..256). */
export function pdqHamming(a: string, b: string): number {
  if (!PDQ_HEX.test(a) || !PDQ_HEX.test(b)) throw new RangeError('a PDQ hash is 64 hex digits');
  return hammingHex(a.toLowerCase(), b.toLowerCase());
}

const PDQ_HEX = /^[0-9a-fA-F]{64}$/;
