import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { PgDb } from '@hotline/platform';

const ROOT = path.resolve(__dirname, '..');

/**
 * The fetcher parses hostile HTML, so it must not hold what it does not need. The proof is the process's own heap:
 * a V8 snapshot (written on SIGUSR2) is searched for the review token that was in its environment. Readiness is
 * read from Kafka (the consumer group is stable), not from the process's own word.
 */
describe('config and secrets per service (issue 8 item 2)', () => {
  let child: ChildProcess | undefined;
  let dir: string;
  const schema = `t_own_secrets_${randomBytes(3).toString('hex')}`;
  const prefix = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-fetcher-alone-'));
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    const admin = new PgDb({ connectionString: process.env.TEST_DATABASE_URL! });
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  });

  it('item 2: a process started as the fetcher alone does not hold the review credential', async () => {
    const accountsKey = randomBytes(32).toString('base64');
    const dataDir = path.join(dir, 'data');
    const snapshots = path.join(dir, 'snapshots');
    fs.mkdirSync(snapshots);
    child = spawn(
      process.execPath,
      ['--import', 'tsx', '--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshots}`, path.join(ROOT, 'services', 'fetcher', 'src', 'main.ts')],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: os.tmpdir(),
          DATA_DIR: dataDir,
          DATABASE_URL: process.env.TEST_DATABASE_URL!,
          DATABASE_SCHEMA: schema,
          KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS!,
          KAFKA_TOPIC_PREFIX: prefix,
          CONTENT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
          // What a careless deployment hands every container alike:
          REVIEW_ACCOUNTS_KEY: accountsKey,
          REVIEW_PORT: '8081',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));

    await untilGroupIsStable(
      `${prefix}fetcher`,
      () => child!.exitCode,
      () => out,
    );

    child.kill('SIGUSR2');
    const snapshot = await until('a heap snapshot', () => {
      const files = fs.readdirSync(snapshots).filter((f) => f.endsWith('.heapsnapshot'));
      // Node writes the file in one go and only then logs; a non-empty file that parses as JSON's end is complete.
      const file = files[0] && path.join(snapshots, files[0]);
      return file && fs.statSync(file).size > 0 && fs.readFileSync(file, 'utf8').trimEnd().endsWith('}') ? file : undefined;
    });
    const heap = fs.readFileSync(snapshot, 'utf8');
    // The snapshot is of this very process: it holds its own settings.
    expect(heap.includes(schema)).toBe(true);
    expect(heap.includes(accountsKey)).toBe(false);

    const loaded = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; services?: string[]; secrets?: string[]; variables?: string[] })
      .find((l) => l.msg === 'configuration loaded');
    expect(loaded).toEqual(expect.objectContaining({ services: ['fetcher'], secrets: ['contentKey'] }));
    expect(loaded!.variables).toContain('FETCH_TIMEOUT_MS');
    expect(loaded!.variables!.filter((v) => /^(REVIEW|INTAKE|HOTLINE|MATCH_(?!MAX_PER_EVENT)|HASH)_/.test(v))).toEqual([]);
    expect(out).not.toContain(accountsKey);
    // Neither read nor generated: a standalone process takes its secrets from its environment only.
    expect(fs.existsSync(path.join(dataDir, 'secrets'))).toBe(false);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});

async function untilGroupIsStable(groupId: string, exitCode: () => number | null, output: () => string): Promise<void> {
  const kafka = new Kafka({ clientId: 'own-secrets-test', brokers: process.env.TEST_KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await until(
      `consumer group ${groupId} to be stable`,
      async () => {
        if (exitCode() !== null) throw new Error(`the fetcher exited (${exitCode()}): ${output()}`);
        const { groups } = await admin.describeGroups([groupId]);
        return groups[0]?.state === 'Stable' && groups[0].members.length > 0;
      },
      60_000,
    );
  } finally {
    await admin.disconnect();
  }
}

async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
