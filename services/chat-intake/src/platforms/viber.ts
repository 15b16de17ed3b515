import { ValidationError } from '@hotline/platform';
import { ChatSendError, MediaRefusedError } from '../errors';
import { cleanUrls, urlsInText } from '../urls';
import type { ChatPlatform, InboundMessage, MediaRef, WebhookRequest } from './chat-platform';
import type { PlatformHttp } from './platform-http';
import { requireHmac } from './signature';

export interface ViberSettings {
  authToken: string;
  apiBase: string;
  senderName: string;
}

interface ViberCallback {
  event?: string;
  message_token?: number | string;
  sender?: { id?: string; name?: string; language?: string };
  message?: { type?: string; text?: string; media?: string };
}

/** Viber REST bot API: one callback per event; only `message` events carry reports. */
export class ViberPlatform implements ChatPlatform {
  readonly name = 'viber' as const;

  constructor(
    private readonly s: ViberSettings,
    private readonly http: PlatformHttp,
  ) {}

  verify(req: WebhookRequest): void {
    requireHmac(req.headers['x-viber-content-signature'], this.s.authToken, req.rawBody, 'X-Viber-Content-Signature');
  }

  parse(body: Buffer): InboundMessage[] {
    let cb: ViberCallback;
    try {
      cb = JSON.parse(body.toString('utf8')) as ViberCallback;
    } catch {
      throw new ValidationError('The Viber callback is not JSON.');
    }
    if (typeof cb?.event !== 'string') throw new ValidationError('The Viber callback has no event.');
    // webhook (set-up check), subscribed, delivered, seen, conversation_started…: nothing to report.
    if (cb.event !== 'message' || !cb.sender?.id || cb.message_token === undefined || !cb.message) return [];
    const m = cb.message;
    // A picture, or a video (hashed frame by frame like a reported one); the bytes are sniffed again after download.
    const mediaRefs: MediaRef[] = (m.type === 'picture' || m.type === 'video') && m.media ? [{ id: m.media }] : [];
    const urls = cleanUrls([...urlsInText(m.text), ...(m.type === 'url' && m.media ? [m.media] : [])]);
    return [
      {
        platform: 'viber',
        messageId: String(cb.message_token),
        chat: {
          platform: 'viber',
          chatId: cb.sender.id,
          ...(cb.sender.name ? { names: cb.sender.name } : {}),
          ...(cb.sender.language ? { language: cb.sender.language } : {}),
        },
        mediaRefs,
        urls,
        language: cb.sender.language,
      },
    ];
  }

  /** A picture or video message carries its own (short-lived) URL on Viber's media servers. */
  async download(ref: MediaRef, signal: AbortSignal): Promise<Buffer> {
    if (!/^https?:\/\//i.test(ref.id)) throw new MediaRefusedError('viber', 'not an http(s) media URL');
    return this.http.download(ref.id, {}, signal);
  }

  async send(chatId: string, text: string, signal: AbortSignal): Promise<void> {
    const body = (await this.http.send(
      `${this.s.apiBase.replace(/\/+$/, '')}/pa/send_message`,
      {
        method: 'POST',
        headers: { 'x-viber-auth-token': this.s.authToken, 'content-type': 'application/json' },
        body: JSON.stringify({ receiver: chatId, min_api_version: 1, sender: { name: this.s.senderName }, type: 'text', text }),
      },
      signal,
    )) as { status?: number } | undefined;
    // Viber answers 200 with a status: 0 is delivered; 6 (not subscribed) and the rest are refusals.
    if (body?.status !== 0) throw new ChatSendError('viber', 200);
  }
}
