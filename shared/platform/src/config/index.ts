import { readEnv } from './env';
import { parseConfig, type Config } from './schema';

export { CONFIG_VARIABLES, parseConfig, type Config } from './schema';
export { CONTENT_KEY_FILE, loadSecrets, REVIEW_TOKEN_FILE, secretFile, type Secrets } from './secrets';
export type { RawEnv } from './env';

export function loadConfig(overrides: Record<string, string | undefined> = {}): Config {
  return parseConfig({ ...readEnv(), ...overrides });
}
