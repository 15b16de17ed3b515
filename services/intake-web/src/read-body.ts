import express, { type RequestHandler } from 'express';
import type { IntakeConfig } from './config';
import { UnsupportedBodyError } from './errors';
import { uploadGate } from './upload-gate';
import { multipartParser } from './uploads';

/**
 * Body parsers of the two report routes, sharing one upload gate: JSON (API only), URL-encoded
 * (what a plain HTML form sends) and multipart. Anything else is refused with what to send instead.
 */
export function reportBodyParsers(cfg: IntakeConfig): { form: RequestHandler[]; api: RequestHandler[] } {
  const json = express.json({ limit: '256kb', strict: true });
  const urlencoded = express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 10 });
  const multipart = multipartParser(cfg);
  const gate: RequestHandler = cfg.INTAKE_UPLOADS_ENABLED ? uploadGate(cfg.INTAKE_MAX_CONCURRENT_UPLOADS) : (_req, _res, next) => next();
  const choose =
    (acceptJson: boolean): RequestHandler =>
    (req, res, next) => {
      if (acceptJson && req.is('application/json')) return json(req, res, next);
      if (req.is('application/x-www-form-urlencoded')) return urlencoded(req, res, next);
      if (req.is('multipart/form-data')) return multipart(req, res, next);
      next(new UnsupportedBodyError());
    };
  return { form: [gate, choose(false)], api: [gate, choose(true)] };
}
