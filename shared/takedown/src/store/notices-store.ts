import type { Queryable } from '@hotline/platform';
import type { CaseNotice, NoticeLevel } from './case-types';
import { iso, isoOrNull, type Ts } from './rows';

// The SQL of `takedown_notices` and `takedown_notice_items`.

export interface QueueNoticeInput {
  caseId: string;
  noticeNumber: number;
  level: NoticeLevel;
  contact: string;
  language: string | null;
  dueAt: Date;
}

/** Puts a case's Nth notice in line for its contact. Idempotent per (case, number). True when it was queued now. */
export async function queueNotice(tx: Queryable, n: QueueNoticeInput): Promise<boolean> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO takedown_notice_items (case_id, notice_number, level, contact, language, due_at, state)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending') ON CONFLICT (case_id, notice_number) DO NOTHING RETURNING id`,
    [n.caseId, n.noticeNumber, n.level, n.contact, n.language, n.dueAt],
  );
  return r.rows.length > 0;
}

/**
 * The highest notice number the case has used, cancelled ones included (the next notice is this + 1): numbers are
 * unique per case, so counting only live notices would reuse a cancelled one's number and the new notice would be
 * silently dropped.
 */
export async function noticeCount(db: Queryable, caseId: string): Promise<number> {
  const r = await db.query<{ n: number | null }>(`SELECT max(notice_number) AS n FROM takedown_notice_items WHERE case_id = $1`, [caseId]);
  return Number(r.rows[0]?.n ?? 0);
}

export async function hasPendingNotice(db: Queryable, caseId: string): Promise<boolean> {
  const r = await db.query(`SELECT 1 FROM takedown_notice_items WHERE case_id = $1 AND state IN ('pending', 'sending') LIMIT 1`, [caseId]);
  return r.rows.length > 0;
}

export async function cancelPendingNotices(tx: Queryable, caseId: string): Promise<number> {
  const r = await tx.query<{ id: string }>(`UPDATE takedown_notice_items SET state = 'cancelled' WHERE case_id = $1 AND state = 'pending' RETURNING id`, [
    caseId,
  ]);
  return r.rows.length;
}

/** Contacts with at least one URL due at `now`. */
export async function dueContacts(db: Queryable, now: Date, limit: number): Promise<string[]> {
  const r = await db.query<{ contact: string }>(
    `SELECT contact FROM takedown_notice_items WHERE state = 'pending' AND due_at <= $1 GROUP BY contact ORDER BY min(due_at) LIMIT $2`,
    [now, limit],
  );
  return r.rows.map((x) => x.contact);
}

export interface DueItem {
  id: string;
  caseId: string;
  noticeNumber: number;
  level: NoticeLevel;
  language: string | null;
}

/**
 * The contact's waiting items, locked (two senders never put one URL in two mails) — all of them once one is due: every
 * URL waiting for an address goes in the mail that is due first (SCARt), not in a second one minutes later. The due
 * ones first, so a capped mail never leaves a due URL behind.
 */
export async function lockDueItems(tx: Queryable, contact: string, now: Date, limit: number): Promise<DueItem[]> {
  const r = await tx.query<{ id: string; case_id: string; notice_number: number; level: NoticeLevel; language: string | null }>(
    `SELECT id::text, case_id, notice_number, level, language FROM takedown_notice_items i
      WHERE contact = $1 AND state = 'pending'
        AND EXISTS (SELECT 1 FROM takedown_notice_items d WHERE d.contact = $1 AND d.state = 'pending' AND d.due_at <= $2)
      ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED`,
    [contact, now, limit],
  );
  return r.rows.map((x) => ({ id: x.id, caseId: x.case_id, noticeNumber: x.notice_number, level: x.level, language: x.language }));
}

export async function cancelNoticeItem(tx: Queryable, id: string): Promise<void> {
  await tx.query(`UPDATE takedown_notice_items SET state = 'cancelled' WHERE id = $1`, [id]);
}

/** The notice row, committed as `sending` before the mail goes out, with the items it carries. */
export async function createNotice(
  tx: Queryable,
  n: { id: string; contact: string; level: NoticeLevel; language: string | null; itemIds: string[]; now: Date },
): Promise<void> {
  await tx.query(`INSERT INTO takedown_notices (id, contact, level, language, state, created_at) VALUES ($1, $2, $3, $4, 'sending', $5)`, [
    n.id,
    n.contact,
    n.level,
    n.language,
    n.now,
  ]);
  await tx.query(`UPDATE takedown_notice_items SET state = 'sending', notice_id = $1 WHERE id = ANY($2::bigint[])`, [n.id, n.itemIds]);
}

export interface NoticeHead {
  id: string;
  contact: string;
  level: NoticeLevel;
  language: string | null;
  state: 'sending' | 'sent' | 'failed';
  attempts: number;
  createdAt: string;
}

