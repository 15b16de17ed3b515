import { IMAGE_FORMATS, type ImageFormat, type ImageMime } from './formats';

export type { ImageMime } from './formats';

/** What the first bytes say: a format we take, one we can name but do not take, or nothing known (null). */
export type FormatIdentity = { supported: true; format: ImageFormat } | { supported: false; label: string };

const byMime = (mime: ImageMime): FormatIdentity => ({ supported: true, format: IMAGE_FORMATS.find((f) => f.mime === mime)! });
const unsupported = (label: string): FormatIdentity => ({ supported: false, label });

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

/** Recognised from the bytes only, never from names or headers. */
export function identifyFormat(b: Uint8Array): FormatIdentity | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((x, k) => b[i + k] === x);
  const ascii = (i: number, s: string) => at(i, ...[...s].map((c) => c.charCodeAt(0)));
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return byMime('image/png');
  if (at(0, 0xff, 0xd8, 0xff)) return byMime('image/jpeg');
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return byMime('image/gif');
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return byMime('image/webp');
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return byMime('image/tiff');
  const brands = ftypBrands(b);
  if (brands) {
    if (AVIF_BRANDS.has(brands[0]!) || (brands[0] === 'mif1' && brands.some((x) => AVIF_BRANDS.has(x)) && !brands.some((x) => x.startsWith('he')))) {
      return byMime('image/avif');
    }
    if (HEIC_BRANDS.has(brands[0]!)) return unsupported('HEIC');
    return null; // MP4, QuickTime and other ISO-BMFF files are not images
  }
  if (ascii(0, 'BM') && b.length > 26) return unsupported('BMP');
  if ((at(0, 0, 0, 1, 0) || at(0, 0, 0, 2, 0)) && b[4]! > 0 && b[5] === 0 && b.length > 22) return unsupported('ICO');
  if (ascii(0, '%PDF-')) return unsupported('PDF');
  if (ascii(0, '8BPS')) return unsupported('PSD');
  if (at(0, 0xff, 0x0a) || (at(0, 0, 0, 0, 0x0c) && ascii(4, 'JXL '))) return unsupported('JPEG XL');
  if ((at(0, 0, 0, 0, 0x0c) && ascii(4, 'jP  ')) || at(0, 0xff, 0x4f, 0xff, 0x51)) return unsupported('JPEG 2000');
  if (ascii(0, 'qoif')) return unsupported('QOI');
  if (at(0, 0x76, 0x2f, 0x31, 0x01)) return unsupported('OpenEXR');
  if (ascii(0, '#?RADIANCE') || ascii(0, '#?RGBE')) return unsupported('Radiance HDR');
  if (ascii(0, 'SIMPLE  =')) return unsupported('FITS');
  if (b[0] === 0x50 && b[1]! >= 0x31 && b[1]! <= 0x37 && (b[2] === 0x0a || b[2] === 0x0d || b[2] === 0x20)) return unsupported('PNM');
  if (looksLikeSvg(b)) return unsupported('SVG');
  return null;
}

/** Only the formats the pipeline decodes; use identifyFormat to name the ones it refuses. */
export function sniffImage(b: Uint8Array): ImageMime | null {
  const id = identifyFormat(b);
  return id?.supported ? id.format.mime : null;
}

/**
 * The brands of a leading ISO-BMFF `ftyp` box (major first), or null when the file does not start
 * with a well-formed one: a size that covers the header and whole brands and fits in the file.
 * Finding "ftyp" at offset 4 is not enough: `<!--ftypavif-->` has it there by accident.
 */
function ftypBrands(b: Uint8Array): string[] | null {
  if (b.length < 16) return null;
  const text = (i: number) => String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
  if (text(4) !== 'ftyp') return null;
  const size = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  if (size < 16 || size > 4096 || size > b.length || (size - 16) % 4 !== 0) return null;
  const brands = [text(8)];
  for (let i = 16; i < size; i += 4) brands.push(text(i));
  return brands;
}

/** An SVG document: `<svg` first, after an optional XML declaration, comments, doctype and white space. */
function looksLikeSvg(b: Uint8Array): boolean {
  let head = Buffer.from(b.subarray(0, 4096))
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  for (;;) {
    const next = head.trimStart().replace(/^<\?xml[^>]*\?>|^<!--[\s\S]*?-->|^<!doctype\s+svg(?:[^>[]|\[[\s\S]*?\])*>/i, '');
    if (next === head.trimStart()) break;
    head = next;
  }
  return /^<svg[\s>/]/i.test(head.trimStart());
}

/** HTML is recognised by its opening markup after optional BOM and white space. */
export function looksLikeHtml(b: Uint8Array): boolean {
  const head = Buffer.from(b.subarray(0, 1024))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return /^(<!doctype html|<html|<head|<body|<!--|<meta|<title|<img|<div|<p[ >])/.test(head);
}
