import { newId, type Queryable } from '@hotline/platform';
import { indexedIdentifiers, normaliseIdentifier, type ChatPlatformName, type ReporterIdentity } from './identity';
import { blindIndex, openIdentity, sealIdentity } from './vault-crypto';
import type { VaultKeys } from './vault-keys';

// The SQL of `reporter_identities`, `identity_index` and `identity_deletions`. No other module reads them
// (identityRecords also reads chat intake's `chat_reports` link, which names identities by their opaque id only).

export type DeletionReason = 'feedback_delivered' | 'feedback_undelivered' | 'deadline' | 'merged' | 'nothing_reportable' | 'subject_request';

/** Seals and stores an identity with its blind-index entries; returns its opaque id. */
export async function storeIdentity(tx: Queryable, keys: VaultKeys, identity: ReporterIdentity, at: Date): Promise<string> {
  const id = newId();
  const { wrappedKey, sealed } = sealIdentity(keys.identityVaultKey, id, identity);
  await tx.query('INSERT INTO reporter_identities (id, wrapped_key, sealed, created_at) VALUES ($1, $2, $3, $4)', [id, wrappedKey, sealed, at]);
  for (const { kind, value } of indexedIdentifiers(identity)) {
    await tx.query('INSERT INTO identity_index (digest, identity_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      blindIndex(keys.identityIndexKey, identity.platform, kind, value),
      id,
    ]);
  }
  return id;
}

/** The identity in clear, or undefined once destroyed. */
export async function readIdentity(q: Queryable, keys: VaultKeys, id: string): Promise<ReporterIdentity | undefined> {
  const r = await q.query<{ wrapped_key: Uint8Array; sealed: Uint8Array }>('SELECT wrapped_key, sealed FROM reporter_identities WHERE id = $1', [id]);
  const row = r.rows[0];
  return row && openIdentity(keys.identityVaultKey, id, { wrappedKey: Buffer.from(row.wrapped_key), sealed: Buffer.from(row.sealed) });
}

/**
 * Deletes the identity (its wrapped record key with it) and its index entries, and records the deletion by id
 * and reason only. Idempotent: false when it was already gone.
 */
export async function destroyIdentity(tx: Queryable, id: string, reason: DeletionReason, at: Date): Promise<boolean> {
  const r = await tx.query('DELETE FROM reporter_identities WHERE id = $1 RETURNING id', [id]);
  if (r.rows.length === 0) return false;
  await tx.query('INSERT INTO identity_deletions (identity_id, reason, deleted_at) VALUES ($1, $2, $3) ON CONFLICT (identity_id) DO NOTHING', [id, reason, at]);
  return true;
}

/** The ids of the identities a data-subject request names (a chat id, user name or phone number on a platform). */
export async function findIdentities(q: Queryable, keys: VaultKeys, platform: ChatPlatformName, identifier: string): Promise<string[]> {
  const digests = (['chat', 'user', 'phone'] as const)
    .map((kind) => ({ kind, value: normaliseIdentifier(kind, identifier) }))
    .filter((d) => d.value !== '')
    .map((d) => blindIndex(keys.identityIndexKey, platform, d.kind, d.value).toString('hex'));
  const r = await q.query<{ identity_id: string }>(
    `SELECT DISTINCT identity_id FROM identity_index WHERE digest IN (SELECT decode(h, 'hex') FROM unnest($1::text[]) AS h) ORDER BY identity_id`,
    [digests],
  );
  return r.rows.map((row) => row.identity_id);
}

// $1 received before. One condition for finding and destroying, so the retention dry run lists exactly what the run destroys.
const EXPIRED = 'created_at < $1';

/** Ids of the identities received before `before`, in a stable order (the retention rule's dry run and batches). */
export async function findExpiredIdentities(q: Queryable, before: Date, limit?: number): Promise<string[]> {
  const r = await q.query<{ id: string }>(`SELECT id FROM reporter_identities WHERE ${EXPIRED} ORDER BY id LIMIT $2`, [before, limit ?? null]);
  return r.rows.map((x) => x.id);
}

/**
 * Destroys those of `ids` still received before `before` (an id gone since, by its deadline job or feedback, is
 * left alone), recording each as a `deadline` deletion; returns how many it destroyed.
 */
export async function destroyExpiredIdentities(tx: Queryable, ids: string[], before: Date, at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await tx.query<{ id: string }>(`DELETE FROM reporter_identities WHERE id = ANY($2::uuid[]) AND ${EXPIRED} RETURNING id`, [before, ids]);
  const gone = r.rows.map((x) => x.id);
  await tx.query(
    `INSERT INTO identity_deletions (identity_id, reason, deleted_at) SELECT id, 'deadline', $2 FROM unnest($1::uuid[]) AS id ON CONFLICT (identity_id) DO NOTHING`,
    [gone, at],
  );
  return gone.length;
}

/** What a data-subject request may learn of its own records without opening them: when, and which reports. */
export interface IdentityRecord {
  identityId: string;
  createdAt: string;
  /** The reports made with this identity (chat intake's `chat_reports`; a report still being assembled has none yet). */
  reports: string[];
}

/** The records of `ids` still in the vault, in the order of `ids`. */
export async function identityRecords(q: Queryable, ids: string[]): Promise<IdentityRecord[]> {
  const r = await q.query<{ id: string; created_at: Date; reports: string[] }>(
    `SELECT i.id, i.created_at,
            COALESCE((SELECT array_agg(c.report_id::text ORDER BY c.report_id) FROM chat_reports c WHERE c.identity_id = i.id), '{}') AS reports
       FROM reporter_identities i WHERE i.id = ANY($1::uuid[])`,
    [ids],
  );
  const byId = new Map(r.rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ identityId: id, createdAt: new Date(row.created_at).toISOString(), reports: row.reports }] : [];
  });
}

export interface IdentityDeletion {
  identityId: string;
  reason: DeletionReason;
  deletedAt: string;
}

export async function findDeletion(q: Queryable, id: string): Promise<IdentityDeletion | undefined> {
  const r = await q.query<{ identity_id: string; reason: DeletionReason; deleted_at: Date }>(
    'SELECT identity_id, reason, deleted_at FROM identity_deletions WHERE identity_id = $1',
    [id],
  );
  const row = r.rows[0];
  return row && { identityId: row.identity_id, reason: row.reason, deletedAt: new Date(row.deleted_at).toISOString() };
}
