import { createHmac, randomBytes } from 'node:crypto';
import { seal, unseal } from '@hotline/platform';
import { reporterIdentitySchema, type ChatPlatformName, type ReporterIdentity } from './identity';

/** A record sealed under its own random key, the key wrapped by the vault key; both bound to the record's id. */
export function sealIdentity(vaultKey: Buffer, id: string, identity: ReporterIdentity): { wrappedKey: Buffer; sealed: Buffer } {
  const recordKey = randomBytes(32);
  const sealed = seal(recordKey, Buffer.from(JSON.stringify(identity), 'utf8'), `identity:${id}`);
  const wrappedKey = seal(vaultKey, recordKey, `identity-key:${id}`);
  recordKey.fill(0);
  return { wrappedKey, sealed };
}

export function openIdentity(vaultKey: Buffer, id: string, row: { wrappedKey: Buffer; sealed: Buffer }): ReporterIdentity {
  const recordKey = unseal(vaultKey, row.wrappedKey, `identity-key:${id}`);
  try {
    return reporterIdentitySchema.parse(JSON.parse(unseal(recordKey, row.sealed, `identity:${id}`).toString('utf8')));
  } finally {
    recordKey.fill(0);
  }
}

/** The blind index entry of one identifier: without the index key it says nothing, with it only "same or not". */
export function blindIndex(indexKey: Buffer, platform: ChatPlatformName, kind: string, normalised: string): Buffer {
  return createHmac('sha256', indexKey).update(`index\u0000${platform}\u0000${kind}\u0000${normalised}`).digest();
}

/** The redelivery key of a platform message: keyed too, as a Telegram message id names its chat. */
export function deliveryDigest(indexKey: Buffer, platform: ChatPlatformName, messageId: string): Buffer {
  return createHmac('sha256', indexKey).update(`delivery\u0000${platform}\u0000${messageId}`).digest();
}
