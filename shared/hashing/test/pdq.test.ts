import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { DecodeError } from '@hotline/platform';
import { axisWeights, PDQ_WEAK_QUALITY, pdqDihedral, pdqFromImage, pdqFromLuma, pdqFromRgba, pdqHamming, type PdqVariantName } from '../src/pdq';

// Only Meta's public PDQ reference images (ThreatExchange pdq/data) and synthetic pictures are used here.
const REF = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'pdq');
const opts = { maxInputPixels: 50_000_000 };
const refImage = (file: string) => fs.readFileSync(path.join(REF, 'images', file));

/** A benign synthetic picture: a colour gradient with a few flat discs and squares. */
function picture(width: number, height: number, seed: number): Buffer {
  let s = seed;
  const rand = () => (s = (s * 1664525 + 1013904223) >>> 0) / 4294967296;
  const shapes = Array.from({ length: 6 }, () => ({
    cx: rand() * width,
    cy: rand() * height,
    r: (0.08 + rand() * 0.25) * Math.min(width, height),
    colour: [rand() * 255, rand() * 255, rand() * 255],
    disc: rand() > 0.5,
  }));
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 3) {
      px[i] = (255 * x) / width;
      px[i + 1] = (255 * y) / height;
      px[i + 2] = 128;
    }
  }
  for (const { cx, cy, r, colour, disc } of shapes) {
    for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(height, cy + r); y++) {
      for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(width, cx + r); x++) {
        if (!disc || (x - cx) ** 2 + (y - cy) ** 2 < r * r) px.set(colour, (y * width + x) * 3);
      }
    }
  }
  return px;
}
const png = (px: Buffer, width: number, height: number, channels: 1 | 2 | 3 | 4 = 3) => sharp(px, { raw: { width, height, channels } }).png().toBuffer();

/**
 * Literal port of the reference blur + decimation (downscaling.cpp: box1DFloat's four phases, jaroszFilterFloat,
 * decimateFloat), float32 buffers like the C++. Hashing its 64×64 output with pdqFromLuma (a 64×64 input is hashed
 * as is: window 1, identity sampling, like the C++ 64×64 shortcut) must give what the fast path gives.
 */
function referenceDownsample64(luma: Float32Array, numCols: number, numRows: number): Float32Array {
  const box1D = (inv: Float32Array, outv: Float32Array, off: number, len: number, stride: number, full: number) => {
    const half = Math.floor((full + 2) / 2);
    let [li, ri, oi, sum, cur] = [off, off, off, 0, 0];
    for (let i = 0; i < half - 1; i++, ri += stride) {
      sum += inv[ri]!;
      cur++;
    }
    for (let i = 0; i < full - half + 1; i++, ri += stride, oi += stride) {
      sum += inv[ri]!;
      cur++;
      outv[oi] = sum / cur;
    }
    for (let i = 0; i < len - full; i++, li += stride, ri += stride, oi += stride) {
      sum += inv[ri]! - inv[li]!;
      outv[oi] = sum / cur;
    }
    for (let i = 0; i < half - 1; i++, li += stride, oi += stride) {
      sum -= inv[li]!;
      cur--;
      outv[oi] = sum / cur;
    }
  };
  const win = (d: number) => Math.floor((d + 2 * 64 - 1) / (2 * 64));
  const b1 = Float32Array.from(luma);
  const b2 = new Float32Array(b1.length);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < numRows; i++) box1D(b1, b2, i * numCols, numCols, 1, win(numCols));
    for (let j = 0; j < numCols; j++) box1D(b2, b1, j, numRows, numCols, win(numRows));
  }
  const out = new Float32Array(64 * 64);
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 64; j++) out[i * 64 + j] = b1[Math.trunc(((i + 0.5) * numRows) / 64) * numCols + Math.trunc(((j + 0.5) * numCols) / 64)]!;
  }
  return out;
}

function lumaOf(rgb: Uint8Array, n: number): Float32Array {
  const luma = new Float32Array(n);
  for (let p = 0; p < n; p++) luma[p] = 0.299 * rgb[3 * p]! + 0.587 * rgb[3 * p + 1]! + 0.114 * rgb[3 * p + 2]!;
  return luma;
}

