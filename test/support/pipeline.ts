import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import {
  createContext,
  createLogger,
  InProcessBus,
  KafkaBus,
  loadSettings,
  startServices,
  type Bus,
  type Clock,
  type Db,
  type Logger,
  type Service,
  type ServiceFactory,
} from '@hotline/platform';
import { ALL_SERVICES, type AllServicesContext } from '@hotline/all-in-one';
import { createApiToken } from './review-session';
import { createPgliteTestDb, type TestDb } from './test-db';

/** Collects every log line the pipeline writes, so tests can assert what never appears in them. */
export class LogCapture {
  readonly lines: string[] = [];
  readonly logger: Logger;

  constructor(level = 'info') {
    const lines = this.lines;
    const echo = process.env.TEST_LOGS === '1';
    this.logger = createLogger({
      level,
      destination: new Writable({
        write(chunk: Buffer, _enc, done) {
          const text = chunk.toString('utf8');
          lines.push(...text.split('\n').filter(Boolean));
          if (echo) process.stderr.write(text);
          done();
        },
      }),
    });
  }
}

/** What the all-in-one process would load (every fragment, every secret) from a test environment. */
export function testSettings(overrides: Record<string, string> = {}) {
  return loadSettings(
    ALL_SERVICES,
    { name: 'test', standalone: false },
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATA_DIR: path.join(os.tmpdir(), `hotline-test-${randomBytes(4).toString('hex')}`),
      CONTENT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      REVIEW_ACCOUNTS_KEY: randomBytes(32).toString('base64'),
      INTAKE_PORT: '0',
      REVIEW_PORT: '0',
      CHAT_INTAKE_PORT: '0',
      INTAKE_RATE_LIMIT_PER_MINUTE: '0',
      OUTBOX_POLL_MS: '100',
      JOBS_POLL_MS: '100',
      BUS_RETRY_BASE_MS: '50',
      FETCH_TIMEOUT_MS: '3000',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      ...overrides,
    },
  );
}

export function testConfig(overrides: Record<string, string> = {}) {
  return testSettings(overrides).cfg;
}

export function kafkaTestBus(logger: Logger, prefix = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`, db?: Db): KafkaBus {
  const brokers = process.env.TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error('TEST_KAFKA_BROKERS is not set: run the tests through jest (its global setup starts Kafka).');
  return new KafkaBus({
    brokers: brokers.split(','),
    clientId: 'hotline-test',
    topicPrefix: prefix,
    partitions: 3,
    sessionTimeoutMs: 6000,
    maxAttempts: 5,
    retryBaseMs: 50,
    logger,
    db,
  });
}

/** With `db`, dead letters are recorded in its `dead_letters` table (as in production). */
export function inProcessTestBus(logger: Logger, db?: Db): InProcessBus {
  return new InProcessBus({ logger, maxAttempts: 5, retryBaseMs: 50, db });
}

export interface RunningPipeline {
  ctx: AllServicesContext;
  services: Service[];
  intakeUrl: string;
  reviewUrl: string;
  /** An API token of a senior analyst created at start (when review runs), for tests that read the queue and reports. */
  reviewToken: string;
  stop(): Promise<void>;
}

// The API token of each running review, by its URL, so getQueue/getReport need only the URL.
const reviewTokens = new Map<string, string>();

/** Starts the given services (all by default) on the given database and bus. */
export async function startPipeline(opts: {
  db: Db;
  bus: Bus;
  logger: Logger;
  env?: Record<string, string>;
  factories?: Array<ServiceFactory<AllServicesContext>>;
  /** The services' clock (a ManualClock to move time in tests); the system clock by default. */
  clock?: Clock;
}): Promise<RunningPipeline> {
  const ctx = await createContext(testSettings(opts.env), { db: opts.db, bus: opts.bus, logger: opts.logger, ...(opts.clock ? { clock: opts.clock } : {}) });
  const running = await startServices(ctx, opts.factories ?? ALL_SERVICES.map((d) => d.create as ServiceFactory<AllServicesContext>));
  const url = (name: string) => {
    const s = running.services.find((x) => x.name === name) as (Service & { url?: () => string }) | undefined;
    return s?.url?.() ?? '';
  };
  const reviewUrl = url('review');
  const reviewToken = reviewUrl ? await createApiToken(ctx.db, ctx.secrets.accountsKey, { role: 'senior' }) : '';
  if (reviewUrl) reviewTokens.set(reviewUrl, reviewToken);
  const stop = async () => {
    reviewTokens.delete(reviewUrl);
    await running.stop();
  };
  return { ctx, services: running.services, intakeUrl: url('intake-web'), reviewUrl, reviewToken, stop };
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 20000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function getQueue(reviewUrl: string): Promise<{ total: number; items: Array<Record<string, any>> }> {
  const res = await fetch(`${reviewUrl}/api/queue?limit=500`, { headers: { authorization: `Bearer ${reviewTokens.get(reviewUrl)}` } });
  if (!res.ok) throw new Error(`queue answered ${res.status}`);
  return (await res.json()) as { total: number; items: Array<Record<string, any>> };
}

export async function getReport(reviewUrl: string, reportId: string): Promise<Record<string, any>> {
  const res = await fetch(`${reviewUrl}/api/reports/${reportId}`, { headers: { authorization: `Bearer ${reviewTokens.get(reviewUrl)}` } });
  if (!res.ok) throw new Error(`report status answered ${res.status}`);
  return (await res.json()) as Record<string, any>;
}

export async function postReport(intakeUrl: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${intakeUrl}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A pipeline on embedded PostgreSQL (in memory) and the in-process bus: for tests of one edge, such as the intake. */
export async function startEmbedded(
  logs: LogCapture,
  opts: { env?: Record<string, string>; factories?: Array<ServiceFactory<AllServicesContext>>; clock?: Clock } = {},
): Promise<{ testDb: TestDb; pipeline: RunningPipeline }> {
  const testDb = await createPgliteTestDb();
  const pipeline = await startPipeline({ db: testDb.db, bus: inProcessTestBus(logs.logger), logger: logs.logger, ...opts });
  return { testDb, pipeline };
}

export async function stopEmbedded(running: { testDb?: TestDb; pipeline?: RunningPipeline }): Promise<void> {
  await running.pipeline?.stop();
  await running.testDb?.drop();
}
