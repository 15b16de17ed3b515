import type { Logger } from 'pino';
import type { Config } from '../config/schema';
import type { Db } from '../db/db';
import type { Bus } from './bus';
import { InProcessBus } from './in-process-bus';
import { KafkaBus } from './kafka-bus';

/** `db` records dead letters (the `dead_letters` table), on both buses. */
export function createBus(cfg: Config, logger: Logger, db: Db): Bus {
  const retry = { maxAttempts: cfg.BUS_MAX_ATTEMPTS, retryBaseMs: cfg.BUS_RETRY_BASE_MS };
  if (!cfg.KAFKA_BROKERS) return new InProcessBus({ logger, db, ...retry });
  return new KafkaBus({
    brokers: cfg.KAFKA_BROKERS,
    clientId: cfg.KAFKA_CLIENT_ID,
    topicPrefix: cfg.KAFKA_TOPIC_PREFIX,
    partitions: cfg.KAFKA_PARTITIONS,
    replicationFactor: cfg.KAFKA_REPLICATION_FACTOR,
    minInsyncReplicas: cfg.KAFKA_MIN_INSYNC_REPLICAS,
    sessionTimeoutMs: cfg.KAFKA_SESSION_TIMEOUT_MS,
    logger,
    db,
    ...retry,
  });
}
