import type { Logger } from 'pino';
import { ContentStore } from '../blobs/content-store';
import type { Bus } from '../bus/bus';
import { createBus } from '../bus/create-bus';
import type { Config } from '../config/schema';
import { loadSecrets, type Secrets } from '../config/secrets';
import { openDb } from '../db/create-db';
import type { Db } from '../db/db';
import { createLogger } from '../logger';
import { Metrics } from '../metrics/metrics';
import { createMetricsService } from '../metrics/metrics-service';
import { OutboxRelay } from '../outbox/outbox-relay';
import { Sweeper } from '../recovery/sweeper';

/** Everything a service needs, built in one place; tests build it with real-but-isolated parts. */
export interface ServiceContext {
  cfg: Config;
  secrets: Secrets;
  logger: Logger;
  db: Db;
  bus: Bus;
  /** The process's Prometheus registry and metric families (one per process, whatever services it runs). */
  metrics: Metrics;
  content: ContentStore;
  relay: OutboxRelay;
  sweeper: Sweeper;
}

export interface Service {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export type ServiceFactory = (ctx: ServiceContext) => Service;

export async function createContext(
  cfg: Config,
  parts: Partial<Pick<ServiceContext, 'logger' | 'db' | 'bus' | 'secrets' | 'metrics'>> = {},
): Promise<ServiceContext> {
  const logger = parts.logger ?? createLogger({ level: cfg.LOG_LEVEL });
  const secrets = parts.secrets ?? loadSecrets(cfg);
  const db = parts.db ?? (await openDb(cfg));
  const bus = parts.bus ?? createBus(cfg, logger, db);
  const metrics = parts.metrics ?? new Metrics('hotline');
  bus.observe(metrics);
  metrics.watchOutbox(db);
  const relay = new OutboxRelay({ db, bus, logger: logger.child({ component: 'outbox-relay' }), pollMs: cfg.OUTBOX_POLL_MS, maxInFlight: cfg.OUTBOX_MAX_IN_FLIGHT });
  const sweeper = new Sweeper({
    db,
    logger: logger.child({ component: 'sweeper' }),
    intervalMs: cfg.SWEEP_INTERVAL_MS,
    stuckAfterMs: cfg.SWEEP_STUCK_AFTER_MS,
    matchesPerEvent: cfg.MATCH_MAX_PER_EVENT,
    onResent: () => relay.kick(),
  });
  return { cfg, secrets, logger, db, bus, metrics, content: new ContentStore(secrets.contentKey), relay, sweeper };
}

/** Starts services, then the relay and the sweeper; stops them in reverse, then the sweeper, the relay, the bus and the database. */
const STOP_GRACE_MS = 5000;

export async function startServices(ctx: ServiceContext, factories: ServiceFactory[]): Promise<{ services: Service[]; stop(): Promise<void> }> {
  // The metrics listener starts first and stops last, so a scrape sees start-up and shutdown.
  const all = ctx.cfg.METRICS_PORT === undefined ? factories : [createMetricsService, ...factories];
  const services = all.map((f) => f(ctx));
  for (const s of services) await s.start();
  // The relay starts last: in embedded mode every subscriber is in place before the first event flows.
  ctx.relay.start();
  // Every process sweeps (an advisory lock lets one at a time): re-sends stuck items' events.
  ctx.sweeper.start();
  let stopped = false;
  return {
    services,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      for (const s of [...services].reverse()) await s.stop().catch((err) => ctx.logger.error({ service: s.name, reason: String(err) }, 'stop failed'));
      await ctx.sweeper.stop();
      // The relay waits for handlers already running; one waiting out a database outage only lets
      // go once the bus closes, so a stop during an outage closes the bus after a grace period.
      const relayStopped = ctx.relay.stop();
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([relayStopped, new Promise((r) => (grace = setTimeout(r, STOP_GRACE_MS)))]);
      clearTimeout(grace);
      await ctx.bus.close();
      await relayStopped;
      await ctx.db.close();
    },
  };
}
