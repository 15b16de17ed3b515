import sharp from 'sharp';
import { syntheticRgb } from '../../test/support/images';

/**
 * Synthetic, benign test pictures for the robustness bench: gradients and shapes, value noise, soft blobs, stripes,
 * checkerboards, text posters and blends of these. Everything is drawn from a seeded PRNG, so an index and a seed
 * always give the same picture; no photo or other outside material is used.
 */

export type ImageKind = 'shapes' | 'value-noise' | 'blobs' | 'stripes' | 'checker' | 'poster' | 'combo';

export const IMAGE_KINDS: readonly ImageKind[] = ['shapes', 'value-noise', 'blobs', 'stripes', 'checker', 'poster', 'combo'];

export interface Synthetic {
  kind: ImageKind;
  width: number;
  height: number;
  /** Interleaved 8-bit RGB, row-major. */
  rgb: Buffer;
}

export type Rand = () => number;
type Rgb = [number, number, number];

/** mulberry32: small, fast, good enough for drawing pictures. */
export function rng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for sub-stream `salt` of image `index` (so that transforms draw independently of generation). */
export function mixSeed(seed: number, index: number, salt: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt + 7, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const between = (rand: Rand, lo: number, hi: number) => lo + (hi - lo) * rand();
const int = (rand: Rand, lo: number, hi: number) => Math.floor(between(rand, lo, hi + 1));
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const colour = (rand: Rand): Rgb => [int(rand, 0, 255), int(rand, 0, 255), int(rand, 0, 255)];
const smooth = (t: number) => t * t * (3 - 2 * t);

export function rgbCss([r, g, b]: Rgb): string {
  return `rgb(${r},${g},${b})`;
}

export function randomColour(rand: Rand): Rgb {
  return colour(rand);
}

/** A field of values in 0..1 (one float per pixel) painted with a palette of 2–3 colours, optionally posterized. */
function paint(field: Float32Array, width: number, height: number, rand: Rand): Buffer {
  const palette = Array.from({ length: int(rand, 2, 3) }, () => colour(rand));
  const bands = rand() < 0.5 ? int(rand, 3, 7) : 0;
  const px = Buffer.alloc(width * height * 3);
  const segments = palette.length - 1;
  for (let p = 0; p < width * height; p++) {
    let v = field[p]!;
    if (bands) v = Math.min(bands - 1, Math.floor(v * bands)) / (bands - 1);
    const s = Math.min(segments - 1, Math.floor(v * segments));
    const t = v * segments - s;
    const c0 = palette[s]!;
    const c1 = palette[s + 1]!;
    px[p * 3] = c0[0] + (c1[0] - c0[0]) * t;
    px[p * 3 + 1] = c0[1] + (c1[1] - c0[1]) * t;
    px[p * 3 + 2] = c0[2] + (c1[2] - c0[2]) * t;
  }
  return px;
}

function normalize(field: Float32Array): Float32Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of field) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo || 1;
  for (let p = 0; p < field.length; p++) field[p] = (field[p]! - lo) / span;
  return field;
}

/** Multi-octave value noise: random values on a coarse grid, smoothstep-interpolated. */
function valueNoiseField(width: number, height: number, rand: Rand): Float32Array {
  const field = new Float32Array(width * height);
  const octaves = int(rand, 2, 4);
  const baseCells = int(rand, 3, 8);
  const long = Math.max(width, height);
  for (let o = 0, amp = 1; o < octaves; o++, amp *= 0.45) {
    const cells = baseCells << o;
    const cx = Math.max(1, Math.round((cells * width) / long));
    const cy = Math.max(1, Math.round((cells * height) / long));
    const grid = Float32Array.from({ length: (cx + 1) * (cy + 1) }, () => rand());
    for (let y = 0; y < height; y++) {
      const gy = (y / height) * cy;
      const y0 = Math.min(cy - 1, Math.floor(gy));
      const ty = smooth(gy - y0);
      for (let x = 0; x < width; x++) {
        const gx = (x / width) * cx;
        const x0 = Math.min(cx - 1, Math.floor(gx));
        const tx = smooth(gx - x0);
        const a = grid[y0 * (cx + 1) + x0]!;
        const b = grid[y0 * (cx + 1) + x0 + 1]!;
        const c = grid[(y0 + 1) * (cx + 1) + x0]!;
        const d = grid[(y0 + 1) * (cx + 1) + x0 + 1]!;
        field[y * width + x]! += amp * (a + (b - a) * tx + (c - a) * ty + (a - b - c + d) * tx * ty);
      }
    }
  }
  return normalize(field);
}

