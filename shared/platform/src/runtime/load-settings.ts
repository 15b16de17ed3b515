import { readEnv, type RawEnv } from '../config/env';
import { loadSecrets, type SecretSpecs } from '../config/secrets';
import { parseConfig, platformConfig } from '../config/schema';
import { ConfigError } from '../errors';
import type { Settings } from './context';
import { mergeDescriptors, type AnyServiceDescriptor, type ContextOf } from './descriptor';

export type SettingsOf<Ds extends readonly AnyServiceDescriptor[]> = Settings<ContextOf<Ds>['cfg'], ContextOf<Ds>['secrets']>;

export interface LoadOptions {
  /** Shown in errors. */
  name: string;
  /** A single service on its own needs the shared infrastructure and is given its secrets; it makes none up. */
  standalone: boolean;
}

/**
 * The platform fragment and the descriptors' fragments, and the descriptors' secrets: nothing else is read from
 * the environment, validated, or held. `raw` defaults to those variables of the environment.
 */
export function loadSettings<const Ds extends readonly AnyServiceDescriptor[]>(descriptors: Ds, opts: LoadOptions, raw?: RawEnv): SettingsOf<Ds> {
  const merged = mergeDescriptors(descriptors);
  const env = raw ?? readEnv(variablesToRead(merged.config, merged.secrets));
  const cfg = parseConfig(env, merged.config);
  const problems = descriptors.flatMap((d) => d.configProblems?.(cfg) ?? []);
  if (problems.length > 0) throw new ConfigError(`Invalid configuration — ${problems.join('; ')}`);
  if (opts.standalone) {
    const missing = [
      ...(['KAFKA_BROKERS', 'DATABASE_URL'] as const).filter((k) => cfg[k] === undefined),
      ...Object.values(merged.secrets)
        .map((s) => s.variable)
        .filter((v) => !env[v]?.trim()),
    ];
    if (missing.length > 0) {
      throw new ConfigError(
        `${missing.join(', ')} must be set to run ${opts.name} on its own (services share Kafka and PostgreSQL, and each is given its own secrets). ` +
          'For the single-process embedded default, run `npm start` at the top of the repository.',
      );
    }
  }
  const secrets = loadSecrets(env, merged.secrets, { dataDir: cfg.dataDir, envOnly: opts.standalone });
  return { cfg, secrets: secrets.values, secretSources: secrets.sources } as SettingsOf<Ds>;
}

function variablesToRead(config: object, secrets: SecretSpecs): string[] {
  return [...Object.keys(platformConfig), ...Object.keys(config), ...Object.values(secrets).map((s) => s.variable)];
}
