import { z } from 'zod';

export const CHAT_PLATFORMS = ['telegram', 'whatsapp', 'viber', 'signal'] as const;
export type ChatPlatformName = (typeof CHAT_PLATFORMS)[number];

/**
 * Everything a platform tells us about who sent a report. It exists in clear only in memory, between the
 * webhook and the vault, and when a message is sent back; at rest it is sealed in `reporter_identities`.
 */
export const reporterIdentitySchema = z.object({
  platform: z.enum(CHAT_PLATFORMS),
  /** Where replies go: a Telegram chat id, a WhatsApp number, a Viber user id, a Signal number or UUID. */
  chatId: z.string().min(1),
  userName: z.string().optional(),
  names: z.string().optional(),
  phone: z.string().optional(),
  language: z.string().optional(),
});
export type ReporterIdentity = z.infer<typeof reporterIdentitySchema>;

/** The identifiers a data-subject request may name, normalised so `@Name`, `name` and `NAME` find the same rows. */
export function normaliseIdentifier(kind: 'chat' | 'user' | 'phone', value: string): string {
  const v = value.trim();
  if (kind === 'phone') return v.replace(/[^0-9]/g, '');
  if (kind === 'user') return v.replace(/^@/, '').toLowerCase();
  return v;
}

/** Every (kind, normalised value) of an identity that goes into the blind index. */
export function indexedIdentifiers(id: ReporterIdentity): Array<{ kind: 'chat' | 'user' | 'phone'; value: string }> {
  const out: Array<{ kind: 'chat' | 'user' | 'phone'; value: string }> = [{ kind: 'chat', value: normaliseIdentifier('chat', id.chatId) }];
  if (id.userName) out.push({ kind: 'user', value: normaliseIdentifier('user', id.userName) });
  if (id.phone && normaliseIdentifier('phone', id.phone)) out.push({ kind: 'phone', value: normaliseIdentifier('phone', id.phone) });
  return out;
}
