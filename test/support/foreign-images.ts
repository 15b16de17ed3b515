/**
 * Synthetic files in formats the pipeline does not accept, built by hand (sharp cannot write them,
 * and after the loader block it cannot read them either). Only shapes and flat colours.
 */

/** A valid 24-bit BMP of flat colour (bottom-up rows padded to 4 bytes). */
export function bmpImage(width = 4, height = 4, rgb: [number, number, number] = [200, 40, 40]): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set([rgb[2], rgb[1], rgb[0]], y * row + x * 3);
  }
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'ascii');
  header.writeUInt32LE(54 + pixels.length, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(width, 18);
  header.writeInt32LE(height, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(pixels.length, 34);
  return Buffer.concat([header, pixels]);
}

/** An SVG of the given size: a few flat shapes. */
export function svgImage(width: number, height: number): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<rect width="${width}" height="${height}" fill="#3a7"/><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#fc3"/></svg>`,
  );
}

/**
 * The issue 7 item 5 file: "ftypavif" lands at offset 4 by accident inside an XML comment, so a
 * sniffer that only looks there calls it AVIF, and libvips then renders the SVG behind it.
 */
export function svgDisguisedAsAvif(width = 3000, height = 3000): Buffer {
  return Buffer.concat([Buffer.from('<!--ftypavif-->'), svgImage(width, height)]);
}

/** The first bytes of an ISO-BMFF file with the given major brand (HEIC: 'heic'). */
export function ftypBox(major: string, compatible: string[] = []): Buffer {
  const size = 16 + 4 * compatible.length;
  const box = Buffer.alloc(size);
  box.writeUInt32BE(size, 0);
  box.write('ftyp', 4, 'ascii');
  box.write(major, 8, 'ascii');
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, 'ascii'));
  return box;
}
