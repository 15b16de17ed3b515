import { z } from 'zod';
import { EventSchemaError } from '../errors';
import { newId } from '../ids';

/**
 * Every event travels in the same envelope. `type` is a past-tense fact, `version` the schema version
 * of `data`; a consumer refuses a version it does not know (dead-letter) rather than guessing.
 */
export interface Envelope<T = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  data: T;
}

export interface EventType<T> {
  /** Topic name without the deployment prefix, e.g. `content.hashed`. */
  readonly name: string;
  readonly version: number;
  readonly schema: z.ZodType<T>;
  /** Partition key: events about the same thing stay in order. */
  key(data: T): string;
}

export function defineEvent<T>(name: string, version: number, schema: z.ZodType<T>, key: (data: T) => string): EventType<T> {
  return { name, version, schema, key };
}

/**
 * Throws EventSchemaError (never retriable: the same data fails the same way on every attempt) when
 * `data` does not fit the event's schema, naming the field and what is wrong with it.
 */
export function makeEnvelope<T>(type: EventType<T>, data: T, id: string = newId()): Envelope<T> {
  const parsed = type.schema.safeParse(data);
  if (!parsed.success) throw new EventSchemaError(`cannot publish ${type.name} v${type.version}: ${describeIssue(parsed.error)}`);
  return { id, type: type.name, version: type.version, occurredAt: new Date().toISOString(), data: parsed.data };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(data)'} ${issue.message}` : 'invalid';
}

const envelopeShape = z.object({
  id: z.string().min(1),
  type: z.string(),
  version: z.number().int(),
  occurredAt: z.string(),
  data: z.unknown(),
});

/** Parses a raw message into a typed envelope, or says exactly why it cannot. */
export function parseEnvelope<T>(type: EventType<T>, raw: unknown): { ok: true; envelope: Envelope<T> } | { ok: false; reason: string } {
  const env = envelopeShape.safeParse(raw);
  if (!env.success) return { ok: false, reason: `not an event envelope: ${env.error.issues[0]?.message ?? 'invalid'}` };
  if (env.data.type !== type.name) return { ok: false, reason: `expected type ${type.name}, got ${env.data.type}` };
  if (env.data.version !== type.version)
    return { ok: false, reason: `unsupported ${type.name} version ${env.data.version} (this consumer reads v${type.version})` };
  const data = type.schema.safeParse(env.data.data);
  if (!data.success) return { ok: false, reason: `invalid ${type.name} v${type.version}: ${describeIssue(data.error)}` };
  return { ok: true, envelope: { ...env.data, data: data.data } };
}