/** Notices whose mail may or may not have left when their sender stopped: they go out again, the same. */
export async function sendingNotices(db: Queryable, limit: number): Promise<NoticeHead[]> {
  const r = await db.query<{ id: string; contact: string; level: NoticeLevel; language: string | null; state: 'sending'; attempts: number; created_at: Ts }>(
    `SELECT id, contact, level, language, state, attempts, created_at FROM takedown_notices WHERE state = 'sending' ORDER BY created_at LIMIT $1`,
    [limit],
  );
  return r.rows.map((x) => ({
    id: x.id,
    contact: x.contact,
    level: x.level,
    language: x.language,
    state: x.state,
    attempts: x.attempts,
    createdAt: iso(x.created_at),
  }));
}

/** A notice still `sending` (null when it was sent or failed meanwhile). */
export async function sendingNotice(db: Queryable, id: string): Promise<NoticeHead | null> {
  const r = await db.query<{ id: string; contact: string; level: NoticeLevel; language: string | null; state: 'sending'; attempts: number; created_at: Ts }>(
    `SELECT id, contact, level, language, state, attempts, created_at FROM takedown_notices WHERE id = $1 AND state = 'sending'`,
    [id],
  );
  const x = r.rows[0];
  return x ? { id: x.id, contact: x.contact, level: x.level, language: x.language, state: x.state, attempts: x.attempts, createdAt: iso(x.created_at) } : null;
}

/** Locks a notice still `sending` (null when another sender finished it). */
export async function lockSendingNotice(tx: Queryable, id: string): Promise<NoticeHead | null> {
  const r = await tx.query<{ id: string; contact: string; level: NoticeLevel; language: string | null; state: 'sending'; attempts: number; created_at: Ts }>(
    `SELECT id, contact, level, language, state, attempts, created_at FROM takedown_notices WHERE id = $1 AND state = 'sending' FOR UPDATE SKIP LOCKED`,
    [id],
  );
  const x = r.rows[0];
  return x ? { id: x.id, contact: x.contact, level: x.level, language: x.language, state: x.state, attempts: x.attempts, createdAt: iso(x.created_at) } : null;
}

export async function noticeItemsOf(db: Queryable, noticeId: string): Promise<Array<{ id: string; caseId: string; noticeNumber: number }>> {
  const r = await db.query<{ id: string; case_id: string; notice_number: number }>(
    'SELECT id::text, case_id, notice_number FROM takedown_notice_items WHERE notice_id = $1 ORDER BY id',
    [noticeId],
  );
  return r.rows.map((x) => ({ id: x.id, caseId: x.case_id, noticeNumber: x.notice_number }));
}

export async function markNoticeSent(tx: Queryable, id: string, messageId: string, rejected: string[], now: Date): Promise<void> {
  await tx.query(
    `UPDATE takedown_notices SET state = 'sent', message_id = $2, rejected = $3, sent_at = $4, attempts = attempts + 1, error = NULL WHERE id = $1`,
    [id, messageId, JSON.stringify(rejected), now],
  );
  await tx.query(`UPDATE takedown_notice_items SET state = 'sent' WHERE notice_id = $1`, [id]);
}

export async function recordNoticeAttempt(tx: Queryable, id: string, error: string): Promise<void> {
  await tx.query('UPDATE takedown_notices SET attempts = attempts + 1, error = $2 WHERE id = $1', [id, error]);
}

/** Given up (the server refused it for good, or kept deferring it): its items are cancelled; the caller sends the cases to an analyst. */
export async function markNoticeFailed(tx: Queryable, id: string, error: string): Promise<void> {
  await tx.query(`UPDATE takedown_notices SET state = 'failed', error = $2, attempts = attempts + 1 WHERE id = $1`, [id, error]);
  await tx.query(`UPDATE takedown_notice_items SET state = 'cancelled' WHERE notice_id = $1`, [id]);
}

export async function caseNotices(db: Queryable, caseId: string): Promise<CaseNotice[]> {
  const r = await db.query<{
    notice_id: string | null;
    notice_number: number;
    level: NoticeLevel;
    contact: string;
    due_at: Ts;
    state: CaseNotice['state'];
    sent_at: Ts | null;
    message_id: string | null;
  }>(
    `SELECT i.notice_id, i.notice_number, i.level, i.contact, i.due_at, i.state, n.sent_at, n.message_id
       FROM takedown_notice_items i LEFT JOIN takedown_notices n ON n.id = i.notice_id WHERE i.case_id = $1 ORDER BY i.notice_number`,
    [caseId],
  );
  return r.rows.map((x) => ({
    noticeId: x.notice_id,
    noticeNumber: x.notice_number,
    level: x.level,
    contact: x.contact,
    dueAt: iso(x.due_at),
    state: x.state,
    sentAt: isoOrNull(x.sent_at),
    messageId: x.message_id,
  }));
}
