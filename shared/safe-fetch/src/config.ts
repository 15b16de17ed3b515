import { configFields, type ConfigOf } from '@hotline/platform';
import { z } from 'zod';
import type { SafeFetchOptions } from './safe-fetch';

const { positiveInt, int, list } = configFields;

/** The limits of one fetch: the fetcher's, and those of whoever else fetches a reported URL (takedown re-checks). */
export const safeFetchConfig = {
  FETCH_TIMEOUT_MS: positiveInt.default(15000),
  FETCH_MAX_BYTES: positiveInt.default(20 * 1024 * 1024),
  /** A video file may be this large (FETCH_MAX_BYTES still holds for everything else). */
  FETCH_MAX_VIDEO_BYTES: positiveInt.default(100 * 1024 * 1024),
  FETCH_MAX_REDIRECTS: int(0, 20).default(5),
  FETCH_USER_AGENT: z.string().default('HotlineTriage/0.1 (+report triage; no tracking)'),
  /** Test-only escape hatch: exact host:port pairs the SSRF guard lets through. Empty by default. */
  FETCH_ALLOW_HOSTS: z.preprocess((v) => v ?? '', list),
};

export type SafeFetchConfig = ConfigOf<typeof safeFetchConfig>;

export function safeFetchOptions(cfg: SafeFetchConfig): SafeFetchOptions {
  return {
    timeoutMs: cfg.FETCH_TIMEOUT_MS,
    maxBytes: cfg.FETCH_MAX_BYTES,
    maxVideoBytes: cfg.FETCH_MAX_VIDEO_BYTES,
    maxRedirects: cfg.FETCH_MAX_REDIRECTS,
    allowHosts: cfg.FETCH_ALLOW_HOSTS,
    userAgent: cfg.FETCH_USER_AGENT,
  };
}

/** FETCH_ALLOW_HOSTS exists for the test suite and weakens a production deployment. */
export function safeFetchWarnings(cfg: SafeFetchConfig): Array<{ message: string; details?: Record<string, unknown> }> {
  if (cfg.FETCH_ALLOW_HOSTS.length === 0) return [];
  return [
    {
      message: 'FETCH_ALLOW_HOSTS is set: a test-only setting, the SSRF guard lets these through (unset it in production)',
      details: { hosts: cfg.FETCH_ALLOW_HOSTS },
    },
  ];
}
