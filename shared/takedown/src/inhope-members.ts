import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@hotline/platform';
import { z } from 'zod';

/** The shipped list: INHOPE member hotlines by country, public knowledge only (no address, no endpoint). */
export const SHIPPED_INHOPE_MEMBERS_FILE = path.join(__dirname, '..', 'data', 'inhope-members.json');

const httpUrl = z.url({ protocol: /^https?$/ });

const memberSchema = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. "DE"'),
    hotline: z.string().trim().min(1).max(200),
    website: httpUrl.optional(),
    /** From the hotline's own agreement with that member; never shipped. */
    referralEmail: z.email().optional(),
    referralUrl: httpUrl.optional(),
  })
  .strict();

const fileSchema = z.object({ note: z.string().optional(), members: z.array(z.unknown()) }).strict();

export type InhopeMember = z.infer<typeof memberSchema>;

/**
 * The INHOPE member list: the file TAKEDOWN_INHOPE_MEMBERS_FILE names (the hotline's own, with the referral
 * endpoints of its agreements) or the shipped one. Errors name the file and the entry.
 */
export function loadInhopeMembers(file: string = SHIPPED_INHOPE_MEMBERS_FILE): InhopeMember[] {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`INHOPE members file ${file}: ${err instanceof SyntaxError ? 'not valid JSON' : 'cannot be read'} (${(err as Error).message})`);
  }
  const top = fileSchema.safeParse(json);
  if (!top.success) throw new ConfigError(`INHOPE members file ${file}: must be an object {"members": [...]} (${issues(top.error)})`);
  return top.data.members.map((entry, i) => {
    const parsed = memberSchema.safeParse(entry);
    if (parsed.success) return parsed.data;
    const country = (entry as { country?: unknown } | null)?.country;
    const which = `entry ${i + 1}${typeof country === 'string' ? ` (${JSON.stringify(country)})` : ''}`;
    throw new ConfigError(`INHOPE members file ${file}: ${which}: ${issues(parsed.error)}`);
  });
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'value'} ${i.message}`).join('; ');
}
