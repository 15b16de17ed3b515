import sharp from 'sharp';
import { randomColour, type Rand, type Synthetic } from './images';

/**
 * The edits a re-shared copy of a known picture typically went through. Each one starts from the original's pixels
 * and writes a new file: JPEG for the JPEG transforms and the combined "re-share" ones, lossless PNG for the others,
 * so that each row measures its own edit and nothing else. Random parameters (crop split, border colour, watermark
 * corner) come from a per-image stream, so a run is reproducible.
 */

export interface Transform {
  name: string;
  /** A rotation or mirror: blockhash cannot match these at any threshold, PDQ only through its dihedral variants. */
  dihedral: boolean;
  apply(img: Synthetic, rand: Rand): Promise<Buffer>;
}

const png = (s: sharp.Sharp) => s.png({ compressionLevel: 1 }).toBuffer();
const jpeg = (s: sharp.Sharp, quality: number) => s.jpeg({ quality }).toBuffer();
const from = (img: Synthetic) => sharp(img.rgb, { raw: { width: img.width, height: img.height, channels: 3 } });

/** Remove `fraction` of the width and of the height in total, split unevenly (15–85 %) between opposite edges. */
function cropBox(img: Synthetic, fraction: number, rand: Rand): sharp.Region {
  const cutX = Math.round(img.width * fraction);
  const cutY = Math.round(img.height * fraction);
  const left = Math.round(cutX * (0.15 + 0.7 * rand()));
  const top = Math.round(cutY * (0.15 + 0.7 * rand()));
  return { left, top, width: img.width - cutX, height: img.height - cutY };
}

function scaled(img: Synthetic, factor: number) {
  return from(img).resize(Math.max(1, Math.round(img.width * factor)), Math.max(1, Math.round(img.height * factor)), { fit: 'fill', kernel: 'lanczos3' });
}

function watermarkSvg(img: Synthetic, rand: Rand): string {
  const size = Math.max(14, Math.round(0.05 * Math.min(img.width, img.height) * (1 + rand())));
  const text = ['© sample studio 2024', '@demo_account', 'www.example.org', 'shared via PhotoApp', `#${Math.floor(rand() * 100000)}`][Math.floor(rand() * 5)]!;
  const right = rand() < 0.5;
  const bottom = rand() < 0.6;
  const x = right ? img.width - size * 0.5 : size * 0.5;
  const y = bottom ? img.height - size * 0.5 : size * 1.3;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${img.width}" height="${img.height}"><text x="${x}" y="${y}" font-family="DejaVu Sans" font-weight="bold" font-size="${size}" text-anchor="${right ? 'end' : 'start'}" fill="white" fill-opacity="0.8" stroke="black" stroke-opacity="0.6" stroke-width="${Math.max(1, size / 16)}">${text}</text></svg>`;
}

function padded(img: Synthetic, fraction: number, rand: Rand) {
  const [r, g, b] = randomColour(rand);
  const x = Math.round(img.width * fraction);
  const y = Math.round(img.height * fraction);
  return from(img).extend({ top: y, bottom: y, left: x, right: x, background: { r, g, b } });
}

/** Contrast by factor a around mid-grey: v → a·v + 128·(1 − a). */
const contrast = (img: Synthetic, a: number) => from(img).linear(a, 128 * (1 - a));

export const TRANSFORMS: readonly Transform[] = [
  { name: 'jpeg q95', dihedral: false, apply: (img) => jpeg(from(img), 95) },
  { name: 'jpeg q75', dihedral: false, apply: (img) => jpeg(from(img), 75) },
  { name: 'jpeg q50', dihedral: false, apply: (img) => jpeg(from(img), 50) },
  { name: 'jpeg q30', dihedral: false, apply: (img) => jpeg(from(img), 30) },
  { name: 'resize 0.25x', dihedral: false, apply: (img) => png(scaled(img, 0.25)) },
  { name: 'resize 0.5x', dihedral: false, apply: (img) => png(scaled(img, 0.5)) },
  { name: 'resize 2x', dihedral: false, apply: (img) => png(scaled(img, 2)) },
  { name: 'crop 2%', dihedral: false, apply: (img, rand) => png(from(img).extract(cropBox(img, 0.02, rand))) },
  { name: 'crop 5%', dihedral: false, apply: (img, rand) => png(from(img).extract(cropBox(img, 0.05, rand))) },
  { name: 'crop 10%', dihedral: false, apply: (img, rand) => png(from(img).extract(cropBox(img, 0.1, rand))) },
  { name: 'pad 5%', dihedral: false, apply: (img, rand) => png(padded(img, 0.05, rand)) },
  { name: 'pad 10%', dihedral: false, apply: (img, rand) => png(padded(img, 0.1, rand)) },
  { name: 'rotate 90', dihedral: true, apply: (img) => png(from(img).rotate(90)) },
  { name: 'rotate 180', dihedral: true, apply: (img) => png(from(img).rotate(180)) },
  { name: 'rotate 270', dihedral: true, apply: (img) => png(from(img).rotate(270)) },
  { name: 'mirror (flop)', dihedral: true, apply: (img) => png(from(img).flop()) },
  { name: 'flip (top-bottom)', dihedral: true, apply: (img) => png(from(img).flip()) },
  { name: 'brightness +20%', dihedral: false, apply: (img) => png(from(img).modulate({ brightness: 1.2 })) },
  { name: 'brightness -20%', dihedral: false, apply: (img) => png(from(img).modulate({ brightness: 0.8 })) },
  { name: 'contrast +30%', dihedral: false, apply: (img) => png(contrast(img, 1.3)) },
  { name: 'contrast -30%', dihedral: false, apply: (img) => png(contrast(img, 0.7)) },
  {
    name: 'text watermark',
    dihedral: false,
    apply: (img, rand) => {
      // @hotline/hashing blocks libvips' SVG loader process-wide (hostile input); this SVG is the bench's own.
      sharp.unblock({ operation: ['VipsForeignLoadSvg'] });
      return png(from(img).composite([{ input: Buffer.from(watermarkSvg(img, rand)), top: 0, left: 0 }]));
    },
  },
  {
    name: 'rotate 3deg + fill',
    dihedral: false,
    apply: (img, rand) => {
      const [r, g, b] = randomColour(rand);
      return png(from(img).rotate(3, { background: { r, g, b } }));
    },
  },
  { name: 're-share 0.5x+q75', dihedral: false, apply: (img) => jpeg(scaled(img, 0.5), 75) },
  {
    name: 'mirror+crop5%+q75',
    dihedral: true,
    apply: (img, rand) =>
      jpeg(
        from(img)
          .extract(cropBox(img, 0.05, rand))
          .flop(),
        75,
      ),
  },
];
