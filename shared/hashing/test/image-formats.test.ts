import sharp from 'sharp';
import { DecodeError } from '@hotline/platform';
import { hashImage, identifyFormat, IMAGE_FORMATS, sniffImage } from '../src';
import { bmpImage, ftypBox, svgDisguisedAsAvif, svgImage } from '../../../test/support/foreign-images';
import { syntheticRgb } from '../../../test/support/images';

const opts = { maxInputPixels: 50_000_000 };

/** A tiny synthetic image written by sharp in the format libvips calls `decoder`. */
function encode(decoder: string): Promise<Buffer> {
  const img = sharp(syntheticRgb(16, 12, 7), { raw: { width: 16, height: 12, channels: 3 } });
  const writers: Record<string, () => sharp.Sharp> = {
    png: () => img.png(),
    jpeg: () => img.jpeg(),
    gif: () => img.gif(),
    webp: () => img.webp(),
    tiff: () => img.tiff(),
    heif: () => img.avif({ effort: 0 }),
  };
  const write = writers[decoder];
  if (!write) throw new Error(`no encoder for ${decoder} in this test: add one`);
  return write().toBuffer();
}

describe('image formats', () => {
  it('item 5: the AVIF sniff wants a real ftyp box, not "ftypavif" at offset 4 by accident', async () => {
    expect(sniffImage(svgDisguisedAsAvif(30, 30))).toBeNull();
    expect(identifyFormat(svgDisguisedAsAvif(30, 30))).toEqual({ supported: false, label: 'SVG' });
    expect(sniffImage(await encode('heif'))).toBe('image/avif');
    expect(sniffImage(Buffer.concat([ftypBox('avif', ['mif1', 'miaf']), Buffer.alloc(32)]))).toBe('image/avif');
    // "ftypavif" at offset 4 whose box size cannot be an ftyp box: larger than the file, or not whole brands.
    const lying = Buffer.concat([ftypBox('avif'), Buffer.alloc(8)]);
    lying.writeUInt32BE(0x3c212d2d, 0);
    expect(sniffImage(lying)).toBeNull();
    lying.writeUInt32BE(18, 0);
    expect(sniffImage(lying)).toBeNull();
  });

  it('item 5: sharp refuses SVG input once the hashing module is loaded, whatever the sniff said', async () => {
    await expect(sharp(svgImage(20, 20)).metadata()).rejects.toThrow(/unsupported image format/);
    await expect(sharp(svgImage(20, 20)).raw().toBuffer()).rejects.toThrow(/unsupported image format/);
    await expect(hashImage(svgImage(20, 20), { ...opts, mime: 'image/avif' })).rejects.toThrow(DecodeError);
  });

  it('item 5: the crafted AVIF-looking SVG is refused as SVG, not rendered', async () => {
    await expect(hashImage(svgDisguisedAsAvif(), { ...opts, mime: 'image/avif' })).rejects.toThrow('SVG images are not supported');
  });

  it('item 5: content whose bytes are another format than it was stored as is refused, naming both', async () => {
    const png = await encode('png');
    await expect(hashImage(png, { ...opts, mime: 'image/jpeg' })).rejects.toThrow(DecodeError);
    await expect(hashImage(png, { ...opts, mime: 'image/jpeg' })).rejects.toThrow(/JPEG.*PNG/);
  });

  it('item 6: recognisable formats we do not support get a name, and the sniffer does not pass them', () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< >>\nendobj\n');
    const ico = Buffer.concat([Buffer.from([0, 0, 1, 0, 1, 0, 16, 16]), Buffer.alloc(40)]);
    const heic = Buffer.concat([ftypBox('heic', ['mif1', 'heic']), Buffer.alloc(32)]);
    const jxl = Buffer.from([0xff, 0x0a, 0xfa, 0x7f, 0x01, 0x90, 0x08]);
    const xmlSvg = Buffer.concat([Buffer.from('<?xml version="1.0"?>\n'), svgImage(10, 10)]);
    const cases: Array<[Buffer, string]> = [
      [bmpImage(), 'BMP'],
      [pdf, 'PDF'],
      [ico, 'ICO'],
      [heic, 'HEIC'],
      [jxl, 'JPEG XL'],
      [svgImage(10, 10), 'SVG'],
      [xmlSvg, 'SVG'],
    ];
    for (const [bytes, label] of cases) {
      expect(sniffImage(bytes)).toBeNull();
      expect(identifyFormat(bytes)).toEqual({ supported: false, label });
    }
    expect(identifyFormat(Buffer.from('hello, world'))).toBeNull();
    // Pages stay pages, even with a comment first or an inline SVG.
    expect(identifyFormat(Buffer.from('<!-- nav --><html><body><svg width="1" height="1"></svg></body></html>'))).toBeNull();
    expect(identifyFormat(Buffer.from('<!doctype html><svg></svg>'))).toBeNull();
    // An ISO-BMFF video is not an image at all.
    expect(identifyFormat(Buffer.concat([ftypBox('isom', ['iso2', 'mp41']), Buffer.alloc(32)]))).toBeNull();
  });

  it('item 6: a BMP is refused by the hasher with a reason that names it', async () => {
    await expect(hashImage(bmpImage(), opts)).rejects.toThrow(DecodeError);
    await expect(hashImage(bmpImage(), opts)).rejects.toThrow('BMP images are not supported');
  });

  it.each(IMAGE_FORMATS.map((f) => [f.label, f] as const))(
    'item 6: %s, a supported format, is sniffed and decoded by the installed sharp',
    async (_label, format) => {
      const bytes = await encode(format.decoder);
      expect(sniffImage(bytes)).toBe(format.mime);
      expect(identifyFormat(bytes)).toEqual({ supported: true, format });
      const h = await hashImage(bytes, { ...opts, mime: format.mime });
      expect([h.width, h.height, h.format]).toEqual([16, 12, format.decoder]);
    },
  );
});
