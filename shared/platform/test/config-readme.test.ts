import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES } from '../src';

/** Variables named in the first column of README.md's "## Configuration" table (a row may name two: `A` / `B`). */
function readmeVariables(): string[] {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0];
  if (!section) throw new Error('README.md has no "## Configuration" section');
  const names: string[] = [];
  for (const line of section.split('\n')) {
    const first = line.startsWith('|') ? line.split('|')[1]! : '';
    for (const m of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.push(m[1]!);
  }
  return names;
}

describe("README's configuration table", () => {
  it('item 19: names exactly the variables of the schema, no more and no fewer', () => {
    const documented = new Set(readmeVariables());
    const parsed = new Set<string>(CONFIG_VARIABLES);
    expect(parsed.size).toBeGreaterThan(0);
    expect({
      'parsed but not in README': [...parsed].filter((v) => !documented.has(v)).sort(),
      'in README but not parsed': [...documented].filter((v) => !parsed.has(v)).sort(),
    }).toEqual({ 'parsed but not in README': [], 'in README but not parsed': [] });
  });

  it('item 19: METRICS_ENABLED is gone until metrics exist', () => {
    expect(CONFIG_VARIABLES).not.toContain('METRICS_ENABLED');
  });
});
