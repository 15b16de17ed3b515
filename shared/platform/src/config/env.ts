/**
 * The one place that reads process.env. Everything else receives a validated Config
 * (see schema.ts), so tests can build configs without touching the environment.
 */
export type RawEnv = Record<string, string | undefined>;

export function readEnv(): RawEnv {
  return { ...process.env };
}
