import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors';
import type { RawEnv } from './env';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const list = z
  .string()
  .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean));
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Every environment variable the pipeline understands, with its default. README's configuration table mirrors this. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('./data'),

  DATABASE_URL: z.preprocess(blankToUndefined, z.string().url().optional()),
  DATABASE_SCHEMA: z.preprocess(blankToUndefined, z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).optional()),
  DATABASE_POOL_SIZE: positiveInt.default(10),

  KAFKA_BROKERS: z.preprocess(blankToUndefined, list.optional()),
  KAFKA_CLIENT_ID: z.string().default('hotline'),
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/).default(''),
  KAFKA_PARTITIONS: positiveInt.default(3),
  KAFKA_SESSION_TIMEOUT_MS: positiveInt.default(30000),
  /** Of topics the pipeline creates. Production: 3 and 2 (acks=all then survives losing one broker). */
  KAFKA_REPLICATION_FACTOR: positiveInt.default(1),
  KAFKA_MIN_INSYNC_REPLICAS: positiveInt.default(1),

  CONTENT_ENCRYPTION_KEY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .optional(),
  ),
  REVIEW_API_TOKEN: z.preprocess(blankToUndefined, z.string().min(24, 'must be at least 24 characters').optional()),

  INTAKE_HOST: z.string().default('127.0.0.1'),
  INTAKE_PORT: port.default(8080),
  INTAKE_MAX_UPLOAD_BYTES: positiveInt.default(10 * 1024 * 1024),
  INTAKE_MAX_UPLOAD_FILES: positiveInt.default(5),
  INTAKE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  /** Number of reverse-proxy hops to trust for the client address used (in memory only) by the rate limiter. */
  INTAKE_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  INTAKE_PUBLIC_URL: z.preprocess(blankToUndefined, z.string().url().optional()),

  REVIEW_HOST: z.string().default('127.0.0.1'),
  REVIEW_PORT: port.default(8081),

  FETCH_TIMEOUT_MS: positiveInt.default(15000),
  FETCH_MAX_BYTES: positiveInt.default(20 * 1024 * 1024),
  FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  FETCH_MAX_LINKED_IMAGES: z.coerce.number().int().min(0).max(200).default(20),
  FETCH_CONCURRENCY: positiveInt.default(4),
  FETCH_USER_AGENT: z.string().default('HotlineTriage/0.1 (+report triage; no tracking)'),
  /** Test-only escape hatch: exact host:port pairs the SSRF guard lets through. Empty by default. */
  FETCH_ALLOW_HOSTS: z.preprocess((v) => v ?? '', list),

  HASH_MAX_INPUT_PIXELS: positiveInt.default(50_000_000),
  HASH_CONCURRENCY: positiveInt.default(2),

  MATCH_BLOCKHASH_MAX_DISTANCE: z.coerce.number().int().min(0).max(128).default(16),
  MATCH_PDQ_MAX_DISTANCE: z.coerce.number().int().min(0).max(128).default(31),
  /** Match PDQ hashes of quality < 50 (queries and known) too; off by default, as in Meta's tools. */
  MATCH_PDQ_WEAK: bool.default(false),
  /** How often a matcher applies list changes (imports, disabled hashes) to its index. */
  MATCH_REFRESH_MS: positiveInt.default(2000),

  OUTBOX_POLL_MS: positiveInt.default(250),
  /** Outbox rows one relay holds claimed (handed to the bus, not yet confirmed) at most. */
  OUTBOX_MAX_IN_FLIGHT: positiveInt.default(500),
  /** The sweeper re-sends the event of an item stuck in a non-final state for SWEEP_STUCK_AFTER_MS. */
  SWEEP_INTERVAL_MS: positiveInt.default(60_000),
  SWEEP_STUCK_AFTER_MS: positiveInt.default(600_000),
  BUS_MAX_ATTEMPTS: positiveInt.default(8),
  BUS_RETRY_BASE_MS: positiveInt.default(200),

  METRICS_ENABLED: bool.default(true),
});

export type Config = z.infer<typeof schema> & {
  /** Neither DATABASE_URL nor KAFKA_BROKERS: one process, in-process bus, PGlite under DATA_DIR. */
  embedded: boolean;
  dataDir: string;
};

export function parseConfig(raw: RawEnv): Config {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration — ${problems.join('; ')}`);
  }
  const cfg = result.data;
  return {
    ...cfg,
    embedded: !cfg.DATABASE_URL && !cfg.KAFKA_BROKERS,
    dataDir: path.resolve(cfg.DATA_DIR),
  };
}
