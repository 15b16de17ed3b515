import { readEnv } from './env';
import type { ConfigOf, ConfigShape } from './fields';
import { parseConfig, platformConfig, type Config } from './schema';

export { CONFIG_VARIABLES, parseConfig, platformConfig, type Config } from './schema';
export { blankToUndefined, configFields, variablesOf, type ConfigOf, type ConfigShape } from './fields';
export {
  loadSecrets,
  secretFile,
  type LoadedSecrets,
  type SecretSource,
  type SecretSources,
  type SecretSpec,
  type SecretSpecs,
  type SecretsOf,
} from './secrets';
export { CONTENT_KEY_FILE, contentKeyProblem, contentKeySecret, type WithContentKey } from './content-key';
export { readEnv, type RawEnv } from './env';

/** The platform fragment and the given one, from the environment (the CLI; services go through runMain). */
export function loadConfig<S extends ConfigShape = Record<never, never>>(fragment?: S): Config & ConfigOf<S> {
  return parseConfig(readEnv([...Object.keys(platformConfig), ...Object.keys(fragment ?? {})]), fragment);
}
