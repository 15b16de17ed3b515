import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors';
import { MATCHES_PER_EVENT_LIMIT } from '../events/types';
import { contentKeyProblem } from './content-key';
import type { RawEnv } from './env';

export const MIN_TOKEN_LENGTH = 24;

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const list = z
  .string()
  .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean));
// One mailbox: `a@b.example` or `Name <a@b.example>`, no line breaks (they would inject headers).
const MAILBOX = /^(?:[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/;
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Every environment variable the pipeline understands, with its default. README's configuration table mirrors this. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('./data'),

  DATABASE_URL: z.preprocess(blankToUndefined, z.string().url().optional()),
  DATABASE_SCHEMA: z.preprocess(blankToUndefined, z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).optional()),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt.default(10000),
  /** Per statement; migrations, list imports and a matcher's loads lift it for their own transactions. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(60000),

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
      .superRefine((s, ctx) => {
        const problem = contentKeyProblem(s);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
  ),
  REVIEW_API_TOKEN: z.preprocess(blankToUndefined, z.string().min(MIN_TOKEN_LENGTH, `must be at least ${MIN_TOKEN_LENGTH} characters`).optional()),

  INTAKE_HOST: z.string().default('127.0.0.1'),
  INTAKE_PORT: port.default(8080),
  INTAKE_MAX_UPLOAD_BYTES: positiveInt.default(10 * 1024 * 1024),
  INTAKE_MAX_UPLOAD_FILES: positiveInt.default(5),
  INTAKE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  /** Number of reverse-proxy hops to trust for the client address used (in memory only) by the rate limiter. */
  INTAKE_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** The intake's public address; its origin is the only one whose form POSTs are accepted. Unset → the request's Host. */
  INTAKE_PUBLIC_URL: z.preprocess(blankToUndefined, z.string().url().optional()),
  /** Image uploads on the public form. Off: in most countries a reporter who copies the material breaks the law. */
  INTAKE_UPLOADS_ENABLED: bool.default(false),
  INTAKE_MAX_CONCURRENT_UPLOADS: positiveInt.default(4),
  /** Who runs this hotline, as the form and the privacy page name it. */
  HOTLINE_NAME: z.preprocess(blankToUndefined, z.string().trim().optional()),
  /** The hotline's privacy statement; unset → the intake's own /privacy page (what this software keeps). */
  HOTLINE_PRIVACY_URL: z.preprocess(blankToUndefined, z.string().url().optional()),

  REVIEW_HOST: z.string().default('127.0.0.1'),
  REVIEW_PORT: port.default(8081),

  FETCH_TIMEOUT_MS: positiveInt.default(15000),
  FETCH_MAX_BYTES: positiveInt.default(20 * 1024 * 1024),
  FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  FETCH_MAX_LINKED_IMAGES: z.coerce.number().int().min(0).max(200).default(20),
  FETCH_CONCURRENCY: positiveInt.default(4),
  /** Only this many bytes of a page are searched for images: parsing stays a bounded piece of synchronous work. */
  FETCH_MAX_PARSE_BYTES: positiveInt.default(4 * 1024 * 1024),
  /** Whole reported URL, a page's linked images included; what is not fetched by then ends `failed`. */
  FETCH_PAGE_BUDGET_MS: positiveInt.default(60000),
  FETCH_LINKED_CONCURRENCY: positiveInt.default(4),
  FETCH_USER_AGENT: z.string().default('HotlineTriage/0.1 (+report triage; no tracking)'),
  /** Test-only escape hatch: exact host:port pairs the SSRF guard lets through. Empty by default. */
  FETCH_ALLOW_HOSTS: z.preprocess((v) => v ?? '', list),

  HASH_MAX_INPUT_PIXELS: positiveInt.default(50_000_000),
  HASH_CONCURRENCY: positiveInt.default(2),
  /** Whole seconds, sharp's granularity: decoding one image longer than this fails the content. */
  HASH_DECODE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(20),

  MATCH_BLOCKHASH_MAX_DISTANCE: z.coerce.number().int().min(0).max(128).default(16),
  MATCH_PDQ_MAX_DISTANCE: z.coerce.number().int().min(0).max(128).default(31),
  /** Match PDQ hashes of quality < 50 (queries and known) too; off by default, as in Meta's tools. */
  MATCH_PDQ_WEAK: bool.default(false),
  /** How often a matcher applies list changes (imports, disabled hashes) to its index. */
  MATCH_REFRESH_MS: positiveInt.default(2000),
  /** content.matched carries the best this many matches and the total count; the `matches` table holds them all. */
  MATCH_MAX_PER_EVENT: positiveInt.max(MATCHES_PER_EVENT_LIMIT).default(50),

  /** `smtp://[user:pass@]host:587` (STARTTLS when offered, `?requireTLS=true` insists) or `smtps://…:465`; unset → embedded: .eml files under DATA_DIR/mail. */
  SMTP_URL: z.preprocess(blankToUndefined, z.string().url().refine((u) => /^smtps?:\/\//i.test(u), 'must start with smtp:// or smtps://').optional()),
  SMTP_CONNECT_TIMEOUT_MS: positiveInt.default(10000),
  SMTP_SOCKET_TIMEOUT_MS: positiveInt.default(60000),
  /** From of every mail, `Name <address>` or an address; required with SMTP_URL. */
  MAIL_FROM: z.preprocess(blankToUndefined, z.string().trim().regex(MAILBOX, 'must be an address or "Name <address>"').optional()),
  MAIL_REPLY_TO: z.preprocess(blankToUndefined, z.string().trim().regex(MAILBOX, 'must be an address or "Name <address>"').optional()),

  OUTBOX_POLL_MS: positiveInt.default(250),
  /** Outbox rows one relay holds claimed (handed to the bus, not yet confirmed) at most. */
  OUTBOX_MAX_IN_FLIGHT: positiveInt.default(500),
  /** The sweeper re-sends the event of an item stuck in a non-final state for SWEEP_STUCK_AFTER_MS. */
  SWEEP_INTERVAL_MS: positiveInt.default(60_000),
  SWEEP_STUCK_AFTER_MS: positiveInt.default(600_000),
  BUS_MAX_ATTEMPTS: positiveInt.default(8),
  BUS_RETRY_BASE_MS: positiveInt.default(200),
});

/** The variable names, for README's configuration table (a test keeps the two equal). */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as ReadonlyArray<keyof typeof schema.shape>;

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
  if (cfg.SMTP_URL && !cfg.MAIL_FROM) throw new ConfigError('Invalid configuration — MAIL_FROM: required when SMTP_URL is set');
  return {
    ...cfg,
    embedded: !cfg.DATABASE_URL && !cfg.KAFKA_BROKERS,
    dataDir: path.resolve(cfg.DATA_DIR),
  };
}
