import sharp from 'sharp';
import { thumbnail } from '@hotline/hashing';
import { texturedPng } from './support/images';

/** Sum of absolute differences between horizontal and vertical neighbours: high-frequency energy per pixel. */
function edgeEnergy(data: Buffer, width: number, height: number): number {
  let sum = 0;
  for (let y = 0; y < height - 1; y++)
    for (let x = 0; x < width - 1; x++) {
      const i = y * width + x;
      sum += Math.abs(data[i]! - data[i + 1]!) + Math.abs(data[i]! - data[i + width]!);
    }
  return sum / (width * height);
}

async function gray(img: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(img).grayscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('item 9: review thumbnails', () => {
  it('are at most 160 px, grayscale in every channel, and blurred: far less edge energy than a plain resize', async () => {
    const src = await texturedPng(800, 600, 5);
    const thumb = await thumbnail(src, { maxInputPixels: 1e8 });
    const rgb = await sharp(thumb).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    expect(Math.max(rgb.info.width, rgb.info.height)).toBe(160);
    let colour = 0;
    for (let p = 0; p < rgb.data.length; p += rgb.info.channels) if (rgb.data[p] !== rgb.data[p + 1] || rgb.data[p + 1] !== rgb.data[p + 2]) colour++;
    expect(colour).toBe(0);

    const plain = await sharp(src).resize(160, 160, { fit: 'inside' }).png().toBuffer();
    const a = await gray(thumb);
    const b = await gray(plain);
    expect(edgeEnergy(a.data, a.width, a.height)).toBeLessThan(edgeEnergy(b.data, b.width, b.height) / 2);
  });

  it('refuses bytes that are not an image with a typed decode error', async () => {
    await expect(thumbnail(Buffer.from('not an image'), { maxInputPixels: 1e8 })).rejects.toMatchObject({ code: 'decode_failed' });
  });
});
