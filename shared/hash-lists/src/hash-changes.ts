import type { Queryable } from '@hotline/platform';

export type HashChangeRecord =
  | { kind: 'added'; listId: number; fromId: string; toId: string }
  | { kind: 'hash_disabled' | 'hash_enabled'; listId: number; hashId: string }
  | { kind: 'list_disabled' | 'list_enabled'; listId: number };

/**
 * The one writer of `hash_changes`. Running matchers read the log as "everything after the last
 * seq I applied", which holds only if seq order is commit order: a change numbered before another
 * but committed after it would be skipped for good (a disabled false positive matching on). So
 * writers take turns: the lock is held until commit, and the next writer draws its seq only then.
 * EXCLUSIVE mode still lets matchers read the log. Call it last in the transaction: writers wait
 * for other locks (an import's lock on known_hashes) before this one, never while holding it.
 */
export async function recordHashChange(tx: Queryable, c: HashChangeRecord): Promise<void> {
  await tx.exec('LOCK TABLE hash_changes IN EXCLUSIVE MODE');
  await tx.query('INSERT INTO hash_changes (kind, list_id, hash_id, from_id, to_id) VALUES ($1, $2, $3, $4, $5)', [
    c.kind,
    c.listId,
    'hashId' in c ? c.hashId : null,
    'fromId' in c ? c.fromId : null,
    'toId' in c ? c.toId : null,
  ]);
}
