import type { IncomingHttpHeaders } from 'node:http';
import type { ChatPlatformName, ReporterIdentity } from '@hotline/identity-vault';

/** Something to download later, in the platform's own terms (a Telegram file id, a WhatsApp media id, a URL). */
export interface MediaRef {
  id: string;
}

/**
 * One message as an adapter read it. `chat` is vault-only: it goes into the vault in the webhook's transaction
 * and nowhere else. `mediaRefs` and `urls` are what the reporter forwarded.
 */
export interface InboundMessage {
  platform: ChatPlatformName;
  /** Unique per platform (Telegram: chat id and message id); stored only as a keyed digest. */
  messageId: string;
  chat: ReporterIdentity;
  mediaRefs: MediaRef[];
  urls: string[];
  language?: string;
  /** Messages sharing it (a Telegram album) become one report. */
  mediaGroupId?: string;
}

export interface WebhookRequest {
  headers: IncomingHttpHeaders;
  query: Record<string, unknown>;
  rawBody: Buffer;
}

/**
 * The seam every chat platform sits behind. An adapter exists only when its settings are all present.
 * `verify` checks the delivery's signature or secret over the raw body, in constant time, and throws a
 * 401 when it fails; `parse` reads a verified body (a 400 for a body that is not the platform's JSON);
 * `download` fetches one media reference, capped; `send` delivers a text to a chat.
 */
export interface ChatPlatform {
  readonly name: ChatPlatformName;
  verify(req: WebhookRequest): void;
  parse(body: Buffer): InboundMessage[];
  download(ref: MediaRef, signal: AbortSignal): Promise<Buffer>;
  send(chatId: string, text: string, signal: AbortSignal): Promise<void>;
  /** A GET verification handshake (WhatsApp): the text to answer with, or a thrown 403. */
  handshake?(query: Record<string, unknown>): string;
}
