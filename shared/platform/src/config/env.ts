/**
 * The one place that reads process.env. Everything else receives a validated Config
 * (see schema.ts), so tests can build configs without touching the environment.
 */
export type RawEnv = Record<string, string | undefined>;

/**
 * Only the variables asked for are read: one that no fragment or secret of this process declares (another
 * service's token, say) is never copied into it, not even for a moment.
 */
export function readEnv(names: Iterable<string>): RawEnv {
  const raw: RawEnv = {};
  for (const name of names) raw[name] = process.env[name];
  return raw;
}
