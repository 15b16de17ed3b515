import { ValidationError, type Classification } from '@hotline/platform';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import contentBase from '../schemas/xarf-v4/content-base.json';
import contentCsam from '../schemas/xarf-v4/content-csam.json';
import xarfCore from '../schemas/xarf-v4/xarf-core.json';
import { XarfInvalidError } from './errors';

export const XARF_VERSION = '4.2.0';

/** The values the content/csam schema allows for `classification` and `detection_method` (the ones we use). */
export type XarfCsamClass = 'baseline' | 'A1' | 'A2' | 'B1' | 'B2';
/** `manual_review`: an analyst's decision; `hash_match`: an exact match to assessed material (auto-resolved). */
export type XarfDetectionMethod = 'manual_review' | 'hash_match';

export interface XarfContact {
  org: string;
  contact: string;
  domain: string;
}

export interface XarfHashValues {
  sha256: string;
  md5?: string;
  sha1?: string;
  /** Not named by the schema (which allows extra keys here); partners that match PDQ read it. */
  pdq?: string;
}

export interface XarfCsamReport {
  xarf_version: string;
  report_id: string;
  timestamp: string;
  reporter: XarfContact;
  sender: XarfContact;
  source_identifier: string;
  category: 'content';
  type: 'csam';
  url: string;
  domain?: string;
  classification: XarfCsamClass;
  detection_method: XarfDetectionMethod;
  media_type: 'image' | 'video';
  hash_values?: XarfHashValues;
  content_removed: false;
  /** Our extension (the core schema allows extra keys): when the hotline first received a report of this URL. */
  first_seen?: string;
  tags: string[];
}

export interface XarfCsamInput {
  /** One per URL per notice (a uuid). */
  reportId: string;
  timestamp: string;
  /** The hotline, never whoever reported the URL to it. */
  reporter: XarfContact;
  url: string;
  /** The hosting IP; the host stands in when the trace found none. */
  ip: string | null;
  classification: Classification;
  /** Absent for a URL confirmed without hashable content (the schema only recommends hashes). */
  hashes?: XarfHashValues;
  detectionMethod: XarfDetectionMethod;
  mediaType: 'image' | 'video';
  firstSeen?: string;
}

// content-base's pattern for `domain`: a lower-case DNS name, so an IP literal host is left out.
const DOMAIN = /^([a-z0-9]+(-[a-z0-9]+)*\.)+[a-z]{2,}$/;

/**
 * Our classification onto X-ARF's (README "Classification"): a baseline verdict is A1/A2 when the analyst gave the
 * industry category, else `baseline`; a national one is B1/B2, from the industry category (its sex-act /
 * exhibition half when an A-category was given), else from the IWF category (A/B: sexual activity → B1,
 * C → B2), else B2, the least grave category that still says "illegal". Other verdicts are never notified.
 */
export function xarfClassification(c: Classification): XarfCsamClass {
  if (c.verdict === 'baseline') return c.industry === 'A1' || c.industry === 'A2' ? c.industry : 'baseline';
  if (c.verdict === 'national') {
    if (c.industry) return c.industry === 'A1' || c.industry === 'B1' ? 'B1' : 'B2';
    return c.iwfCategory === 'A' || c.iwfCategory === 'B' ? 'B1' : 'B2';
  }
  throw new ValidationError(`a ${c.verdict} verdict is not child sexual abuse material: no X-ARF report is made for it`);
}

/** A content/csam report for one URL: hashes and the classification, never bytes or an evidence payload. */
export function buildXarfCsam(input: XarfCsamInput): XarfCsamReport {
  const classification = xarfClassification(input.classification);
  if (!URL.canParse(input.url)) throw new ValidationError('the URL of an X-ARF report must be an absolute URL');
  const host = new URL(input.url).hostname.toLowerCase();
  const h = input.hashes;
  const hashValues: XarfHashValues | undefined = h ? { sha256: h.sha256 } : undefined;
  if (h?.md5) hashValues!.md5 = h.md5;
  if (h?.sha1) hashValues!.sha1 = h.sha1;
  if (h?.pdq) hashValues!.pdq = h.pdq;
  const doc: XarfCsamReport = {
    xarf_version: XARF_VERSION,
    report_id: input.reportId,
    timestamp: input.timestamp,
    reporter: { ...input.reporter },
    sender: { ...input.reporter },
    source_identifier: input.ip ?? host.replace(/^\[|\]$/g, ''),
    category: 'content',
    type: 'csam',
    url: input.url,
    ...(DOMAIN.test(host) ? { domain: host } : {}),
    classification,
    detection_method: input.detectionMethod,
    media_type: input.mediaType,
    ...(hashValues ? { hash_values: hashValues } : {}),
    content_removed: false,
    ...(input.firstSeen ? { first_seen: input.firstSeen } : {}),
    tags: [`classification:${classification.toLowerCase()}`, `detection:${input.detectionMethod.replace('_', '-')}`],
  };
  assertValidXarf(doc);
  return doc;
}

// Compiled once: the three schemas reference one another by their $id.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(xarfCore).addSchema(contentBase);
const validateCsam = ajv.compile(contentCsam);

/** Checks a document against the X-ARF v4 content/csam schema; errors name the failing path. */
export function validateXarf(doc: unknown): { ok: true } | { ok: false; errors: string[] } {
  if (validateCsam(doc)) return { ok: true };
  return { ok: false, errors: describe(validateCsam.errors ?? []) };
}

export function assertValidXarf(doc: unknown): asserts doc is XarfCsamReport {
  const result = validateXarf(doc);
  if (!result.ok) throw new XarfInvalidError(result.errors);
}

function describe(errors: ErrorObject[]): string[] {
  // allOf repeats a failure once per branch; one line per path and message is enough.
  const lines = errors.map((e) => {
    const extra = e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
    const where = e.keyword === 'required' ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath;
    return `${where || '/'}: ${e.message ?? e.keyword}${extra}`;
  });
  return [...new Set(lines)];
}