function valueNoise(width: number, height: number, rand: Rand): Buffer {
  return paint(valueNoiseField(width, height, rand), width, height, rand);
}

/** Blobs of random colours over a flat background: Gaussian-like, exp(−(r²/2)^k), from soft (k = 1) to nearly hard-edged (k = 8). */
function blobs(width: number, height: number, rand: Rand): Buffer {
  const px = Buffer.alloc(width * height * 3);
  const bg = colour(rand);
  for (let p = 0; p < width * height; p++) px.set(bg, p * 3);
  const count = int(rand, 10, 24);
  const short = Math.min(width, height);
  for (let k = 0; k < count; k++) {
    const cx = rand() * width;
    const cy = rand() * height;
    const sx = between(rand, 0.03, 0.16) * short;
    const sy = sx * between(rand, 0.5, 2);
    const sharpness = pick(rand, [1, 2, 4, 8]);
    const c = colour(rand);
    const alpha = between(rand, 0.7, 1);
    const x0 = Math.max(0, Math.floor(cx - 3 * sx));
    const x1 = Math.min(width, Math.ceil(cx + 3 * sx));
    const y0 = Math.max(0, Math.floor(cy - 3 * sy));
    const y1 = Math.min(height, Math.ceil(cy + 3 * sy));
    for (let y = y0; y < y1; y++) {
      const dy = ((y - cy) / sy) ** 2;
      for (let x = x0; x < x1; x++) {
        const g = alpha * Math.exp(-((0.5 * (((x - cx) / sx) ** 2 + dy)) ** sharpness));
        const i = (y * width + x) * 3;
        px[i] = px[i]! + (c[0] - px[i]!) * g;
        px[i + 1] = px[i + 1]! + (c[1] - px[i + 1]!) * g;
        px[i + 2] = px[i + 2]! + (c[2] - px[i + 2]!) * g;
      }
    }
  }
  return px;
}

/** Straight stripes at a random angle and period, hard- or soft-edged; sometimes crossed with a second set (plaid). */
function stripes(width: number, height: number, rand: Rand): Buffer {
  const short = Math.min(width, height);
  const sets = rand() < 0.3 ? 2 : 1;
  const layers = Array.from({ length: sets }, () => ({
    angle: rand() * Math.PI,
    period: between(rand, 0.04, 0.35) * short,
    phase: rand(),
    duty: between(rand, 0.25, 0.75),
    soft: rand() < 0.4,
  }));
  const field = new Float32Array(width * height);
  for (const { angle, period, phase, duty, soft } of layers) {
    const ca = Math.cos(angle) / period;
    const sa = Math.sin(angle) / period;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const u = x * ca + y * sa + phase;
        const v = soft ? 0.5 + 0.5 * Math.sin(2 * Math.PI * u) : u - Math.floor(u) < duty ? 1 : 0;
        field[y * width + x]! += v / sets;
      }
    }
  }
  // Slow brightness ramp so the picture is not purely periodic.
  const ramp = between(rand, 0, 0.4);
  const vertical = rand() < 0.5;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) field[y * width + x] = field[y * width + x]! * (1 - ramp) + ramp * (vertical ? y / height : x / width);
  }
  return paint(field, width, height, rand);
}

