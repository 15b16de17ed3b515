import express, { type RequestHandler } from 'express';
import { pickupCodeMatches, publicReportStatus, type PublicStatus } from '@hotline/reports';
import type { IntakeContext } from './config';
import { StatusNotFoundError, UnsupportedBodyError } from './errors';

/**
 * The status of the report `reference`, only when `code` is its pick-up code. Every refusal is the
 * same error, whatever the reason (no such report, wrong code, anonymised, malformed input).
 * Nothing of the request is stored or logged.
 */
export async function lookUpStatus(ctx: IntakeContext, reference: unknown, code: unknown): Promise<{ reference: string; status: PublicStatus }> {
  if (!(await pickupCodeMatches(ctx.db, reference, code))) throw new StatusNotFoundError();
  const id = String(reference).trim().toLowerCase();
  const status = await publicReportStatus(ctx.db, id);
  if (!status) throw new StatusNotFoundError();
  return { reference: id, status };
}

/** A reference and a code are a few dozen bytes: small bodies only, a form for the page, JSON for the API. */
export function statusBodyParser(kind: 'form' | 'json'): RequestHandler {
  const parse = kind === 'json' ? express.json({ limit: '4kb', strict: true }) : express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 5 });
  const type = kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  return (req, res, next) => (req.is(type) ? parse(req, res, next) : next(new UnsupportedBodyError()));
}
