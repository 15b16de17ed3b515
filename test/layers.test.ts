import fs from 'node:fs';
import path from 'node:path';

/**
 * The layer rule (ARCHITECTURE.md, "Layers"): a service imports libraries, never another service;
 * a library (shared/*) imports no service; the CLI imports libraries only; all-in-one alone
 * composes services. Only @hotline/hashing depends on sharp, and every package declares what its
 * sources import.
 */
const ROOT = path.resolve(__dirname, '..');

interface Pkg {
  dir: string;
  name: string;
  deps: Record<string, string>;
}

function readPkg(dir: string): Pkg {
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as {
    name: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return { dir, name: json.name, deps: { ...json.dependencies, ...json.devDependencies } };
}

const subdirs = (dir: string) =>
  fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(ROOT, dir, e.name, 'package.json')))
    .map((e) => `${dir}/${e.name}`);

const libraries = subdirs('shared').map(readPkg);
const services = subdirs('services').map(readPkg);
const cli = readPkg('cli');
const servicePackages = new Set(services.map((s) => s.name));

function* tsFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(full);
    else if (/\.ts$/.test(entry.name)) yield full;
  }
}

// Statements only (`import … from`, `export … from`, `import 'x'`, `import('x')`, `require('x')`), not words in comments.
const IMPORTS = [/^\s*(?:import|export)\b[^'";]*?\bfrom\s*'([^']+)'/gm, /^\s*import\s*'([^']+)'/gm, /\b(?:import|require)\(\s*'([^']+)'\s*\)/g];

/** Every import of a package's files (src and test), with the file it is in, relative to the root. */
function importsOf(pkg: Pkg, only?: 'src'): Array<{ file: string; spec: string }> {
  const out: Array<{ file: string; spec: string }> = [];
  for (const file of tsFiles(path.join(ROOT, pkg.dir, only ?? ''))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const re of IMPORTS) for (const m of text.matchAll(re)) out.push({ file: path.relative(ROOT, file), spec: m[1]! });
  }
  return out;
}

/** The service directory a relative import lands in, if any. */
function serviceDirOf(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const rel = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec)).split(path.sep);
  return rel[0] === 'services' && rel[1] ? `services/${rel[1]}` : null;
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

describe('layers: libraries, services, composition (issue 8 item 1)', () => {
  it('item 1: the workspaces are the ones the layers describe', () => {
    expect(libraries.map((l) => l.name).sort()).toEqual([
      '@hotline/accounts',
      '@hotline/hash-lists',
      '@hotline/hashing',
      '@hotline/hosting-trace',
      '@hotline/identity-vault',
      '@hotline/platform',
      '@hotline/reports',
      '@hotline/retention-rules',
      '@hotline/safe-fetch',
      '@hotline/takedown',
    ]);
    expect(services.map((s) => s.name)).toContain('@hotline/all-in-one');
    expect(fs.existsSync(path.join(ROOT, 'shared', 'src'))).toBe(false);
    expect(fs.existsSync(path.join(ROOT, 'shared', 'package.json'))).toBe(false);
  });

  it('item 1: a service imports no other service, by package or by relative path (all-in-one composes them)', () => {
    const crossings: string[] = [];
    for (const svc of services.filter((s) => s.name !== '@hotline/all-in-one')) {
      for (const { file, spec } of importsOf(svc)) {
        const other = serviceDirOf(file, spec);
        if ((servicePackages.has(packageOf(spec)) && packageOf(spec) !== svc.name) || (other && other !== svc.dir)) crossings.push(`${file}: ${spec}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('item 1: neither a library nor the CLI imports a service', () => {
    const crossings: string[] = [];
    for (const pkg of [...libraries, cli]) {
      for (const { file, spec } of importsOf(pkg)) {
        if (servicePackages.has(packageOf(spec)) || serviceDirOf(file, spec)) crossings.push(`${file}: ${spec}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('item 1: only @hotline/hashing declares or imports sharp (and blockhash-core) in its sources', () => {
    const root = readPkg('.');
    const declaring = [root, cli, ...libraries, ...services].filter((p) => 'sharp' in p.deps || 'blockhash-core' in p.deps).map((p) => p.name);
    expect(declaring).toEqual(['@hotline/hashing']);
    const importing = [cli, ...libraries, ...services]
      .filter((p) => p.name !== '@hotline/hashing')
      .flatMap((p) => importsOf(p, 'src'))
      .filter(({ spec }) => spec === 'sharp' || spec === 'blockhash-core')
      .map(({ file }) => file);
    expect(importing).toEqual([]);
  });

  it('item 1: every package declares the packages its sources import', () => {
    const undeclared: string[] = [];
    for (const pkg of [cli, ...libraries, ...services]) {
      for (const { file, spec } of importsOf(pkg, 'src')) {
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        const name = packageOf(spec);
        if (name !== pkg.name && !(name in pkg.deps)) undeclared.push(`${file}: ${name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });
});
