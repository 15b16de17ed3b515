import { loadConfig } from '../config';
import type { Config } from '../config/schema';
import { ConfigError, describeError } from '../errors';
import { createLogger, type Logger } from '../logger';
import { Metrics } from '../metrics/metrics';
import { createContext, startServices, type Service, type ServiceContext, type ServiceFactory } from './context';

export interface MainOptions {
  /** Shown in logs and errors. */
  name: string;
  factories: ServiceFactory[];
  /** A single service on its own needs the shared infrastructure: Kafka, PostgreSQL and the shared content key. */
  standalone: boolean;
  /** Further variables this service cannot start without when standalone (e.g. REVIEW_API_TOKEN). */
  requires?: Array<keyof Config>;
  afterStart?(ctx: ServiceContext, services: Service[]): void;
}

/** The whole life of a service process: config, context, start, signals, orderly stop. */
export async function runMain(opts: MainOptions): Promise<void> {
  let cfg: Config;
  try {
    cfg = loadConfig();
    if (opts.standalone) requireSharedInfrastructure(cfg, opts.name, opts.requires ?? []);
  } catch (err) {
    process.stderr.write(`${opts.name}: ${describeError(err)}\n`);
    process.exit(2);
  }
  const logger = createLogger({ level: cfg.LOG_LEVEL, name: opts.name });
  warnAboutTestSettings(cfg, logger);
  try {
    const ctx = await createContext(cfg, { logger, metrics: new Metrics(opts.name) });
    const running = await startServices(ctx, opts.factories);
    opts.afterStart?.(ctx, running.services);
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'stopping');
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (err) {
    logger.fatal({ reason: describeError(err) }, 'start-up failed');
    process.exit(1);
  }
}

function requireSharedInfrastructure(cfg: Config, name: string, extra: Array<keyof Config>): void {
  const needed: Array<keyof Config> = ['KAFKA_BROKERS', 'DATABASE_URL', 'CONTENT_ENCRYPTION_KEY', ...extra];
  const missing = needed.filter((k) => cfg[k] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      `${missing.join(', ')} must be set to run ${name} on its own (services share Kafka, PostgreSQL and the content key). ` +
        'For the single-process embedded default, run `npm start` at the top of the repository.',
    );
  }
}

/** Settings that exist for the test suite and weaken a production deployment: said once, loudly, at start-up. */
function warnAboutTestSettings(cfg: Config, logger: Logger): void {
  if (cfg.FETCH_ALLOW_HOSTS.length > 0) {
    logger.warn(
      { hosts: cfg.FETCH_ALLOW_HOSTS },
      'FETCH_ALLOW_HOSTS is set: a test-only setting, the SSRF guard lets these through (unset it in production)',
    );
  }
}
