/**
 * The image formats the pipeline accepts, decided once: the byte sniffer recognises them, libvips
 * (sharp) decodes them, and the report form names them. A format missing here is refused with a
 * reason at every door (upload, fetch, hashing), never accepted and then dropped.
 *
 * `decoder` is sharp's `metadata().format` for the format; `loader` is the libvips loader class
 * that stays unblocked (every other loader is blocked when the hashing module loads).
 */
export const IMAGE_FORMATS = [
  { mime: 'image/png', label: 'PNG', decoder: 'png', loader: 'VipsForeignLoadPng' },
  { mime: 'image/jpeg', label: 'JPEG', decoder: 'jpeg', loader: 'VipsForeignLoadJpeg' },
  { mime: 'image/gif', label: 'GIF', decoder: 'gif', loader: 'VipsForeignLoadNsgif' },
  { mime: 'image/webp', label: 'WebP', decoder: 'webp', loader: 'VipsForeignLoadWebp' },
  { mime: 'image/tiff', label: 'TIFF', decoder: 'tiff', loader: 'VipsForeignLoadTiff' },
  // libheif also reads HEIC; the sniffer only passes AVIF brands and the hasher checks for AV1.
  { mime: 'image/avif', label: 'AVIF', decoder: 'heif', loader: 'VipsForeignLoadHeif' },
] as const;

export type ImageFormat = (typeof IMAGE_FORMATS)[number];
export type ImageMime = ImageFormat['mime'];

/** "PNG, JPEG, GIF, WebP, TIFF, AVIF": for messages and the form. */
export const IMAGE_FORMAT_LABELS: readonly string[] = IMAGE_FORMATS.map((f) => f.label);

export function formatOfMime(mime: string): ImageFormat | undefined {
  return IMAGE_FORMATS.find((f) => f.mime === mime);
}

/** The one sentence every door gives for a recognised format we do not take. */
export function unsupportedFormatReason(label: string): string {
  return `${label} images are not supported (supported: ${IMAGE_FORMAT_LABELS.join(', ')})`;
}
