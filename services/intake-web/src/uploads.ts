import multer from 'multer';
import { identifyFormat, IMAGE_FORMAT_LABELS, unsupportedFormatReason, UnsupportedMediaError, type Config, type ImageMime } from '@hotline/shared';

export interface Upload {
  bytes: Buffer;
  mime: ImageMime;
}

/** In memory and bounded: size and count caps are enforced by multer while the body streams in. */
export function uploadMiddleware(cfg: Config) {
  return multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: cfg.INTAKE_MAX_UPLOAD_BYTES,
      files: cfg.INTAKE_MAX_UPLOAD_FILES,
      fields: 10,
      fieldSize: 256 * 1024,
      parts: cfg.INTAKE_MAX_UPLOAD_FILES + 10,
    },
  }).array('images', cfg.INTAKE_MAX_UPLOAD_FILES);
}

/** The type is taken from the bytes, never from the file name or the browser's declared type. */
export function checkUploads(files: Express.Multer.File[] | undefined): Upload[] {
  return (files ?? [])
    .filter((f) => f.size > 0)
    .map((f, i) => {
      const id = identifyFormat(f.buffer);
      if (!id) throw new UnsupportedMediaError(`Uploaded file ${i + 1} is not a supported image (${IMAGE_FORMAT_LABELS.join(', ')}).`);
      if (!id.supported) throw new UnsupportedMediaError(`Uploaded file ${i + 1} is not a supported image: ${unsupportedFormatReason(id.label)}.`);
      return { bytes: f.buffer, mime: id.format.mime };
    });
}
