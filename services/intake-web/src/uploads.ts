import type { RequestHandler } from 'express';
import multer from 'multer';
import { UnsupportedMediaError } from '@hotline/platform';
import type { IntakeConfig } from './config';
import { identifyFormat, IMAGE_FORMAT_LABELS, unsupportedFormatReason, type ImageMime } from '@hotline/hashing';
import { BodyTimeoutError, MalformedBodyError, UploadsDisabledError } from './errors';

export interface Upload {
  bytes: Buffer;
  mime: ImageMime;
}

/**
 * Multipart parsing, in memory and bounded: size and count caps are enforced by multer while the
 * body streams in. With uploads off, a body that carries a file is refused as soon as the file's
 * part begins, before any of its bytes are kept. Parser errors (no boundary, a body cut off) are the
 * client's: a 400 with the reason, never a 500.
 */
export function multipartParser(cfg: IntakeConfig): RequestHandler {
  const fields = { fields: 10, fieldSize: 256 * 1024 };
  const parser = cfg.INTAKE_UPLOADS_ENABLED
    ? multer({
        storage: multer.memoryStorage(),
        limits: { ...fields, fileSize: cfg.INTAKE_MAX_UPLOAD_BYTES, files: cfg.INTAKE_MAX_UPLOAD_FILES, parts: cfg.INTAKE_MAX_UPLOAD_FILES + 10 },
      }).array('images', cfg.INTAKE_MAX_UPLOAD_FILES)
    : multer({ limits: { ...fields, parts: 10 } }).none();
  const mapError = (err: unknown): unknown => {
    const code = (err as { code?: unknown } | null)?.code;
    if (!cfg.INTAKE_UPLOADS_ENABLED && code === 'LIMIT_UNEXPECTED_FILE') return new UploadsDisabledError();
    if (typeof code === 'string' && code.startsWith('LIMIT_')) return err;
    return new MalformedBodyError(err instanceof Error ? err.message : 'unreadable multipart body');
  };
  return (req, res, next) => {
    let finished = false;
    // A body still trickling in at the deadline holds an upload slot: answer 408 now and close the
    // connection (which frees the slot) instead of waiting for it; multer's later error is dropped.
    const deadline = setTimeout(() => {
      if (finished) return;
      finished = true;
      res.set('Connection', 'close');
      next(new BodyTimeoutError());
    }, cfg.INTAKE_BODY_TIMEOUT_MS);
    const done = (err?: unknown) => {
      clearTimeout(deadline);
      if (finished) return;
      finished = true;
      next(err ? mapError(err) : undefined);
    };
    try {
      parser(req, res, done);
    } catch (err) {
      done(err);
    }
  };
}

/** The type is taken from the bytes, never from the file name or the browser's declared type. */
export function checkUploads(files: Express.Multer.File[] | undefined): Upload[] {
  return (files ?? [])
    .filter((f) => f.size > 0)
    .map((f, i) => {
      const id = identifyFormat(f.buffer);
      const file = i + 1;
      if (!id) throw new UnsupportedMediaError(`Uploaded file ${file} is not a supported image (${IMAGE_FORMAT_LABELS.join(', ')}).`, { file });
      if (!id.supported)
        throw new UnsupportedMediaError(`Uploaded file ${file} is not a supported image: ${unsupportedFormatReason(id.label)}.`, { file, format: id.label });
      return { bytes: f.buffer, mime: id.format.mime };
    });
}
