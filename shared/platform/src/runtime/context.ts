import type { Logger } from 'pino';
import { ContentStore } from '../blobs/content-store';
import type { Bus } from '../bus/bus';
import { createBus } from '../bus/create-bus';
import type { Config } from '../config/schema';
import { loadSecrets, type Secrets } from '../config/secrets';
import { openDb } from '../db/create-db';
import type { Db } from '../db/db';
import { createLogger } from '../logger';
import { createMailer } from '../mail/create-mailer';
import type { Mailer } from '../mail/mailer';
import { OutboxRelay } from '../outbox/outbox-relay';
import { Sweeper } from '../recovery/sweeper';

/** Everything a service needs, built in one place; tests build it with real-but-isolated parts. */
export interface ServiceContext {
  cfg: Config;
  secrets: Secrets;
  logger: Logger;
  db: Db;
  bus: Bus;
  content: ContentStore;
  relay: OutboxRelay;
  sweeper: Sweeper;
  /** SMTP, or .eml files in the embedded default; connects on first send only. */
  mailer: Mailer;
}

export interface Service {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export type ServiceFactory = (ctx: ServiceContext) => Service;

export async function createContext(cfg: Config, parts: Partial<Pick<ServiceContext, 'logger' | 'db' | 'bus' | 'secrets' | 'mailer'>> = {}): Promise<ServiceContext> {
  const logger = parts.logger ?? createLogger({ level: cfg.LOG_LEVEL });
  const secrets = parts.secrets ?? loadSecrets(cfg);
  const db = parts.db ?? (await openDb(cfg));
  const bus = parts.bus ?? createBus(cfg, logger, db);
  const relay = new OutboxRelay({ db, bus, logger: logger.child({ component: 'outbox-relay' }), pollMs: cfg.OUTBOX_POLL_MS, maxInFlight: cfg.OUTBOX_MAX_IN_FLIGHT });
  const sweeper = new Sweeper({
    db,
    logger: logger.child({ component: 'sweeper' }),
    intervalMs: cfg.SWEEP_INTERVAL_MS,
    stuckAfterMs: cfg.SWEEP_STUCK_AFTER_MS,
    matchesPerEvent: cfg.MATCH_MAX_PER_EVENT,
    onResent: () => relay.kick(),
  });
  const mailer = parts.mailer ?? createMailer(cfg, logger);
  return { cfg, secrets, logger, db, bus, content: new ContentStore(secrets.contentKey), relay, sweeper, mailer };
}

/** Starts services, then the relay and the sweeper; stops them in reverse, then the sweeper, the relay, the bus and the database. */
const STOP_GRACE_MS = 5000;

export async function startServices(ctx: ServiceContext, factories: ServiceFactory[]): Promise<{ services: Service[]; stop(): Promise<void> }> {
  const services = factories.map((f) => f(ctx));
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
      await ctx.mailer.close();
      await ctx.db.close();
    },
  };
}
