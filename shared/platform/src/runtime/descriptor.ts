import type { ConfigOf, ConfigShape } from '../config/fields';
import type { SecretSpecs, SecretsOf } from '../config/secrets';
import type { Service, ServiceContext } from './context';

/**
 * What a service is made of: its configuration fragment, the secrets it needs, and how to build it from a
 * context holding exactly those (plus the platform's). runMain parses and loads nothing else; the all-in-one
 * process merges every descriptor.
 */
export interface ServiceDescriptor<S extends ConfigShape = ConfigShape, K extends SecretSpecs = SecretSpecs> {
  readonly name: string;
  readonly config: S;
  readonly secrets: K;
  create(ctx: ServiceContext<ConfigOf<S>, SecretsOf<K>>): Service;
  /**
   * Combinations of settings that cannot run safely, each a sentence naming the variable to set: the process
   * refuses to start (loadSettings throws a ConfigError).
   */
  configProblems?(cfg: ConfigOf<S>): string[];
  /** Settings that weaken a production deployment, said once, loudly, when a process starts (runMain only). */
  warnings?(cfg: ConfigOf<S>): Array<{ message: string; details?: Record<string, unknown> }>;
}

/** Infers the fragment and secret types, so `create` sees a context typed by what was declared. */
export function defineService<S extends ConfigShape, K extends SecretSpecs>(d: ServiceDescriptor<S, K>): ServiceDescriptor<S, K> {
  return d;
}

// `any`, not `ConfigShape`/`SecretSpecs`: the descriptor's functions take its own fragment, so a specific
// descriptor is assignable only to one whose parameters are `any` (function parameters are contravariant).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyServiceDescriptor = ServiceDescriptor<any, any>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type EachConfig<D> = D extends AnyServiceDescriptor ? ConfigOf<D['config']> : never;
type EachSecrets<D> = D extends AnyServiceDescriptor ? SecretsOf<D['secrets']> : never;

/** The context of a process running these services: the union of their fragments and of their secrets. */
export type ContextOf<Ds extends readonly AnyServiceDescriptor[]> = ServiceContext<
  UnionToIntersection<EachConfig<Ds[number]>> & object,
  UnionToIntersection<EachSecrets<Ds[number]>> & object
>;

/** The merged fragment and secrets of several services (a secret two services declare is loaded once). */
export function mergeDescriptors(descriptors: readonly AnyServiceDescriptor[]): { config: ConfigShape; secrets: SecretSpecs } {
  const config: ConfigShape = {};
  const secrets: SecretSpecs = {};
  for (const d of descriptors) {
    Object.assign(config, d.config);
    for (const [name, spec] of Object.entries(d.secrets as SecretSpecs)) {
      if (secrets[name] && secrets[name] !== spec) throw new Error(`two services declare different secrets named ${name}`);
      secrets[name] = spec;
    }
  }
  return { config, secrets };
}
