import { ForbiddenError, ValidationError } from '@hotline/platform';
import { MediaRefusedError } from '../errors';
import { cleanUrls, urlsInText } from '../urls';
import type { ChatPlatform, InboundMessage, MediaRef, WebhookRequest } from './chat-platform';
import type { PlatformHttp } from './platform-http';
import { requireHmac, sameSecret } from './signature';

export interface WhatsAppSettings {
  verifyToken: string;
  appSecret: string;
  accessToken: string;
  graphBase: string;
  phoneNumberId: string;
}

interface WaMessage {
  from?: string;
  id?: string;
  type?: string;
  text?: { body?: string };
  image?: { id?: string; caption?: string };
  video?: { id?: string; caption?: string };
  document?: { id?: string; mime_type?: string; caption?: string };
}

interface WaValue {
  contacts?: Array<{ wa_id?: string; profile?: { name?: string } }>;
  messages?: WaMessage[];
}

/** WhatsApp Business Cloud API: one delivery may carry many messages (entries × changes × messages). */
export class WhatsAppPlatform implements ChatPlatform {
  readonly name = 'whatsapp' as const;

  constructor(
    private readonly s: WhatsAppSettings,
    private readonly http: PlatformHttp,
  ) {}

  verify(req: WebhookRequest): void {
    requireHmac(req.headers['x-hub-signature-256'], this.s.appSecret, req.rawBody, 'X-Hub-Signature-256', 'sha256=');
  }

  handshake(query: Record<string, unknown>): string {
    const token = query['hub.verify_token'];
    const challenge = query['hub.challenge'];
    if (query['hub.mode'] !== 'subscribe' || typeof challenge !== 'string' || !sameSecret(typeof token === 'string' ? token : undefined, this.s.verifyToken)) {
      throw new ForbiddenError('The verification token does not match.', 'webhook_unauthorized');
    }
    return challenge;
  }

  parse(body: Buffer): InboundMessage[] {
    let payload: { object?: string; entry?: Array<{ changes?: Array<{ field?: string; value?: WaValue }> }> };
    try {
      payload = JSON.parse(body.toString('utf8')) as typeof payload;
    } catch {
      throw new ValidationError('The WhatsApp notification is not JSON.');
    }
    if (payload?.object !== 'whatsapp_business_account' || !Array.isArray(payload.entry)) throw new ValidationError('Not a WhatsApp Business notification.');
    const out: InboundMessage[] = [];
    for (const change of payload.entry.flatMap((e) => e.changes ?? [])) {
      if (change.field !== 'messages' || !change.value) continue;
      const names = new Map((change.value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
      for (const m of change.value.messages ?? []) {
        if (!m.from || !m.id) continue;
        const mediaRefs: MediaRef[] = [];
        if (m.type === 'image' && m.image?.id) mediaRefs.push({ id: m.image.id });
        // A forwarded video: hashed frame by frame like a reported one (the bytes are sniffed again after download).
        if (m.type === 'video' && m.video?.id) mediaRefs.push({ id: m.video.id });
        if (m.type === 'document' && m.document?.id && /^(image|video)\//.test(m.document.mime_type ?? '')) mediaRefs.push({ id: m.document.id });
        const name = names.get(m.from);
        out.push({
          platform: 'whatsapp',
          messageId: m.id,
          chat: { platform: 'whatsapp', chatId: m.from, phone: m.from, ...(name ? { names: name } : {}) },
          mediaRefs,
          urls: cleanUrls([...urlsInText(m.text?.body), ...urlsInText(m.image?.caption), ...urlsInText(m.video?.caption), ...urlsInText(m.document?.caption)]),
        });
      }
    }
    return out;
  }

  async download(ref: MediaRef, signal: AbortSignal): Promise<Buffer> {
    const auth = { authorization: `Bearer ${this.s.accessToken}` };
    const media = await this.http.lookup<{ url?: string }>(`${this.graph()}/${encodeURIComponent(ref.id)}`, { headers: auth }, signal);
    if (!media.url) throw new MediaRefusedError('whatsapp', 'no media URL');
    return this.http.download(media.url, { headers: auth }, signal);
  }

  async send(chatId: string, text: string, signal: AbortSignal): Promise<void> {
    await this.http.send(
      `${this.graph()}/${encodeURIComponent(this.s.phoneNumberId)}/messages`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${this.s.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: chatId, type: 'text', text: { body: text } }),
      },
      signal,
    );
  }

  private graph(): string {
    return this.s.graphBase.replace(/\/+$/, '');
  }
}
