import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors';
import { MATCHES_PER_EVENT_LIMIT } from '../events/types';
import type { RawEnv } from './env';
import { blankToUndefined, configFields, type ConfigOf, type ConfigShape } from './fields';

const { port, positiveInt, list } = configFields;

// One mailbox: `a@b.example` or `Name <a@b.example>`, no line breaks (they would inject headers).
const MAILBOX = /^(?:[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/;

/**
 * The platform fragment: what every process reads, whichever services it runs. Each service declares its own
 * fragment next to its code (or takes one from the library it uses) and a process parses only this one and the
 * fragments of the services it runs; README's configuration tables mirror the fragments.
 */
export const platformConfig = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('./data'),

  DATABASE_URL: configFields.optionalUrl,
  DATABASE_SCHEMA: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .optional(),
  ),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt.default(10000),
  /** Per statement; migrations, list imports and a matcher's loads lift it for their own transactions. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(60000),

  KAFKA_BROKERS: z.preprocess(blankToUndefined, list.optional()),
  KAFKA_CLIENT_ID: z.string().default('hotline'),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/)
    .default(''),
  KAFKA_PARTITIONS: positiveInt.default(3),
  KAFKA_SESSION_TIMEOUT_MS: positiveInt.default(30000),
  /** Of topics the pipeline creates. Production: 3 and 2 (acks=all then survives losing one broker). */
  KAFKA_REPLICATION_FACTOR: positiveInt.default(1),
  KAFKA_MIN_INSYNC_REPLICAS: positiveInt.default(1),

  /** The operators' listener (/metrics, /healthz, /readyz) of every process; unset → none. */
  METRICS_HOST: z.string().default('127.0.0.1'),
  METRICS_PORT: z.preprocess(blankToUndefined, port.optional()),

  /**
   * content.matched carries the best this many matches and the total count; the `matches` table holds them all.
   * The platform's, not the matcher's: every process's sweeper re-sends stuck content.matched events at this size.
   */
  MATCH_MAX_PER_EVENT: positiveInt.max(MATCHES_PER_EVENT_LIMIT).default(50),

  /**
   * `smtp://[user@]host:587` (STARTTLS when offered, `?requireTLS=true` insists) or `smtps://…:465`; unset → embedded:
   * .eml files under DATA_DIR/mail. Never a password: every process reads this fragment, and the fetcher and hasher
   * (hostile input) must not hold a mail login. The password is a secret that a mail-sending service declares.
   */
  SMTP_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .url()
      .refine((u) => /^smtps?:\/\//i.test(u), 'must start with smtp:// or smtps://')
      .refine(
        (u) => !URL.canParse(u) || new URL(u).password === '',
        'must not hold a password (every process reads SMTP_URL; the password is a secret of the services that send mail)',
      )
      .optional(),
  ),
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
  /** How often each process's job runner looks for due timers (jobs table). */
  JOBS_POLL_MS: positiveInt.default(1000),
  /** A claimed job not settled or renewed within this long (its worker died) is run again by any process. */
  JOBS_LEASE_MS: positiveInt.min(1000).default(60_000),
  BUS_MAX_ATTEMPTS: positiveInt.default(8),
  BUS_RETRY_BASE_MS: positiveInt.default(200),
};

/** The platform's variable names (README's "Every process" table). */
export const CONFIG_VARIABLES = Object.keys(platformConfig) as ReadonlyArray<keyof typeof platformConfig>;

/** What every process holds: the platform fragment, parsed, and what follows from it. */
export type Config = ConfigOf<typeof platformConfig> & {
  /** Neither DATABASE_URL nor KAFKA_BROKERS: one process, in-process bus, PGlite under DATA_DIR. */
  embedded: boolean;
  dataDir: string;
};

/**
 * The platform fragment and the given one (a service's, or several merged), nothing else: a variable of a
 * fragment not given is neither validated nor kept, so a bad REVIEW_PORT cannot stop a fetcher.
 */
export function parseConfig<S extends ConfigShape = Record<never, never>>(raw: RawEnv, fragment?: S): Config & ConfigOf<S> {
  const result = z.object({ ...platformConfig, ...fragment }).safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration — ${problems.join('; ')}`);
  }
  const cfg = result.data as ConfigOf<typeof platformConfig> & ConfigOf<S>;
  if (cfg.SMTP_URL && !cfg.MAIL_FROM) throw new ConfigError('Invalid configuration — MAIL_FROM: required when SMTP_URL is set');
  return {
    ...cfg,
    embedded: !cfg.DATABASE_URL && !cfg.KAFKA_BROKERS,
    dataDir: path.resolve(cfg.DATA_DIR),
  };
}
