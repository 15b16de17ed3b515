import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const started: ChildProcess[] = [];

/** Runs `npm start`'s entry point on a fresh DATA_DIR until its banner, stops it, and returns what it printed. */
async function startOnce(env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number | null }> {
  // As `npm start` runs it: node with tsx's loader, so SIGTERM reaches our handler (tsx's CLI wrapper would SIGKILL a
  // child that does not acknowledge the relayed signal within 60 ms, and a busy start-up misses that: exit 143).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'services', 'all-in-one', 'src', 'main.ts')], {
    cwd: ROOT,
    // A clean environment: embedded mode, no Kafka or PostgreSQL of the test run.
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), INTAKE_PORT: '0', REVIEW_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve) => {
    const check = () => {
      if (/import hashes:/.test(stdout) || child.exitCode !== null) resolve();
      else setTimeout(check, 50);
    };
    check();
  });
  child.kill('SIGTERM');
  return { stdout, stderr, code: await exited };
}

describe('all-in-one start-up', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-start-'));
  });
  afterEach(() => {
    // A start that never reached its banner is stopped here, not left running past the test.
    for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('item 16: a fresh start says how to create the first admin and never prints the accounts key; FETCH_ALLOW_HOSTS draws a warning', async () => {
    const run = await startOnce({ DATA_DIR: dataDir, FETCH_ALLOW_HOSTS: '127.0.0.1:1' });
    const key = fs.readFileSync(path.join(dataDir, 'secrets', 'review-accounts-key'), 'utf8').trim();
    expect(run.stdout).toMatch(/Hotline triage pipeline running/);
    expect(run.stdout).toContain('first admin:   npm run hotline -- create-user --name admin --role admin');
    expect(run.stdout + run.stderr).not.toContain(key);
    const warnings = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .filter((l) => l.level === 40);
    expect(warnings).toEqual([expect.objectContaining({ msg: expect.stringMatching(/FETCH_ALLOW_HOSTS.*test-only.*SSRF guard lets these through/) })]);
    expect(run.code).toBe(0);
  });

  it('item 7: the embedded start says where its mail lands: .eml files under DATA_DIR/mail', async () => {
    const run = await startOnce({ DATA_DIR: dataDir });
    expect(run.stdout).toContain(`  mail:          not sent, written as .eml files in ${path.join(dataDir, 'mail')}`);
  });

  it('item 16: no warning without FETCH_ALLOW_HOSTS, and a restart keeps the accounts key', async () => {
    await startOnce({ DATA_DIR: dataDir });
    const keyFile = path.join(dataDir, 'secrets', 'review-accounts-key');
    const key = fs.readFileSync(keyFile, 'utf8');
    const run = await startOnce({ DATA_DIR: dataDir });
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(key);
    expect(run.stdout).not.toMatch(/"level":40/);
  });
});
