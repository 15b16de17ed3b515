import type { Logger } from '@hotline/platform';
import type { ItemOutcome } from './record-fetch';

const MESSAGES = { fetched: 'url fetched', refused: 'url refused', failed: 'url failed', page: 'page fetched' } as const;

/**
 * One info line per recorded outcome, so operators can follow a report through the fetcher. Ids, state,
 * reason and sizes only: never the URL (it may identify the reporter's browsing) and never reporter data.
 */
export function logOutcome(logger: Logger, item: { id: string; reportId: string; parentId?: string }, outcome: ItemOutcome): void {
  const fields: Record<string, unknown> = { reportId: item.reportId, itemId: item.id, state: outcome.state };
  if (item.parentId) fields.parentId = item.parentId;
  if (outcome.state === 'fetched') Object.assign(fields, { mime: outcome.mime, bytes: outcome.bytes.length });
  // The stored reason may name the reported host (analysts need it); the log line must not.
  else if (outcome.state !== 'page') fields.reason = outcome.logReason ?? outcome.reason;
  logger.info(fields, MESSAGES[outcome.state]);
}

export function logPage(logger: Logger, item: { id: string; reportId: string }, linked: number, fetched: number): void {
  logger.info({ reportId: item.reportId, itemId: item.id, state: 'page', linked, fetched }, MESSAGES.page);
}
