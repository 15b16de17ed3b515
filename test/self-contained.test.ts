import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const SKIP = new Set(['node_modules', '.git', 'data', '.cache']);

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|js)$/.test(entry.name)) yield full;
  }
}

// path.join(__dirname, '..', 'x') / path.resolve(__dirname, …) with literal segments only.
const DIRNAME_PATH = /path\.(?:join|resolve)\(\s*__dirname((?:\s*,\s*(?:'[^']*'|"[^"]*"))+)\s*\)/g;

describe('the repository carries everything its tests and benchmarks read', () => {
  it('item 18: no test, benchmark or source file reads a path outside the repository (e.g. ../shared)', () => {
    const escaping: string[] = [];
    for (const file of sourceFiles(ROOT)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(DIRNAME_PATH)) {
        const segments = [...m[1]!.matchAll(/'([^']*)'|"([^"]*)"/g)].map((s) => s[1] ?? s[2]!);
        const target = path.resolve(path.dirname(file), ...segments);
        if (path.relative(ROOT, target).startsWith('..')) escaping.push(`${path.relative(ROOT, file)}: ${m[0]} → ${target}`);
      }
    }
    expect(escaping).toEqual([]);
  });

  it('item 18: the PDQ reference images and X-ARF schemas are fixtures of the repository, with their licences', () => {
    const fixtures = path.join(ROOT, 'test', 'fixtures');
    const expected = fs.readFileSync(path.join(fixtures, 'pdq', 'expected.tsv'), 'utf8');
    const images = expected
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t')[0]!);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(fs.existsSync(path.join(fixtures, 'pdq', 'images', image))).toBe(true);
    expect(fs.readFileSync(path.join(fixtures, 'pdq', 'LICENSE-ThreatExchange'), 'utf8')).toMatch(/BSD License/);
    expect(fs.readFileSync(path.join(fixtures, 'xarf-v4', 'LICENSE'), 'utf8')).toMatch(/MIT License/);
    for (const schema of ['xarf-core.json', 'content-base.json', 'content-csam.json']) {
      expect(() => JSON.parse(fs.readFileSync(path.join(fixtures, 'xarf-v4', schema), 'utf8'))).not.toThrow();
    }
  });
});
