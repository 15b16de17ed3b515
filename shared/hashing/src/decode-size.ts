/**
 * The reduced decode (issue 12): a large picture is decoded straight to about `side` pixels on its short side
 * (libjpeg scales in the DCT, libwebp on load; other formats are reduced after decoding), instead of to full
 * resolution. Both hashes only ever look at coarse averages: blockhash at the means of a 16×16 grid of blocks, PDQ at
 * a 64×64 grid of blurred samples. So the reduced pixels carry what the hashes need, and the hashes are computed as
 * on the full resolution: PDQ lays its blur and sampling out on the original size (pdq.ts `SourceSize`), and
 * blockhash's grid falls on whole reduced pixels, both sides being multiples of 16.
 *
 * Measured against full-resolution hashes (`npm run bench -- hashing`, README "Hashing"): PDQ a few bits, blockhash
 * under one on average; the published PDQ vectors give the same distances as before.
 */

/** Default short side of the reduced decode; 0 hashes the full resolution. */
export const DEFAULT_DECODE_SIDE = 256;

/**
 * libvips' kernel for what scale-on-load leaves to reduce. Of sharp's kernels, Mitchell kept PDQ closest to the full
 * resolution (70 robustness pictures as PNG and as 2× JPEG, 20 synthetic photos and the reference images, with the
 * first, centre-binned folding: mean 4.3 bits, p90 8, against 4.5 and 10 for Lanczos 3 and linear), and leaves c.png
 * exactly where the full resolution puts it.
 */
export const DECODE_KERNEL = 'mitchell';

export interface Size {
  width: number;
  height: number;
}

/**
 * The size to decode a `full`-sized picture (as oriented for viewing) to, or undefined to decode it whole: when
 * `side` is 0, the short side is already no more than `side`, the picture has alpha (a resize premultiplies it, which
 * would lose the colour of transparent pixels that PDQ reads), or the reduction would not shrink both sides.
 */
export function reducedDecodeSize(full: Size, side: number, hasAlpha: boolean): Size | undefined {
  const short = Math.min(full.width, full.height);
  if (side <= 0 || hasAlpha || short <= side) return undefined;
  const scale = side / short;
  const to16 = (n: number) => Math.max(16, 16 * Math.round((n * scale) / 16));
  const size = { width: to16(full.width), height: to16(full.height) };
  return size.width < full.width && size.height < full.height ? size : undefined;
}