describe('PDQ', () => {
  it("matches Meta's published hashes of the reference images (expected.tsv)", async () => {
    const rows = fs
      .readFileSync(path.join(REF, 'expected.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const report: string[] = [];
    for (const [file, expected, max] of rows) {
      const { hash, quality } = await pdqFromImage(refImage(file!), opts);
      const d = pdqHamming(hash, expected!);
      report.push(`${file}\tdistance ${d} (max ${max})\tquality ${quality}\t${hash}`);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(d).toBeLessThanOrEqual(Number(max));
    }
    // eslint-disable-next-line no-console -- the distances against the reference are this test's report, read when tuning
    console.log(`PDQ vs expected.tsv:\n${report.join('\n')}`);
  });

  it('blurs and decimates exactly like a literal port of the reference passes', () => {
    // Sizes cover odd and even windows (even ones lean forward), tiny and non-square images.
    for (const [w, h, seed] of [
      [5, 5, 1],
      [64, 64, 2],
      [129, 77, 3],
      [256, 256, 4],
      [300, 199, 5],
      [511, 512, 6],
      [1432, 812, 7],
      [1600, 1200, 8],
    ] as const) {
      const rgb = picture(w, h, seed);
      const luma = lumaOf(rgb, w * h);
      const fast = pdqFromLuma(luma, w, h);
      const literal = pdqFromLuma(referenceDownsample64(luma, w, h), 64, 64);
      expect([w, h, fast.hash, fast.quality]).toEqual([w, h, literal.hash, literal.quality]);
      // RGB input gives the same hash as its luma (alpha ignored).
      expect(pdqFromRgba(rgb, w, h, 3)).toEqual(fast);
      const rgba = new Uint8Array(w * h * 4);
      for (let p = 0; p < w * h; p++) {
        rgba.set(rgb.subarray(3 * p, 3 * p + 3), 4 * p);
        rgba[4 * p + 3] = p % 3 ? 255 : 0;
      }
      expect(pdqFromRgba(rgba, w, h, 4)).toEqual(fast);
    }
  });

  it('keeps quality within 0..100 and flags a flat grey image as weak', async () => {
    for (const file of fs.readdirSync(path.join(REF, 'images'))) {
      const { quality } = await pdqFromImage(refImage(file), opts);
      expect(quality).toBeGreaterThanOrEqual(0);
      expect(quality).toBeLessThanOrEqual(100);
    }
    const grey = await pdqFromImage(await png(Buffer.alloc(640 * 480 * 3, 128), 640, 480), opts);
    expect(grey.quality).toBeLessThan(PDQ_WEAK_QUALITY);
    expect(grey.quality).toBe(0);
    expect((await pdqFromImage(await png(picture(640, 480, 9), 640, 480), opts)).quality).toBeGreaterThanOrEqual(PDQ_WEAK_QUALITY);
    // Below the reference's 5×5 minimum: all-zero hash, quality 0.
    expect(pdqFromRgba(new Uint8Array(4 * 4 * 3), 4, 4, 3)).toEqual({ hash: '0'.repeat(64), quality: 0 });
  });

  it('hashes greyscale and grey+alpha files like the equivalent RGB pixels', async () => {
    const [w, h] = [300, 200];
    const rgb = picture(w, h, 10);
    const grey = Buffer.alloc(w * h);
    for (let p = 0; p < w * h; p++) grey[p] = rgb[3 * p + 1]!;
    const greyAlpha = Buffer.alloc(w * h * 2);
    for (let p = 0; p < w * h; p++) greyAlpha.set([grey[p]!, p % 7 ? 255 : 0], 2 * p);
    const asRgb = Buffer.alloc(w * h * 3);
    for (let p = 0; p < w * h; p++) asRgb.fill(grey[p]!, 3 * p, 3 * p + 3);
    const expected = pdqFromRgba(asRgb, w, h, 3).hash;
    expect((await pdqFromImage(await png(grey, w, h, 1), opts)).hash).toBe(expected);
    expect((await pdqFromImage(await png(greyAlpha, w, h, 2), opts)).hash).toBe(expected);
  });

  describe('dihedral variants', () => {
    // name of the variant of the ORIGINAL that should match the plain hash of the transformed picture
    const transforms: Array<[PdqVariantName, (img: Buffer) => Promise<Buffer>]> = [
      ['rotate90', (img) => sharp(img).rotate(90).png().toBuffer()], // sharp rotates clockwise
      ['rotate180', (img) => sharp(img).rotate(180).png().toBuffer()],
      ['rotate270', (img) => sharp(img).rotate(270).png().toBuffer()],
      ['flipX', (img) => sharp(img).flop().png().toBuffer()], // flop = mirror left-right
      ['flipY', (img) => sharp(img).flip().png().toBuffer()], // flip = mirror top-bottom
      [
        'flipPlusOne',
        async (img) =>
          sharp(await sharp(img).rotate(90).png().toBuffer())
            .flop()
            .png()
            .toBuffer(),
      ], // transpose
      [
        'flipMinusOne',
        async (img) =>
          sharp(await sharp(img).rotate(90).png().toBuffer())
            .flip()
            .png()
            .toBuffer(),
      ], // anti-transpose
    ];

    // c.png (1432×812, quality 100) rather than q0003.jpg: q0003 is a plain blue sky (quality 3, a weak hash of
    // mostly noise), and at 256×256 the reference's even-width blur window (2 px, leaning one way) plus centre
    // sampling make mirrored images sample different pixels, so even Meta's algorithm puts the DCT-derived variants
    // of 256-px images dozens of bits from the transformed image's own hash. Larger images stay within a few bits.
    const cases: Array<[string, () => Promise<Buffer>]> = [
      ['c.png', async () => refImage('c.png')],
      ['synthetic 1200×900', () => png(picture(1200, 900, 11), 1200, 900)],
    ];
    for (const [label, load] of cases) {
      it(`names each variant after the transform it predicts (${label})`, async () => {
        const img = await load();
        const original = await pdqFromImage(img, opts);
        expect(original.variants.map((v) => v.variant)).toEqual([
          'original',
          'rotate90',
          'rotate180',
          'rotate270',
          'flipX',
          'flipY',
          'flipPlusOne',
          'flipMinusOne',
        ]);
        expect(original.variants[0]!.hash).toBe(original.hash);
        const report: string[] = [];
        for (const [name, transform] of transforms) {
          const query = await pdqFromImage(await transform(img), opts);
          const distances = original.variants.map((v) => ({ variant: v.variant, d: pdqHamming(v.hash, query.hash) }));
          const best = distances.reduce((a, b) => (b.d < a.d ? b : a));
          report.push(`${name}: ${distances.map((x) => `${x.variant} ${x.d}`).join(', ')}`);
          expect(best.variant).toBe(name);
          expect(best.d).toBeLessThanOrEqual(16);
          expect(pdqHamming(original.hash, query.hash)).toBeGreaterThan(64); // the transform alone does change the hash
        }
        // eslint-disable-next-line no-console -- the distances against the reference are this test's report, read when tuning
        console.log(`PDQ dihedral, ${label} (distance from each variant of the original to the transformed image's hash):\n${report.join('\n')}`);
      });
    }

    it('computes the variants from raw pixels too, original first', () => {
      const rgb = picture(400, 300, 12);
      const { quality, variants } = pdqDihedral(rgb, 400, 300, 3);
      expect(variants[0]).toEqual({ variant: 'original', hash: pdqFromRgba(rgb, 400, 300, 3).hash });
      expect(quality).toBe(pdqFromRgba(rgb, 400, 300, 3).quality);
      expect(new Set(variants.map((v) => v.hash)).size).toBe(8);
    });
  });

  it('puts unrelated pictures far apart', async () => {
    const hashes: Array<[string, string]> = [];
    for (const file of fs.readdirSync(path.join(REF, 'images'))) hashes.push([file, (await pdqFromImage(refImage(file), opts)).hash]);
    for (const seed of [21, 22, 23]) hashes.push([`synthetic ${seed}`, pdqFromRgba(picture(800, 600, seed), 800, 600, 3).hash]);
    let closest = 256;
    for (let i = 0; i < hashes.length; i++) {
      for (let j = i + 1; j < hashes.length; j++) {
        const d = pdqHamming(hashes[i]![1], hashes[j]![1]);
        closest = Math.min(closest, d);
        expect([hashes[i]![0], hashes[j]![0], d > 64]).toEqual([hashes[i]![0], hashes[j]![0], true]);
      }
    }
    // eslint-disable-next-line no-console -- the distances against the reference are this test's report, read when tuning
    console.log(`PDQ: closest pair of unrelated pictures is ${closest} bits apart`);
  });

  it('hashes a reduced decode as the full resolution when told the full size (the blur keeps its full width)', async () => {
    const folded: number[] = [];
    const plain: number[] = [];
    for (const seed of [51, 52, 54]) {
      const img = await sharp(picture(1600, 1200, seed), { raw: { width: 1600, height: 1200, channels: 3 } })
        .jpeg({ quality: 90 })
        .toBuffer();
      const full = pdqDihedral(await sharp(img).raw().toBuffer(), 1600, 1200, 3);
      const reduced = await sharp(img).resize(336, 256, { fit: 'fill' }).raw().toBuffer();
      const asFull = pdqDihedral(reduced, 336, 256, 3, { width: 1600, height: 1200 });
      folded.push(pdqHamming(full.variants[0]!.hash, asFull.variants[0]!.hash));
      plain.push(pdqHamming(full.variants[0]!.hash, pdqDihedral(reduced, 336, 256, 3).variants[0]!.hash));
      expect(Math.abs(asFull.quality - full.quality)).toBeLessThanOrEqual(5);
    }
    // Measured 2, 0, 2 against 10, 12, 16 when the reduced pixels are hashed as a picture of their own.
    expect(Math.max(...folded)).toBeLessThanOrEqual(4);
    expect(Math.min(...plain)).toBeGreaterThan(Math.max(...folded) + 4);
  });

  it('folds each full-resolution kernel onto the reduced pixels whole: weights sum to 1, inside the axis, centred where the full one is', () => {
    for (const [source, n] of [
      [1600, 336],
      [1600, 800],
      [1200, 256],
      [997, 256],
      [300, 299],
      [4000, 16],
      [20000, 333],
      [64, 63],
    ] as const) {
      const full = axisWeights(source);
      const folded = axisWeights(n, source);
      for (let k = 0; k < 64; k++) {
        const w = Array.from(folded.weights.subarray(k * folded.stride, k * folded.stride + folded.length[k]!));
        expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        expect(folded.start[k]).toBeGreaterThanOrEqual(0);
        expect(folded.start[k]! + folded.length[k]!).toBeLessThanOrEqual(n);
        expect(folded.length[k]).toBeLessThanOrEqual(folded.stride);
        // The kernel's centre of mass, in source pixels, moves by at most one reduced pixel.
        const centre = (a: { start: Int32Array; weights: Float64Array; stride: number; length: Int32Array }, scale: number) =>
          Array.from(a.weights.subarray(k * a.stride, k * a.stride + a.length[k]!)).reduce((m, x, t) => m + x * (a.start[k]! + t + 0.5) * scale, 0);
        expect(Math.abs(centre(folded, source / n) - centre(full, 1))).toBeLessThanOrEqual(source / n);
      }
    }
  });

  it('keeps a re-encoded copy and an EXIF-rotated copy near the original', async () => {
    const img = await png(picture(900, 600, 31), 900, 600);
    const original = await pdqFromImage(img, opts);
    const jpeg = await pdqFromImage(await sharp(img).jpeg({ quality: 70 }).toBuffer(), opts);
    // Stored turned 90° anticlockwise with EXIF orientation 6 ("rotate 90° clockwise to view").
    const exif = await pdqFromImage(await sharp(img).rotate(-90).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer(), opts);
    expect(pdqHamming(original.hash, jpeg.hash)).toBeLessThanOrEqual(10);
    expect(pdqHamming(original.hash, exif.hash)).toBeLessThanOrEqual(10);
  });

  it('refuses undecodable input and decompression bombs', async () => {
    await expect(pdqFromImage(Buffer.from('<html>not an image</html>'), opts)).rejects.toThrow(DecodeError);
    const big = await png(picture(300, 300, 41), 300, 300);
    await expect(pdqFromImage(big, { maxInputPixels: 10_000 })).rejects.toThrow(DecodeError);
  });

  it('computes Hamming distances between hex hashes', () => {
    const zero = '0'.repeat(64);
    expect(pdqHamming(zero, zero)).toBe(0);
    expect(pdqHamming(zero, 'f'.repeat(64))).toBe(256);
    expect(pdqHamming(zero, '8' + '0'.repeat(62) + '1')).toBe(2);
    expect(pdqHamming('ABCDEF' + '0'.repeat(58), 'abcdef' + '0'.repeat(58))).toBe(0);
    expect(() => pdqHamming(zero, 'xyz')).toThrow(RangeError);
  });
});
