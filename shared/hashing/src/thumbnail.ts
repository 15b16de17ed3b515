import sharp from 'sharp';
import { DecodeError } from '@hotline/platform';

export interface ThumbnailOptions {
  /** Longest side in pixels. */
  size?: number;
  /** Gaussian blur sigma at that size; 0 for none. Never zero in the console: the blur is the point. */
  blurSigma?: number;
  /** Refused above this many input pixels, as when hashing. */
  maxInputPixels: number;
}

/**
 * A small, blurred, grayscale JPEG of an image: what an analyst sees before choosing to reveal it.
 * Done here, server-side, so the bytes a browser receives are already softened — a client that skips
 * its CSS blur sees no more than this. First frame only, EXIF orientation applied.
 */
export async function thumbnail(bytes: Buffer, opts: ThumbnailOptions): Promise<Buffer> {
  const size = opts.size ?? 160;
  const sigma = opts.blurSigma ?? 6;
  try {
    let img = sharp(bytes, { limitInputPixels: opts.maxInputPixels, pages: 1 })
      .rotate()
      .resize(size, size, { fit: 'inside', withoutEnlargement: false })
      .flatten({ background: '#808080' })
      .grayscale();
    if (sigma > 0) img = img.blur(Math.max(0.3, sigma));
    return await img.jpeg({ quality: 70 }).toBuffer();
  } catch (err) {
    throw new DecodeError(`the image could not be decoded for a thumbnail: ${(err as Error).message}`);
  }
}
