/**
 * The image formats the pipeline accepts, decided once: the byte sniffer recognises them, libvips
 * (sharp) decodes them, and the report form names them. A format missing here is refused with a
 * reason at every door (upload, fetch, hashing), never accepted and then dropped.
 */
export const IMAGE_FORMATS = [
  { mime: 'image/png', label: 'PNG', decoder: 'png' },
  { mime: 'image/jpeg', label: 'JPEG', decoder: 'jpeg' },
  { mime: 'image/gif', label: 'GIF', decoder: 'gif' },
  { mime: 'image/webp', label: 'WebP', decoder: 'webp' },
  { mime: 'image/tiff', label: 'TIFF', decoder: 'tiff' },
  { mime: 'image/avif', label: 'AVIF', decoder: 'heif' },
] as const;

export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** "PNG, JPEG, GIF, WebP, TIFF, AVIF": for messages and the form. */
export const IMAGE_FORMAT_LABELS: readonly string[] = IMAGE_FORMATS.map((f) => f.label);
