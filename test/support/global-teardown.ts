import { execFileSync } from 'node:child_process';

/** Stops the Kafka broker only if the suite started it (KEEP_KAFKA=1 keeps it for quicker reruns). */
export default async function globalTeardown(): Promise<void> {
  const script = process.env.HOTLINE_TEST_STARTED_KAFKA;
  if (script && process.env.KEEP_KAFKA !== '1') execFileSync('bash', [script, 'stop'], { stdio: 'ignore' });
}
