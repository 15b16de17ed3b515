import { describeError } from '../errors';
import { createLogger } from '../logger';
import { createContext, startServices, type Service } from './context';
import type { AnyServiceDescriptor, ContextOf } from './descriptor';
import { loadSettings, type SettingsOf } from './load-settings';
import { Metrics } from '../metrics/metrics';

export interface MainOptions<Ds extends readonly AnyServiceDescriptor[]> {
  /** Shown in logs and errors. */
  name: string;
  /** The services this process runs, in start order; their fragments and secrets are all it loads. */
  services: Ds;
  /** A single service on its own needs the shared infrastructure: Kafka, PostgreSQL and its secrets from the environment. */
  standalone: boolean;
  afterStart?(ctx: ContextOf<Ds>, services: Service[]): void;
}

/** The whole life of a service process: config, context, start, signals, orderly stop. */
export async function runMain<const Ds extends readonly AnyServiceDescriptor[]>(opts: MainOptions<Ds>): Promise<void> {
  let settings: SettingsOf<Ds>;
  try {
    settings = loadSettings(opts.services, opts);
  } catch (err) {
    process.stderr.write(`${opts.name}: ${describeError(err)}\n`);
    process.exit(2);
  }
  const { cfg } = settings;
  const logger = createLogger({ level: cfg.LOG_LEVEL, name: opts.name });
  // Names only, never values: which fragments and secrets this process holds (an operator, or a test, can check).
  logger.info(
    {
      services: opts.services.map((d) => d.name),
      secrets: Object.keys(settings.secrets).sort(),
      variables: Object.keys(cfg)
        .filter((k) => /^[A-Z]/.test(k))
        .sort(),
    },
    'configuration loaded',
  );
  for (const d of opts.services) for (const w of d.warnings?.(cfg) ?? []) logger.warn(w.details ?? {}, w.message);
  try {
    const ctx = (await createContext(settings, { logger, metrics: new Metrics(opts.name) })) as ContextOf<Ds>;
    const running = await startServices(
      ctx,
      opts.services.map((d) => d.create as (ctx: ContextOf<Ds>) => Service),
    );
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