/** A checkerboard of random cell size, sometimes rotated, with a radial vignette. */
function checker(width: number, height: number, rand: Rand): Buffer {
  const cell = between(rand, 0.05, 0.25) * Math.min(width, height);
  const angle = rand() < 0.4 ? 0 : rand() * Math.PI;
  const ca = Math.cos(angle);
  const sa = Math.sin(angle);
  const ox = rand() * cell;
  const oy = rand() * cell;
  const a = colour(rand);
  const b = colour(rand);
  const vx = rand() * width;
  const vy = rand() * height;
  const vs = between(rand, 0.2, 0.7);
  const diag = Math.hypot(width, height);
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = Math.floor((x * ca + y * sa + ox) / cell);
      const v = Math.floor((-x * sa + y * ca + oy) / cell);
      const c = (u + v) & 1 ? a : b;
      const shade = 1 - vs * Math.min(1, Math.hypot(x - vx, y - vy) / diag);
      const i = (y * width + x) * 3;
      px[i] = c[0] * shade;
      px[i + 1] = c[1] * shade;
      px[i + 2] = c[2] * shade;
    }
  }
  return px;
}

function linearGradient(width: number, height: number, rand: Rand): Buffer {
  const a = colour(rand);
  const b = colour(rand);
  const angle = rand() * 2 * Math.PI;
  const ca = Math.cos(angle);
  const sa = Math.sin(angle);
  const span = Math.abs(ca) * width + Math.abs(sa) * height;
  const offset = Math.min(0, ca * width) + Math.min(0, sa * height);
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x * ca + y * sa - offset) / span;
      const i = (y * width + x) * 3;
      px[i] = a[0] + (b[0] - a[0]) * t;
      px[i + 1] = a[1] + (b[1] - a[1]) * t;
      px[i + 2] = a[2] + (b[2] - a[2]) * t;
    }
  }
  return px;
}

const WORDS = [
  'SUMMER',
  'FAIR',
  'CONCERT',
  'LIBRARY',
  'OPEN',
  'DAY',
  'GARDEN',
  'MARKET',
  'BAKERY',
  'SALE',
  'JAZZ',
  'NIGHT',
  'SCIENCE',
  'CLUB',
  'CHESS',
  'TOURNAMENT',
  'BICYCLE',
  'REPAIR',
  'COFFEE',
  'MORNING',
  'HARVEST',
  'FESTIVAL',
  'PUZZLE',
  'HOUR',
  'CITY',
  'RUN',
  'MUSEUM',
  'TOUR',
  'PIANO',
  'RECITAL',
  'TRAIN',
  'TIMETABLE',
  'WEATHER',
  'REPORT',
  'KITE',
  'WORKSHOP',
  'POTTERY',
  'CLASS',
  'ROBOT',
  'CONTEST',
  'RIVER',
  'CLEANUP',
  'STAR',
  'GAZING',
  'BOOK',
  'SWAP',
  'SOUP',
];
const FONTS = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono', 'DejaVu Sans Condensed'];

