import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ALL_SERVICES } from '@hotline/all-in-one';
import type { SecretSpecs } from '@hotline/platform';

interface Compose {
  services: Record<string, { command?: string[]; environment?: Record<string, unknown> }>;
}

/** docker-compose.yml with its anchors and `<<` merges resolved, as docker compose reads it. */
const compose = parse(fs.readFileSync(path.join(__dirname, '..', 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;

const secretVariables = new Set(ALL_SERVICES.flatMap((d) => Object.values(d.secrets as SecretSpecs).map((s) => s.variable)));

describe('docker-compose.yml (issue 8 item 2)', () => {
  it("item 2: each service's container gets exactly the secrets its descriptor declares", () => {
    const given = Object.fromEntries(
      ALL_SERVICES.map((d) => [
        d.name,
        Object.keys(compose.services[d.name]?.environment ?? {})
          .filter((v) => secretVariables.has(v))
          .sort(),
      ]),
    );
    const declared = Object.fromEntries(
      ALL_SERVICES.map((d) => [
        d.name,
        Object.values(d.secrets as SecretSpecs)
          .map((s) => s.variable)
          .sort(),
      ]),
    );
    expect(given).toEqual(declared);
    expect(given.fetcher).not.toContain('REVIEW_ACCOUNTS_KEY');
  });

  it('item 2: each pipeline container runs its own service, and no other container gets a pipeline secret', () => {
    for (const d of ALL_SERVICES) expect(compose.services[d.name]?.command).toEqual([`services/${d.name}/src/main.ts`]);
    const others = Object.entries(compose.services).filter(([name]) => !ALL_SERVICES.some((d) => d.name === name));
    expect(others.length).toBeGreaterThan(0);
    for (const [, svc] of others) expect(Object.keys(svc.environment ?? {}).filter((v) => secretVariables.has(v))).toEqual([]);
  });
});
