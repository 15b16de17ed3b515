import type { Queryable } from '@hotline/platform';
import type { ChatPlatformName } from '@hotline/identity-vault';
import type { MediaRef } from './platforms/chat-platform';

// The SQL of `chat_deliveries`, `chat_inbox` and `chat_reports`. None of them holds identity: deliveries are
// keyed digests, the inbox and the report links name an identity by its opaque vault id.

/** Ties a delivery's digest to the identity it brought, so destroying the identity deletes the digest too. */
export async function linkDelivery(tx: Queryable, digest: Buffer, identityId: string): Promise<void> {
  await tx.query('UPDATE chat_deliveries SET identity_id = $2 WHERE digest = $1', [digest, identityId]);
}

/** False when this delivery was seen before (a redelivery). */
export async function recordDelivery(tx: Queryable, digest: Buffer, platform: ChatPlatformName, at: Date): Promise<boolean> {
  const r = await tx.query('INSERT INTO chat_deliveries (digest, platform, received_at) VALUES ($1, $2, $3) ON CONFLICT (digest) DO NOTHING RETURNING digest', [
    digest,
    platform,
    at,
  ]);
  return r.rows.length > 0;
}

export interface InboxPayload {
  mediaRefs: MediaRef[];
  urls: string[];
}

export interface InboxRow {
  id: string;
  platform: ChatPlatformName;
  groupKey: string;
  identityId: string;
  payload: InboxPayload;
  receivedAt: string;
}

export async function insertInbox(tx: Queryable, row: InboxRow): Promise<void> {
  await tx.query('INSERT INTO chat_inbox (id, platform, group_key, identity_id, payload, received_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)', [
    row.id,
    row.platform,
    row.groupKey,
    row.identityId,
    JSON.stringify(row.payload),
    row.receivedAt,
  ]);
}

export async function listInbox(q: Queryable, groupKey: string): Promise<InboxRow[]> {
  const r = await q.query<{
    id: string;
    platform: ChatPlatformName;
    group_key: string;
    identity_id: string;
    payload: InboxPayload | string;
    received_at: Date;
  }>('SELECT id, platform, group_key, identity_id, payload, received_at FROM chat_inbox WHERE group_key = $1 ORDER BY received_at, id', [groupKey]);
  return r.rows.map((row) => ({
    id: row.id,
    platform: row.platform,
    groupKey: row.group_key,
    identityId: row.identity_id,
    payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as InboxPayload) : row.payload,
    receivedAt: new Date(row.received_at).toISOString(),
  }));
}

/** Takes the rows out of the inbox; returns how many were still there (fewer: another run took them). */
export async function takeInbox(tx: Queryable, ids: string[]): Promise<number> {
  const r = await tx.query('DELETE FROM chat_inbox WHERE id = ANY($1::uuid[]) RETURNING id', [ids]);
  return r.rows.length;
}

export async function insertChatReport(tx: Queryable, row: { reportId: string; platform: ChatPlatformName; identityId: string }): Promise<void> {
  await tx.query('INSERT INTO chat_reports (report_id, platform, identity_id) VALUES ($1, $2, $3)', [row.reportId, row.platform, row.identityId]);
}

export async function findChatReport(q: Queryable, reportId: string): Promise<{ platform: ChatPlatformName; identityId: string } | undefined> {
  const r = await q.query<{ platform: ChatPlatformName; identity_id: string }>('SELECT platform, identity_id FROM chat_reports WHERE report_id = $1', [
    reportId,
  ]);
  const row = r.rows[0];
  return row && { platform: row.platform, identityId: row.identity_id };
}

export async function markFeedbackGiven(tx: Queryable, reportId: string, at: Date): Promise<void> {
  await tx.query('UPDATE chat_reports SET feedback_at = $2 WHERE report_id = $1 AND feedback_at IS NULL', [reportId, at]);
}
