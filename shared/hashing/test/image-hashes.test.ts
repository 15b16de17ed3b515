import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { DecodeError } from '@hotline/platform';
import { hammingHex, hashImage, pdqHamming, sniffImage } from '../src';
import { bombPng, reencodeJpeg, syntheticPng, texturedPng } from '../../../test/support/images';

const opts = { maxInputPixels: 50_000_000 };

describe('image hashing', () => {
  it('computes the exact hashes of the bytes and a 256-bit blockhash', async () => {
    const png = await syntheticPng(320, 240, 1);
    const h = await hashImage(png, opts);
    expect(h.hashes.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(h.hashes.sha1).toMatch(/^[0-9a-f]{40}$/);
    expect(h.hashes.sha256).toBe(createHash('sha256').update(png).digest('hex'));
    expect(h.hashes.blockhash).toMatch(/^[0-9a-f]{64}$/);
    expect([h.width, h.height]).toEqual([320, 240]);
  });

  it('gives a re-encoded copy a near blockhash and a different picture a far one', async () => {
    const png = await syntheticPng(640, 480, 21);
    const a = await hashImage(png, opts);
    const jpeg = await hashImage(await reencodeJpeg(png, 60), opts);
    const other = await hashImage(await syntheticPng(640, 480, 22), opts);
    expect(jpeg.hashes.sha256).not.toBe(a.hashes.sha256);
    expect(hammingHex(a.hashes.blockhash, jpeg.hashes.blockhash)).toBeLessThanOrEqual(8);
    expect(hammingHex(a.hashes.blockhash, other.hashes.blockhash)).toBeGreaterThan(40);
  });

  it('applies the EXIF orientation before hashing', async () => {
    const png = await syntheticPng(300, 200, 31);
    const upright = await hashImage(png, opts);
    // Stored rotated, with an EXIF tag saying "rotate 90° clockwise to view": the viewer sees the upright picture.
    const stored = await sharp(png).rotate(-90).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const h = await hashImage(stored, opts);
    expect([h.width, h.height]).toEqual([300, 200]);
    expect(hammingHex(h.hashes.blockhash, upright.hashes.blockhash)).toBeLessThanOrEqual(8);
  });

  it('decodes a large picture reduced, applies its EXIF orientation, and reports the size a viewer sees', async () => {
    const png = await texturedPng(1600, 1200, 32);
    const upright = await hashImage(png, opts);
    const full = await hashImage(png, { ...opts, decodeSide: 0 });
    const stored = await sharp(png).rotate(-90).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const turned = await hashImage(stored, opts);
    expect([upright.width, upright.height, turned.width, turned.height]).toEqual([1600, 1200, 1600, 1200]);
    expect([upright.decoded, turned.decoded, full.decoded]).toEqual([
      { width: 336, height: 256 },
      { width: 336, height: 256 },
      { width: 1600, height: 1200 },
    ]);
    expect(upright.pdqQuality).toBeGreaterThanOrEqual(50);
    expect(hammingHex(upright.hashes.blockhash, full.hashes.blockhash)).toBeLessThanOrEqual(4);
    expect(pdqHamming(upright.hashes.pdq, full.hashes.pdq)).toBeLessThanOrEqual(6);
    expect(hammingHex(turned.hashes.blockhash, upright.hashes.blockhash)).toBeLessThanOrEqual(8);
    expect(pdqHamming(turned.hashes.pdq, upright.hashes.pdq)).toBeLessThanOrEqual(12);
  });

  it('decodes a picture with alpha at full resolution (a resize would lose the colour of transparent pixels)', async () => {
    const rgba = await sharp(await texturedPng(800, 600, 33))
      .ensureAlpha(0.5)
      .png()
      .toBuffer();
    expect((await hashImage(rgba, opts)).decoded).toEqual({ width: 800, height: 600 });
  });

  it('refuses a decompression bomb from its header, before decoding', async () => {
    const bomb = bombPng();
    await expect(hashImage(bomb, opts)).rejects.toThrow(DecodeError);
    await expect(hashImage(bomb, opts)).rejects.toThrow(/20000×20000 pixels exceeds the limit/);
  });

  it('refuses bytes that are not an image', async () => {
    await expect(hashImage(Buffer.from('<html>hello</html>'), opts)).rejects.toThrow(DecodeError);
  });

  it('sniffs image types from bytes', async () => {
    expect(sniffImage(await syntheticPng(8, 8, 1))).toBe('image/png');
    expect(sniffImage(await reencodeJpeg(await syntheticPng(8, 8, 1)))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('GIF89a....'))).toBe('image/gif');
    expect(sniffImage(Buffer.from('%PDF-1.7'))).toBeNull();
  });
});
