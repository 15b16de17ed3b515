import { z } from 'zod';

// The directory routes' bodies: shapes only. The store checks the values (e-mail, country, CIDR, host …) and
// answers a ValidationError that names the field, so the rules live in one place.

const optionalText = (max: number) => z.string().max(max).nullable().optional();
const asn = z
  .union([z.number().int(), z.string().max(12)])
  .nullable()
  .optional();

const providerFields = {
  name: z.string().trim().min(1).max(200),
  abuseEmail: optionalText(254),
  language: optionalText(8),
  country: optionalText(8),
  asn,
  upstreamAbuseEmail: optionalText(254),
  note: optionalText(2000),
};

export const providerBody = z.object(providerFields).strict();
export const providerChangesBody = z
  .object(providerFields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' });

export const overrideBody = z
  .object({
    network: optionalText(64),
    host: optionalText(253),
    providerId: optionalText(20),
    country: optionalText(8),
    asn,
    note: optionalText(2000),
  })
  .strict();

export const cdnRuleBody = z
  .object({
    host: z.string().trim().min(1).max(253),
    origin: z.string().trim().min(1).max(253),
    providerId: optionalText(20),
    note: optionalText(2000),
  })
  .strict();

export type ProviderBody = z.infer<typeof providerBody>;
export type ProviderChangesBody = z.infer<typeof providerChangesBody>;
export type OverrideBody = z.infer<typeof overrideBody>;
export type CdnRuleBody = z.infer<typeof cdnRuleBody>;
