import zlib from 'node:zlib';
import sharp from 'sharp';

/** Deterministic pseudo-random numbers, so a seed always draws the same picture. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/**
 * A synthetic, benign test picture: a colour gradient with a few filled rectangles and discs.
 * Different seeds give visually different pictures, so their perceptual hashes are far apart.
 */
export function syntheticRgb(width: number, height: number, seed: number): Buffer {
  const rand = rng(seed);
  const px = Buffer.alloc(width * height * 3);
  const [r0, g0, b0, r1, g1, b1] = Array.from({ length: 6 }, () => Math.floor(rand() * 256));
  const horizontal = rand() > 0.5;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = horizontal ? x / width : y / height;
      const i = (y * width + x) * 3;
      px[i] = r0! + (r1! - r0!) * t;
      px[i + 1] = g0! + (g1! - g0!) * t;
      px[i + 2] = b0! + (b1! - b0!) * t;
    }
  }
  const shapes = 3 + Math.floor(rand() * 4);
  for (let s = 0; s < shapes; s++) {
    const cx = rand() * width;
    const cy = rand() * height;
    const size = (0.1 + rand() * 0.3) * Math.min(width, height);
    const colour = [rand() * 255, rand() * 255, rand() * 255];
    const disc = rand() > 0.5;
    for (let y = Math.max(0, Math.floor(cy - size)); y < Math.min(height, cy + size); y++) {
      for (let x = Math.max(0, Math.floor(cx - size)); x < Math.min(width, cx + size); x++) {
        if (disc && (x - cx) ** 2 + (y - cy) ** 2 > size * size) continue;
        const i = (y * width + x) * 3;
        px[i] = colour[0]!;
        px[i + 1] = colour[1]!;
        px[i + 2] = colour[2]!;
      }
    }
  }
  return px;
}

export function syntheticPng(width: number, height: number, seed: number): Promise<Buffer> {
  return sharp(syntheticRgb(width, height, seed), { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** syntheticRgb with smooth value noise and fine stripes on top: enough texture for a strong PDQ hash. */
export function texturedPng(width: number, height: number, seed: number): Promise<Buffer> {
  const px = syntheticRgb(width, height, seed);
  const rand = rng(seed * 7919 + 1);
  const grid = 12;
  const cells = Array.from({ length: (grid + 1) * (grid + 1) }, () => rand() * 120 - 60);
  const period = 6 + rand() * 20;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx = (x / width) * grid;
      const gy = (y / height) * grid;
      const x0 = Math.floor(gx);
      const y0 = Math.floor(gy);
      const fx = gx - x0;
      const fy = gy - y0;
      const c = (i: number, j: number) => cells[(y0 + j) * (grid + 1) + x0 + i]!;
      const noise = c(0, 0) * (1 - fx) * (1 - fy) + c(1, 0) * fx * (1 - fy) + c(0, 1) * (1 - fx) * fy + c(1, 1) * fx * fy;
      const stripe = Math.sin((x + y * 0.5) / period) * 25;
      const i = (y * width + x) * 3;
      for (let k = 0; k < 3; k++) px[i + k] = Math.max(0, Math.min(255, px[i + k]! + noise + stripe));
    }
  }
  return sharp(px, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

export function syntheticJpeg(width: number, height: number, seed: number, quality = 85): Promise<Buffer> {
  return sharp(syntheticRgb(width, height, seed), { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}

export function reencodeJpeg(image: Buffer, quality = 80): Promise<Buffer> {
  return sharp(image).jpeg({ quality }).toBuffer();
}

/**
 * A real decompression bomb: a valid 1-bit greyscale PNG of side×side pixels (400 million at the
 * default) whose all-zero rows deflate to about 50 KB. Built by hand because encoding it with an
 * image library would itself take seconds and gigabytes.
 */
export function bombPng(side = 20000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((1 + Math.ceil(side / 8)) * side); // filter byte 0 + zero pixels, every row
  const idat = zlib.deflateSync(rows, { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
