import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const ESLINT = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** Rule ids ESLint reports for `code` as if it were the file at `file` (the file need not exist). */
function ruleIds(file: string, code: string): string[] {
  const run = spawnSync(process.execPath, [ESLINT, '--format', 'json', '--stdin', '--stdin-filename', file], { cwd: ROOT, input: code, encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`eslint exited ${run.status}: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
  return result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

// The rules the project relies on, checked through the real ESLint with the repository's eslint.config.mjs.
describe('lint (issue 8 item 10)', () => {
  const importsFetcher = "import { fetcherService } from '@hotline/fetcher';\nexport const s = fetcherService;\n";
  const readsEnv = 'export const port = process.env.PORT;\n';

  it('item 10: a service, a library or the CLI importing a service is refused, by package or by relative path', () => {
    expect(ruleIds('services/hasher/src/probe.ts', importsFetcher)).toContain('no-restricted-imports');
    expect(ruleIds('shared/reports/src/probe.ts', importsFetcher)).toContain('no-restricted-imports');
    expect(ruleIds('cli/src/probe.ts', importsFetcher)).toContain('no-restricted-imports');
    expect(ruleIds('services/hasher/src/probe.ts', "import { x } from '../../review/src/x';\nexport const y = x;\n")).toContain('no-restricted-imports');
  });

  it('item 10: all-in-one, tests and benchmarks may put services side by side', () => {
    expect(ruleIds('services/all-in-one/src/probe.ts', importsFetcher)).toEqual([]);
    expect(ruleIds('test/probe.test.ts', importsFetcher)).toEqual([]);
    expect(ruleIds('bench/probe.ts', importsFetcher)).toEqual([]);
  });

  it('item 10: process.env is read only in shared/platform/src/config/env.ts (and test or benchmark harnesses)', () => {
    expect(ruleIds('services/fetcher/src/probe.ts', readsEnv)).toEqual(['no-restricted-properties']);
    expect(ruleIds('shared/platform/src/config/schema.ts', readsEnv)).toEqual(['no-restricted-properties']);
    expect(ruleIds('shared/platform/src/config/env.ts', readsEnv)).toEqual([]);
    expect(ruleIds('test/support/probe.ts', readsEnv)).toEqual([]);
    expect(ruleIds('bench/probe.ts', readsEnv)).toEqual([]);
  });

  it('item 10: console is for benchmarks only; == and unused variables are refused, `_` names are allowed', () => {
    expect(ruleIds('services/review/src/probe.ts', "console.log('x');\n")).toEqual(['no-console']);
    expect(ruleIds('bench/probe.ts', "console.log('x');\n")).toEqual([]);
    expect(ruleIds('services/review/src/probe.ts', 'export const f = (a: unknown) => a == null;\n')).toEqual(['eqeqeq']);
    expect(ruleIds('services/review/src/probe.ts', 'export function f(a: number, b: number) { return a; }\n')).toEqual(['@typescript-eslint/no-unused-vars']);
    expect(ruleIds('services/review/src/probe.ts', 'export function f(a: number, _b: number) { return a; }\n')).toEqual([]);
  });
});
