import type { Logger } from 'pino';
import { ContentStore } from '../blobs/content-store';
import type { Bus } from '../bus/bus';
import { createBus } from '../bus/create-bus';
import type { WithContentKey } from '../config/content-key';
import type { Config } from '../config/schema';
import type { SecretSources } from '../config/secrets';
import { openDb } from '../db/create-db';
import type { Db } from '../db/db';
import { systemClock, type Clock } from '../clock';
import { JobRunner } from '../jobs/job-runner';
import { createLogger } from '../logger';
import { Metrics } from '../metrics/metrics';
import { createMetricsService } from '../metrics/metrics-service';
import { createMailer } from '../mail/create-mailer';
import type { Mailer } from '../mail/mailer';
import { OutboxRelay } from '../outbox/outbox-relay';
import { Sweeper } from '../recovery/sweeper';

/** What a process loaded: the platform config and its services' fragments, and their declared secrets only. */
export interface Settings<C extends object = object, S extends object = object> {
  cfg: Config & C;
  secrets: S;
  secretSources: SecretSources<S>;
}

/**
 * Everything a service needs, built in one place; tests build it with real-but-isolated parts. Typed by what the
 * service declared: `cfg` holds the platform's variables and its own fragment's (reading another service's
 * variable does not compile), `secrets` its declared secrets, and only a service holding the content key gets
 * the content store.
 */
export type ServiceContext<C extends object = object, S extends object = object> = {
  cfg: Config & C;
  secrets: S;
  secretSources: SecretSources<S>;
  /** The time as services see it; tests inject a ManualClock and move it. */
  clock: Clock;
  logger: Logger;
  db: Db;
  bus: Bus;
  /** The process's Prometheus registry and metric families (one per process, whatever services it runs). */
  metrics: Metrics;
  relay: OutboxRelay;
  /** Durable timers: services register their job handlers here in start(). */
  jobs: JobRunner;
  sweeper: Sweeper;
  /** SMTP, or .eml files in the embedded default; connects on first send only. */
  mailer: Mailer;
} & (S extends WithContentKey ? { content: ContentStore } : unknown);

export interface Service {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export type ServiceFactory<Ctx = ServiceContext> = (ctx: Ctx) => Service;

export async function createContext<C extends object, S extends object>(
  settings: Settings<C, S>,
  parts: Partial<{ logger: Logger; db: Db; bus: Bus; clock: Clock; metrics: Metrics; mailer: Mailer }> = {},
): Promise<ServiceContext<C, S>> {
  const { cfg, secrets, secretSources } = settings;
  const logger = parts.logger ?? createLogger({ level: cfg.LOG_LEVEL });
  const db = parts.db ?? (await openDb(cfg));
  const bus = parts.bus ?? createBus(cfg, logger, db);
  const clock = parts.clock ?? systemClock;
  const metrics = parts.metrics ?? new Metrics('hotline');
  bus.observe(metrics);
  metrics.watchOutbox(db);
  const relay = new OutboxRelay({
    db,
    bus,
    logger: logger.child({ component: 'outbox-relay' }),
    pollMs: cfg.OUTBOX_POLL_MS,
    maxInFlight: cfg.OUTBOX_MAX_IN_FLIGHT,
  });
  const sweeper = new Sweeper({
    db,
    logger: logger.child({ component: 'sweeper' }),
    intervalMs: cfg.SWEEP_INTERVAL_MS,
    stuckAfterMs: cfg.SWEEP_STUCK_AFTER_MS,
    matchesPerEvent: cfg.MATCH_MAX_PER_EVENT,
    onResent: () => relay.kick(),
  });
  const mailer = parts.mailer ?? createMailer(cfg, logger);
  const key = (secrets as Partial<WithContentKey>).contentKey;
  const content = key ? { content: new ContentStore(key) } : {};
  const jobs = new JobRunner({
    db,
    logger: logger.child({ component: 'jobs' }),
    clock,
    pollMs: cfg.JOBS_POLL_MS,
    leaseMs: cfg.JOBS_LEASE_MS,
    stopGraceMs: STOP_GRACE_MS,
    registry: metrics.registry,
  });
  sweeper.scheduleOn(jobs);
  return { cfg, secrets, secretSources, clock, logger, db, bus, metrics, relay, jobs, sweeper, mailer, ...content } as ServiceContext<C, S>;
}

const STOP_GRACE_MS = 5000;

/**
 * Starts services (which register their job handlers), then the relay, then the job runner; stops
 * in reverse: the job runner first (handlers may use what services hold), the services, the relay,
 * the bus and the database.
 */
export async function startServices<Ctx extends ServiceContext>(
  ctx: Ctx,
  factories: ReadonlyArray<ServiceFactory<Ctx>>,
): Promise<{ services: Service[]; stop(): Promise<void> }> {
  // The metrics listener starts first and stops last, so a scrape sees start-up and shutdown.
  const all: ReadonlyArray<ServiceFactory<Ctx>> = ctx.cfg.METRICS_PORT === undefined ? factories : [createMetricsService, ...factories];
  const services = all.map((f) => f(ctx));
  for (const s of services) await s.start();
  // The relay starts last: in embedded mode every subscriber is in place before the first event flows.
  ctx.relay.start();
  // Every process runs due jobs (the sweep among them): whichever claims a job first runs it.
  ctx.jobs.start();
  let stopped = false;
  return {
    services,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await ctx.jobs.stop();
      for (const s of [...services].reverse()) await s.stop().catch((err) => ctx.logger.error({ service: s.name, reason: String(err) }, 'stop failed'));
      // The relay waits for handlers already running; one waiting out a database outage only lets
      // go once the bus closes, so a stop during an outage closes the bus after a grace period.
      const relayStopped = ctx.relay.stop();
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([relayStopped, new Promise((r) => (grace = setTimeout(r, STOP_GRACE_MS)))]);
      clearTimeout(grace);
      await ctx.bus.close();
      await relayStopped;
      await ctx.mailer.close();
      await ctx.db.close();
    },
  };
}
