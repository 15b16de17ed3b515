import { NotFoundError, recordAudit, type Db, type Queryable } from '@hotline/platform';

/**
 * Arachnid's automatic notices: a list of material already assessed elsewhere (an IWF or NCMEC list, say) may let an
 * exact SHA-256 match start the notice without a new analyst decision. Off for every list until an operator turns it
 * on; each change is audited.
 */
export async function setListAutoNotice(db: Db, list: string, on: boolean, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await tx.query<{ id: number; hash_type: string }>('UPDATE hash_lists SET auto_notice = $2 WHERE name = $1 RETURNING id, hash_type', [list, on]);
    const row = r.rows[0];
    if (!row) throw new NotFoundError(`There is no list ${list}.`);
    await recordAudit(tx, actor, on ? 'list.auto_notice_on' : 'list.auto_notice_off', list, { hashType: row.hash_type });
  });
}

/** The enabled lists whose exact matches act alone (by name). */
export async function autoNoticeLists(db: Queryable): Promise<Set<string>> {
  const r = await db.query<{ name: string }>(`SELECT name FROM hash_lists WHERE auto_notice AND enabled AND hash_type = 'sha256'`);
  return new Set(r.rows.map((x) => x.name));
}
