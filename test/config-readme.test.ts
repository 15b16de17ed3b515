import fs from 'node:fs';
import path from 'node:path';
import { ALL_SERVICES } from '@hotline/all-in-one';
import { CONFIG_VARIABLES, variablesOf, type SecretSpecs } from '@hotline/platform';

interface Row {
  names: string[];
  cells: string[];
}

/** README.md's "## Configuration" tables, by their "### " heading; a row's first column may name two variables (`A` / `B`). */
function readmeTables(): Map<string, Row[]> {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0];
  if (!section) throw new Error('README.md has no "## Configuration" section');
  const tables = new Map<string, Row[]>();
  let rows: Row[] | undefined;
  for (const line of section.split('\n')) {
    const heading = /^### (.+)$/.exec(line);
    if (heading) tables.set(heading[1]!.trim(), (rows = []));
    if (!line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const names = [...cells[0]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!);
    if (names.length === 0) continue;
    if (!rows) throw new Error(`a configuration row before the first "### " heading: ${line}`);
    rows.push({ names, cells });
  }
  return tables;
}

const namesIn = (rows: Row[] | undefined) => (rows ?? []).flatMap((r) => r.names).sort();

describe("README's configuration tables", () => {
  const tables = readmeTables();
  const secrets = new Map<string, string[]>();
  for (const d of ALL_SERVICES) {
    for (const spec of Object.values(d.secrets as SecretSpecs)) secrets.set(spec.variable, [...(secrets.get(spec.variable) ?? []), d.name]);
  }

  it('item 19: names exactly the variables of the schema, no more and no fewer', () => {
    const documented = new Set([...tables.values()].flatMap(namesIn));
    const parsed = new Set<string>([...CONFIG_VARIABLES, ...ALL_SERVICES.flatMap((d) => variablesOf(d.config)), ...secrets.keys()]);
    expect(parsed.size).toBeGreaterThan(0);
    expect({
      'parsed but not in README': [...parsed].filter((v) => !documented.has(v)).sort(),
      'in README but not parsed': [...documented].filter((v) => !parsed.has(v)).sort(),
    }).toEqual({ 'parsed but not in README': [], 'in README but not parsed': [] });
  });

  it("item 2: the platform's table and each service's table list exactly that fragment", () => {
    const expected: Record<string, string[]> = { 'Every process': [...CONFIG_VARIABLES].sort() };
    for (const d of ALL_SERVICES) expected[d.name] = variablesOf(d.config).sort();
    const documented = Object.fromEntries(Object.keys(expected).map((title) => [title, namesIn(tables.get(title))]));
    expect(documented).toEqual(expected);
  });

  it('item 2: the secrets table names every secret and exactly the services that hold it', () => {
    const rows = tables.get('Secrets') ?? [];
    const heldBy = Object.fromEntries(
      rows.map((r) => [
        r.names[0]!,
        r.cells[2]!.split(',')
          .map((s) => s.trim())
          .sort(),
      ]),
    );
    expect(heldBy).toEqual(Object.fromEntries([...secrets].map(([v, by]) => [v, [...by].sort()])));
  });

  it('item 19: METRICS_ENABLED is gone until metrics exist', () => {
    expect(CONFIG_VARIABLES).not.toContain('METRICS_ENABLED');
  });
});
