import type { RequestHandler } from 'express';
import { BusyError } from './errors';

/** Seconds a refused client is asked to wait: long enough for a few uploads to finish. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Multipart bodies are held in memory (up to INTAKE_MAX_UPLOAD_FILES × INTAKE_MAX_UPLOAD_BYTES each)
 * until the report is stored, so at most `max` are in flight; the rest are told to come back rather
 * than queued, which would hold their sockets and let memory pile up behind the gate.
 */
export function uploadGate(max: number): RequestHandler {
  let inFlight = 0;
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    if (inFlight >= max) return next(new BusyError(RETRY_AFTER_SECONDS));
    inFlight++;
    let released = false;
    // 'close' comes after the response is sent and also when the client goes away mid-upload.
    res.once('close', () => {
      if (!released) inFlight--;
      released = true;
    });
    next();
  };
}
