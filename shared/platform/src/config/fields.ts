import { z } from 'zod';

/**
 * Field types shared by every configuration fragment, so that a boolean or a list reads the same whichever
 * service declares it. A fragment is a plain zod shape: `{ VARIABLE: field.default(…) }`.
 */
export type ConfigShape = z.ZodRawShape;
/** The typed values of a fragment once parsed. */
export type ConfigOf<S extends ConfigShape> = z.infer<z.ZodObject<S>>;

export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const configFields = {
  port: z.coerce.number().int().min(0).max(65535),
  positiveInt: z.coerce.number().int().positive(),
  int: (min: number, max?: number) => (max === undefined ? z.coerce.number().int().min(min) : z.coerce.number().int().min(min).max(max)),
  bool: z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes'),
  list: z.string().transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  ),
  optionalUrl: z.preprocess(blankToUndefined, z.string().url().optional()),
};

/** The variable names of a fragment, for README's configuration tables (a test keeps them equal). */
export function variablesOf(shape: ConfigShape): string[] {
  return Object.keys(shape);
}
