/**
 * The video containers the pipeline accepts, beside IMAGE_FORMATS (../formats.ts). The sniffer
 * recognises them from the bytes; `demuxer` is the one ffmpeg demuxer the hasher lets read them
 * (forced with `-f`, so bytes cannot talk ffmpeg into a playlist, concat or image2 demuxer that
 * would open other files).
 */
export const VIDEO_FORMATS = [
  { mime: 'video/mp4', label: 'MP4', demuxer: 'mov' },
  { mime: 'video/quicktime', label: 'QuickTime', demuxer: 'mov' },
  { mime: 'video/webm', label: 'WebM', demuxer: 'matroska' },
  { mime: 'video/x-matroska', label: 'Matroska', demuxer: 'matroska' },
  { mime: 'video/x-msvideo', label: 'AVI', demuxer: 'avi' },
  { mime: 'video/mp2t', label: 'MPEG-TS', demuxer: 'mpegts' },
] as const;

export type VideoFormat = (typeof VIDEO_FORMATS)[number];
export type VideoMime = VideoFormat['mime'];

export const VIDEO_FORMAT_LABELS: readonly string[] = VIDEO_FORMATS.map((f) => f.label);

export function videoFormatOfMime(mime: string): VideoFormat | undefined {
  return VIDEO_FORMATS.find((f) => f.mime === mime);
}

export function isVideoMime(mime: string): boolean {
  return videoFormatOfMime(mime) !== undefined;
}

const byMime = (mime: VideoMime): VideoFormat => VIDEO_FORMATS.find((f) => f.mime === mime)!;

/** ISO-BMFF brands of still-image files: never a video. */
const IMAGE_BRANDS = new Set(['avif', 'avis', 'heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1', 'jxl ']);

/** A video container recognised from its first bytes only (never names or headers), or null. */
export function sniffVideo(b: Uint8Array): VideoFormat | null {
  const ascii = (i: number, s: string) => [...s].every((c, k) => b[i + k] === c.charCodeAt(0));
  const brand = isoBrand(b);
  if (brand !== null) {
    if (IMAGE_BRANDS.has(brand)) return null;
    return byMime(brand === 'qt  ' ? 'video/quicktime' : 'video/mp4');
  }
  // EBML header; the DocType says WebM or Matroska (searched in the header's first bytes).
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    const head = Buffer.from(b.subarray(0, 64)).toString('latin1');
    if (head.includes('webm')) return byMime('video/webm');
    if (head.includes('matroska')) return byMime('video/x-matroska');
    return null;
  }
  if (ascii(0, 'RIFF') && ascii(8, 'AVI ')) return byMime('video/x-msvideo');
  // MPEG transport stream: sync byte 0x47 every 188 bytes, checked over the first packets.
  if (b.length >= 188 * 4 && [0, 1, 2, 3].every((k) => b[k * 188] === 0x47)) return byMime('video/mp2t');
  return null;
}

/** The major brand of a leading ISO-BMFF `ftyp` box with a plausible size, else null. */
function isoBrand(b: Uint8Array): string | null {
  if (b.length < 16) return null;
  if (String.fromCharCode(b[4]!, b[5]!, b[6]!, b[7]!) !== 'ftyp') return null;
  const size = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  if (size < 16 || size > 4096 || size > b.length) return null;
  return String.fromCharCode(b[8]!, b[9]!, b[10]!, b[11]!);
}
