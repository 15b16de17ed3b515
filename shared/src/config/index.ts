import { readEnv } from './env';
import { parseConfig, type Config } from './schema';

export { parseConfig, type Config } from './schema';
export { loadSecrets, type Secrets } from './secrets';
export type { RawEnv } from './env';

export function loadConfig(overrides: Record<string, string | undefined> = {}): Config {
  return parseConfig({ ...readEnv(), ...overrides });
}
