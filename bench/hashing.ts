import sharp from 'sharp';
import { hashImage } from '@hotline/hashing';
import { syntheticJpeg } from '../test/support/images';
import { fmt } from './stats';

/**
 * Images per second through the hasher's full path (exact hashes, header check, EXIF-aware decode
 * to RGBA, blockhash, PDQ with its 8 variants) beside a bare sharp decode of the same 1600×1200 JPEGs. The ratio says what
 * hashing costs on top of decoding.
 */
export async function benchHashing(count: number): Promise<void> {
  const images = await Promise.all(Array.from({ length: count }, (_, i) => syntheticJpeg(1600, 1200, 500 + i, 85)));
  const time = async (fn: (img: Buffer) => Promise<unknown>) => {
    await fn(images[0]!); // warm-up
    const t0 = performance.now();
    for (const img of images) await fn(img);
    return (performance.now() - t0) / 1000;
  };
  const decode = await time((img) => sharp(img).raw().toBuffer());
  const full = await time((img) => hashImage(img, { maxInputPixels: 50_000_000 }));
  console.log(`hashing 1600×1200 JPEG, ${count} images, one at a time:`);
  console.log(`  bare sharp decode to raw pixels   ${fmt(count / decode).padStart(7)} images/s`);
  console.log(`  hashImage (MD5, SHA-1, SHA-256, blockhash, PDQ + 8 variants)  ${fmt(count / full).padStart(7)} images/s`);
  console.log(`  ratio hashing / decode            ${fmt(full / decode, 2)}× the time`);
}
