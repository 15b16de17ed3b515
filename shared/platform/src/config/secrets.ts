import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';
import type { RawEnv } from './env';
import { blankToUndefined } from './fields';

/**
 * A secret a service declares it needs. The spec lives with whoever owns the secret (the content key with the
 * platform's content store, the review token with the review service), and a process loads only the secrets
 * its services declared: a fetcher never reads, generates or holds the review token.
 */
export interface SecretSpec<T> {
  /** The environment variable that carries it (production; a standalone service takes it from there only). */
  variable: string;
  /** Its file under DATA_DIR/secrets, generated on first start when the variable is unset (embedded default). */
  file: string;
  /** Why a text is not a usable value, or undefined; the variable and the file get the same checks. */
  problem(text: string): string | undefined;
  generate(): string;
  decode(text: string): T;
}

/** Declared secrets by the name services read them under, e.g. `{ contentKey: contentKeySecret }`. */
export type SecretSpecs = Record<string, SecretSpec<unknown>>;
/** The values of declared secrets: only these exist in the process. */
export type SecretsOf<K extends SecretSpecs> = { [N in keyof K]: K[N] extends SecretSpec<infer T> ? T : never };
/** Where each secret came from, so an entry point can say where a new one is (never what it is). */
export type SecretSource = 'env' | 'file' | 'generated';
export type SecretSources<K> = { [N in keyof K]: SecretSource };

export interface LoadedSecrets<K extends SecretSpecs> {
  values: SecretsOf<K>;
  sources: SecretSources<K>;
}

export function secretFile(cfg: { dataDir: string }, name: string): string {
  return path.join(cfg.dataDir, 'secrets', name);
}

/**
 * Each declared secret comes from its variable when set; otherwise, unless `envOnly` (a standalone service,
 * whose secrets are shared with other processes and cannot be made up locally), from its file, generated on
 * first start with mode 0600, so the embedded default works with no configuration at all. Variables of
 * secrets not declared are never looked at. Messages name the variable or the file, never the value.
 */
export function loadSecrets<K extends SecretSpecs>(raw: RawEnv, specs: K, opts: { dataDir: string; envOnly?: boolean }): LoadedSecrets<K> {
  const values: Record<string, unknown> = {};
  const sources: Record<string, SecretSource> = {};
  const problems: string[] = [];
  const missing: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const text = blankToUndefined(raw[spec.variable]) as string | undefined;
    if (text !== undefined) {
      const problem = spec.problem(text);
      if (problem) problems.push(`${spec.variable}: ${problem}`);
      else [values[name], sources[name]] = [spec.decode(text), 'env'];
    } else if (opts.envOnly) {
      missing.push(spec.variable);
    } else {
      const found = readOrCreate(secretFile(opts, spec.file), spec);
      [values[name], sources[name]] = [spec.decode(found.value), found.generated ? 'generated' : 'file'];
    }
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration — ${problems.join('; ')}`);
  if (missing.length > 0) throw new ConfigError(`${missing.join(', ')} must be set`);
  return { values: values as SecretsOf<K>, sources: sources as SecretSources<K> };
}

function readOrCreate(file: string, spec: SecretSpec<unknown>): { value: string; generated: boolean } {
  const existing = readSecret(file);
  if (existing !== undefined) return { value: checked(file, existing, spec), generated: false };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = spec.generate();
  try {
    // 'wx' fails if another process created the file first; then we read theirs.
    fs.writeFileSync(file, value + '\n', { mode: 0o600, flag: 'wx' });
    return { value, generated: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { value: checked(file, readSecret(file) ?? '', spec), generated: false };
  }
}

function readSecret(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The message names the file, never its content. */
function checked(file: string, value: string, spec: SecretSpec<unknown>): string {
  const problem = spec.problem(value);
  if (problem) throw new ConfigError(`${file} ${problem}; replace the file's content or, on a fresh installation, delete it to have one generated`);
  return value;
}
