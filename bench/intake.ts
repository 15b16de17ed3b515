import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createContext, createLogger, InProcessBus, loadSettings, migrate, PgDb, PgliteDb, startServices, type Db } from '@hotline/platform';
import { createIntakeService, intakeWebService, type IntakeService } from '@hotline/intake-web';
import { fmt, percentile } from './stats';

/**
 * Accepted reports per second and latency of POST /api/reports, each report committed with its
 * outbox rows before the 202. The load runs in a worker thread of the same process; the relay
 * drains the outbox meanwhile (onto an in-process bus with no subscribers), as in production.
 */
async function measure(label: string, db: Db, concurrency: number, seconds: number): Promise<void> {
  const logger = createLogger({ level: 'warn' });
  const settings = loadSettings(
    [intakeWebService],
    { name: 'bench', standalone: false },
    { INTAKE_PORT: '0', INTAKE_RATE_LIMIT_PER_MINUTE: '0', CONTENT_ENCRYPTION_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn' },
  );
  const ctx = await createContext(settings, { db, logger, bus: new InProcessBus({ logger, maxAttempts: 1, retryBaseMs: 1 }) });
  const running = await startServices(ctx, [createIntakeService]);
  const url = `${(running.services[0] as IntakeService).url()}/api/reports`;
  const body = JSON.stringify({ urls: ['https://example.invalid/a.jpg', 'https://example.invalid/gallery/page.html'], description: 'benchmark report' });
  const run = (secs: number) =>
    new Promise<{ latenciesMs: number[]; statuses: Record<number, number>; seconds: number }>((resolve, reject) => {
      const w = new Worker(path.join(__dirname, 'load-worker.js'), { workerData: { url, body, contentType: 'application/json', concurrency, seconds: secs } });
      w.once('message', resolve);
      w.once('error', reject);
    });
  await run(2); // warm-up
  const r = await run(seconds);
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  const accepted = r.statuses[202] ?? 0;
  console.log(
    `intake  ${label.padEnd(26)} concurrency ${String(concurrency).padStart(2)}  ${fmt(accepted / r.seconds, 0).padStart(6)} accepted reports/s` +
      `  p50 ${fmt(percentile(sorted, 50))} ms  p99 ${fmt(percentile(sorted, 99))} ms  (other statuses: ${JSON.stringify({ ...r.statuses, 202: undefined })})`,
  );
  await running.stop();
}

export async function benchIntake(seconds: number): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = `bench_intake_${Date.now()}`;
  const admin = new PgDb({ connectionString: url });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  try {
    for (const concurrency of [8, 32]) {
      const db = new PgDb({ connectionString: url, schema, poolSize: 10 });
      await migrate(db);
      await measure('PostgreSQL (server)', db, concurrency, seconds);
    }
    const lite = await PgliteDb.open();
    await migrate(lite);
    await measure('PGlite (embedded default)', lite, 8, seconds);
  } finally {
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  }
}
