import { execFileSync, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

/**
 * The suite runs against real parts: PostgreSQL and an Apache Kafka broker. It takes them from
 * DATABASE_URL and KAFKA_BROKERS, or finds the local PostgreSQL server and starts Kafka with
 * infra/kafka/local.sh. A missing part fails the run with a message saying how to provide it;
 * nothing is skipped silently.
 */
export default async function globalSetup(): Promise<void> {
  const dbUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: dbUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new Error(
      `The tests need PostgreSQL and could not reach ${redact(dbUrl)}: ${(err as Error).message}. ` +
        'Start a PostgreSQL server on 127.0.0.1:5432 that lets user postgres in, or set DATABASE_URL to a database the tests may create schemas in.',
      { cause: err },
    );
  } finally {
    await client.end().catch(() => {});
  }
  process.env.TEST_DATABASE_URL = dbUrl;

  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    const hasTools = ['java', 'mvn'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
    if (!hasTools) {
      throw new Error(
        'The tests need an Apache Kafka broker. Set KAFKA_BROKERS=host:port, or install Java 17+ and Maven so that ' +
          'infra/kafka/local.sh can start one from Maven Central.',
      );
    }
    const script = path.join(__dirname, '..', '..', 'infra', 'kafka', 'local.sh');
    const wasRunning = spawnSync('bash', [script, 'status'], { stdio: 'ignore' }).status === 0;
    if (!wasRunning) {
      process.stdout.write('\nstarting Kafka with infra/kafka/local.sh (first run downloads the jars from Maven Central)…\n');
      execFileSync('bash', [script, 'start'], { stdio: ['ignore', 'inherit', 'inherit'] });
      process.env.HOTLINE_TEST_STARTED_KAFKA = script;
    }
    // Where local.sh started it: its default port, or the KAFKA_PORT it was given.
    brokers = `127.0.0.1:${process.env.KAFKA_PORT ?? '9092'}`;
  }
  const [host, port] = brokers.split(',')[0]!.split(':');
  if (!(await reachable(host!, Number(port)))) {
    throw new Error(`The tests need Kafka and nothing answers at ${brokers}. Check KAFKA_BROKERS or start one with \`npm run kafka -- start\`.`);
  }
  process.env.TEST_KAFKA_BROKERS = brokers;
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//…@');
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 3000 });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}
