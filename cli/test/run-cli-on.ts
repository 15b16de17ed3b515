import { runCli } from '../src/run-cli';
import type { TestDb } from '../../test/support/test-db';
import { testConfig } from '../../test/support/pipeline';

/** Runs the real CLI against a test schema; returns the exit code and what it printed. */
export async function cliOn(t: TestDb, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const cfg = testConfig({ DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: t.schema! });
  const code = await runCli(argv, cfg, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}
