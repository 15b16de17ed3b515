import { ValidationError } from '../errors';
import type { Queryable } from '../db/db';
import { auditRowHash, normaliseDetails } from './audit-hash';

/**
 * Appends one entry to the audit log inside the caller's transaction, so the entry commits or rolls
 * back with the action it records. `actor` is who acted (an analyst id, `cli`, a service name),
 * `action` a dotted verb (`review.decided`), `subject` what it was done to (an id).
 *
 * Never put reporter identity (IP address, user agent, cookies, contact details) or reported
 * content in any of these fields: the log is kept for years and shown to auditors.
 *
 * Appends are serialised by `LOCK TABLE audit_log IN EXCLUSIVE MODE`, held until the caller's
 * commit: the next writer reads the last row only once the previous one has committed, so seq order
 * is commit order and the chain never forks. A table lock rather than an advisory one: it needs no
 * number that could collide with another lock (two advisory locks in this codebase already share
 * one), it also makes a hand-written INSERT wait its turn, and readers (the verifier) are not
 * blocked by it. The cost, one audited transaction at a time, is the point. The lock is taken
 * first, so in READ COMMITTED (the default) the last row read is the last one committed; under a
 * stale REPEATABLE READ snapshot the primary key refuses the duplicate seq instead of forking.
 */
export async function recordAudit(
  tx: Queryable,
  actor: string,
  action: string,
  subject: string,
  details: Record<string, unknown> = {},
  opts: { at?: Date } = {},
): Promise<{ seq: number }> {
  for (const [name, v] of [
    ['actor', actor],
    ['action', action],
    ['subject', subject],
  ] as const) {
    if (typeof v !== 'string' || v.trim() === '' || v.includes('\u0000')) throw new ValidationError(`audit ${name} must be a non-empty string`);
  }
  const clean = normaliseDetails(details);
  // Milliseconds: what a Date holds, so the written instant and the one read back are equal.
  const at = new Date(Math.floor((opts.at ?? new Date()).getTime()));
  await tx.query('LOCK TABLE audit_log IN EXCLUSIVE MODE');
  const last = (await tx.query<{ seq: string | number; hash: Uint8Array }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0];
  const seq = last ? Number(last.seq) + 1 : 1;
  const prevHash = last ? Buffer.from(last.hash) : null;
  const hash = auditRowHash({ seq, at, actor, action, subject, details: clean, prevHash });
  await tx.query('INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)', [
    seq,
    at,
    actor,
    action,
    subject,
    JSON.stringify(clean),
    prevHash,
    hash,
  ]);
  return { seq };
}

export type AuditVerdict =
  /** `head`: hex hash of the last row. Deleting rows at the end leaves a valid shorter chain; keep the head elsewhere to notice that. */
  | { ok: true; rows: number; head: string | null }
  /** `seq`: the first row at which the chain breaks. */
  | { ok: false; seq: number; problem: string };

const PAGE = 1000;

/** Walks the whole log in seq order (a page at a time) and names the first row that breaks the chain. */
export async function verifyAuditChain(db: Queryable): Promise<AuditVerdict> {
  let expected = 1;
  let prevHash: Buffer | null = null;
  for (;;) {
    const page = await db.query<{
      seq: string | number;
      at: string;
      actor: string;
      action: string;
      subject: string;
      details: unknown;
      prev_hash: Uint8Array | null;
      hash: Uint8Array;
    }>(
      `SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor, action, subject, details, prev_hash, hash
         FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT ${PAGE}`,
      [expected],
    );
    for (const row of page.rows) {
      const seq = Number(row.seq);
      if (seq !== expected) {
        const missing = seq - 1 === expected ? `seq ${expected} is missing` : `seq ${expected}–${seq - 1} are missing`;
        return { ok: false, seq, problem: `${missing} (deleted rows)` };
      }
      const linked = row.prev_hash === null ? prevHash === null : prevHash !== null && prevHash.equals(Buffer.from(row.prev_hash));
      if (!linked) return { ok: false, seq, problem: 'prev_hash does not link to the row before it (a row inserted, removed or reordered before this one)' };
      const hash = Buffer.from(row.hash);
      const recomputed = auditRowHash({ seq, at: row.at, actor: row.actor, action: row.action, subject: row.subject, details: row.details, prevHash });
      if (!recomputed.equals(hash)) return { ok: false, seq, problem: 'content modified (its hash does not match its fields)' };
      prevHash = hash;
      expected++;
    }
    if (page.rows.length < PAGE) return { ok: true, rows: expected - 1, head: prevHash ? prevHash.toString('hex') : null };
  }
}
