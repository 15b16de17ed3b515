/** Row helpers shared by the takedown stores: the drivers return Date or string for timestamptz, Buffer/Uint8Array for bytea. */
export type Ts = Date | string;

export const iso = (v: Ts): string => new Date(v).toISOString();
export const isoOrNull = (v: Ts | null): string | null => (v === null ? null : iso(v));
export const hexOrNull = (v: Uint8Array | null): string | null => (v === null ? null : Buffer.from(v).toString('hex'));
export const bytesOrNull = (hex: string | null | undefined): Buffer | null => (hex ? Buffer.from(hex, 'hex') : null);
/** PGlite hands jsonb back parsed; node-postgres too. Both may hand a string for json text. */
export const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
