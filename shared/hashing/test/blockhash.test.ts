import { bmvbhash } from 'blockhash-core';
import sharp from 'sharp';
import { blockhash256, DECODE_KERNEL, hammingHex, hashImage } from '../src';
import { syntheticJpeg, syntheticPng, syntheticRgb } from '../../../test/support/images';

/** Deterministic pseudo-random numbers for the pixel soups below. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 4294967296;
}

type Fill = 'noise' | 'dark flat' | 'bright flat' | 'gradient' | 'transparent patches';

/** RGBA pixels of a kind that stresses one part of the reference: ties at the median, the alpha rule, rounding. */
function rgba(width: number, height: number, fill: Fill, seed: number): Uint8Array {
  const rand = lcg(seed);
  const px = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      const v =
        fill === 'noise'
          ? [rand() * 256, rand() * 256, rand() * 256]
          : fill === 'dark flat'
            ? [12, 12, 13]
            : fill === 'bright flat'
              ? [240, 241, 240]
              : [(x * 255) / width, (y * 255) / height, 90];
      px.set(v.map(Math.floor), p);
      px[p + 3] = fill === 'transparent patches' && (x >> 3) % 3 === (y >> 4) % 2 ? 0 : fill === 'noise' ? Math.floor(rand() * 256) : 255;
    }
  }
  if (fill === 'transparent patches') for (let p = 0; p < px.length; p += 4) px[p] = Math.floor(rand() * 256);
  return px;
}

const FILLS: Fill[] = ['noise', 'dark flat', 'bright flat', 'gradient', 'transparent patches'];

describe('blockhash256 (our port of blockhash-core bmvbhash(data, 16))', () => {
  it('gives the reference hash bit for bit on odd, even, tiny and transparent pictures', () => {
    const rand = lcg(42);
    const sizes: Array<[number, number]> = [
      [1, 1],
      [3, 2],
      [15, 17],
      [16, 16],
      [17, 15],
      [32, 48],
      [33, 47],
      [160, 120],
      [161, 121],
      [1023, 767],
    ];
    for (let i = 0; i < 60; i++) sizes.push([1 + Math.floor(rand() * 300), 1 + Math.floor(rand() * 300)]);
    let compared = 0;
    for (const [k, [width, height]] of sizes.entries()) {
      // Large pictures only in the two fills that decide most bits by rounding and by ties.
      for (const fill of width * height > 100_000 ? (['noise', 'dark flat'] as Fill[]) : FILLS) {
        const data = rgba(width, height, fill, k * 31 + FILLS.indexOf(fill));
        expect([width, height, fill, blockhash256(data, width, height, 4)]).toEqual([width, height, fill, bmvbhash({ width, height, data }, 16)]);
        compared++;
      }
    }
    expect(compared).toBe((sizes.length - 1) * FILLS.length + 2);
  });

  it('hashes RGB like the same pixels with an opaque alpha channel', () => {
    for (const [width, height, seed] of [
      [320, 240, 1],
      [333, 217, 2],
      [7, 5, 3],
    ] as const) {
      const rgb = syntheticRgb(width, height, seed);
      const withAlpha = new Uint8Array(width * height * 4).fill(255);
      for (let p = 0; p < width * height; p++) withAlpha.set(rgb.subarray(3 * p, 3 * p + 3), 4 * p);
      expect(blockhash256(rgb, width, height, 3)).toBe(bmvbhash({ width, height, data: withAlpha }, 16));
    }
  });

  it("gives hashImage at full resolution the blockhash the old path gave (blockhash-core over sharp's RGBA decode)", async () => {
    const transparent = await sharp(rgba(301, 199, 'transparent patches', 7), { raw: { width: 301, height: 199, channels: 4 } })
      .png()
      .toBuffer();
    for (const img of [await syntheticPng(640, 480, 5), await syntheticJpeg(1601, 1199, 6), await syntheticJpeg(1600, 1200, 7), transparent]) {
      const { data, info } = await sharp(img).rotate().toColourspace('srgb').ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
      const h = await hashImage(img, { maxInputPixels: 50_000_000, decodeSide: 0 });
      expect(h.hashes.blockhash).toBe(bmvbhash({ width: info.width, height: info.height, data }, 16));
    }
  });

  it('gives hashImage by default blockhash-core over the reduced decode, close to the full resolution', async () => {
    for (const [img, w, h] of [
      [await syntheticPng(640, 480, 5), 336, 256],
      [await syntheticJpeg(1601, 1199, 6), 336, 256],
      [await syntheticJpeg(1200, 1600, 7), 256, 336],
    ] as const) {
      const { data, info } = await sharp(img).resize(w, h, { fit: 'fill', kernel: DECODE_KERNEL }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const reduced = await hashImage(img, { maxInputPixels: 50_000_000 });
      const full = await hashImage(img, { maxInputPixels: 50_000_000, decodeSide: 0 });
      expect([info.width, info.height]).toEqual([w, h]);
      expect(reduced.hashes.blockhash).toBe(bmvbhash({ width: w, height: h, data }, 16));
      expect(hammingHex(reduced.hashes.blockhash, full.hashes.blockhash)).toBeLessThanOrEqual(4);
    }
  });

  it('refuses a buffer shorter than the stated size', () => {
    expect(() => blockhash256(new Uint8Array(10), 4, 4, 3)).toThrow(RangeError);
    expect(() => blockhash256(new Uint8Array(10), 0, 4, 3)).toThrow(RangeError);
  });
});