/** Text lines (and a few decorations) over pixels whose mean colour is `under`; the text contrasts with what it sits on. */
function textSvg(width: number, height: number, rand: Rand, under: Rgb): string {
  const lines = int(rand, 1, 4);
  const size = Math.round(between(rand, 0.08, 0.2) * Math.min(width, height));
  const anchor = pick(rand, ['start', 'middle', 'end'] as const);
  const x = anchor === 'start' ? 0.06 * width : anchor === 'middle' ? width / 2 : 0.94 * width;
  let y = between(rand, 0.1, 0.5) * height + size;
  const family = pick(rand, FONTS);
  const weight = rand() < 0.6 ? 'bold' : 'normal';
  const parts: string[] = [];
  for (let d = int(rand, 0, 3); d > 0; d--) {
    // Decorations: a few plain rectangles and circles.
    const c = rgbCss(colour(rand));
    const r = between(rand, 0.05, 0.2) * Math.min(width, height);
    parts.push(
      rand() < 0.5
        ? `<circle cx="${(rand() * width).toFixed(1)}" cy="${(rand() * height).toFixed(1)}" r="${r.toFixed(1)}" fill="${c}"/>`
        : `<rect x="${(rand() * width).toFixed(1)}" y="${(rand() * height).toFixed(1)}" width="${(2 * r).toFixed(1)}" height="${(r * between(rand, 0.5, 2)).toFixed(1)}" fill="${c}"/>`,
    );
  }
  let behind = under;
  if (rand() < 0.5) {
    // A banner behind the text.
    behind = colour(rand);
    parts.push(`<rect x="0" y="${Math.round(y - size * 1.1)}" width="${width}" height="${Math.round(size * (lines + 0.6) * 1.15)}" fill="${rgbCss(behind)}"/>`);
  }
  const fill = rgbCss(contrasting(rand, behind));
  for (let l = 0; l < lines; l++) {
    const words = Array.from({ length: int(rand, 1, 3) }, () => pick(rand, WORDS)).join(' ');
    const text = rand() < 0.25 ? `${words} ${int(rand, 1, 31)}.${int(rand, 1, 12)}` : words;
    parts.push(
      `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${family}" font-weight="${weight}" font-size="${size}" text-anchor="${anchor}" fill="${fill}">${text}</text>`,
    );
    y += size * 1.15;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

const luma = ([r, g, b]: Rgb) => 0.299 * r + 0.587 * g + 0.114 * b;

/** A random colour whose luma differs from `other`'s by at least 100 (black or white if none turns up). */
function contrasting(rand: Rand, other: Rgb): Rgb {
  for (let tries = 0; tries < 20; tries++) {
    const c = colour(rand);
    if (Math.abs(luma(c) - luma(other)) >= 100) return c;
  }
  return luma(other) > 128 ? [0, 0, 0] : [255, 255, 255];
}

/** Mean colour of raw RGB pixels (sampled). */
function meanColour(rgb: Buffer): Rgb {
  const sum = [0, 0, 0];
  let n = 0;
  for (let i = 0; i + 2 < rgb.length; i += 3 * 97) {
    sum[0]! += rgb[i]!;
    sum[1]! += rgb[i + 1]!;
    sum[2]! += rgb[i + 2]!;
    n++;
  }
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

/** Composite an SVG of the same size over raw RGB pixels, with sharp (librsvg renders the text). */
async function overlaySvg(rgb: Buffer, width: number, height: number, svg: string): Promise<Buffer> {
  return sharp(rgb, { raw: { width, height, channels: 3 } })
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .removeAlpha()
    .raw()
    .toBuffer();
}

function blend(a: Buffer, b: Buffer, weight: number): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! * (1 - weight) + b[i]! * weight;
  return out;
}

const ASPECTS = [1, 4 / 3, 3 / 2, 16 / 9, 5 / 4, 2];

/** Image `index` of the set drawn with `seed`: kind by rotation through IMAGE_KINDS, size 480..maxSide on the long side. */
export async function generateImage(index: number, seed: number, maxSide: number): Promise<Synthetic> {
  const rand = rng(mixSeed(seed, index, 0));
  const kind = IMAGE_KINDS[index % IMAGE_KINDS.length]!;
  const long = int(rand, 480, Math.max(480, maxSide));
  const short = Math.max(240, Math.round(long / pick(rand, ASPECTS)));
  const [width, height] = rand() < 0.6 ? [long, short] : [short, long];
  let rgb: Buffer;
  switch (kind) {
    case 'shapes':
      rgb = syntheticRgb(width, height, mixSeed(seed, index, 1));
      break;
    case 'value-noise':
      rgb = valueNoise(width, height, rand);
      break;
    case 'blobs':
      rgb = blobs(width, height, rand);
      break;
    case 'stripes':
      rgb = stripes(width, height, rand);
      break;
    case 'checker':
      rgb = checker(width, height, rand);
      break;
    case 'poster':
      rgb = linearGradient(width, height, rand);
      rgb = await overlaySvg(rgb, width, height, textSvg(width, height, rand, meanColour(rgb)));
      break;
    case 'combo': {
      const base = pick(rand, [valueNoise, blobs, stripes, checker, linearGradient]);
      rgb = blend(base(width, height, rand), syntheticRgb(width, height, mixSeed(seed, index, 2)), between(rand, 0.3, 0.7));
      if (rand() < 0.6) rgb = await overlaySvg(rgb, width, height, textSvg(width, height, rand, meanColour(rgb)));
      break;
    }
  }
  return { kind, width, height, rgb };
}
