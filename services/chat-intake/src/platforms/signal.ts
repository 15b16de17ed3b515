import { ValidationError } from '@hotline/platform';
import { cleanUrls, urlsInText } from '../urls';
import type { ChatPlatform, InboundMessage, MediaRef, WebhookRequest } from './chat-platform';
import type { PlatformHttp } from './platform-http';
import { requireSecret } from './signature';

export interface SignalSettings {
  webhookSecret: string;
  bridgeUrl: string;
  account: string;
}

interface Envelope {
  source?: string;
  sourceNumber?: string;
  sourceUuid?: string;
  sourceName?: string;
  timestamp?: number;
  dataMessage?: { timestamp?: number; message?: string | null; attachments?: Array<{ id?: string; contentType?: string }> };
}

/**
 * Signal has no bot API: a signal-cli REST bridge on a private network holds the hotline's number, posts each
 * JSON-RPC `receive` notification here with the shared secret, serves attachments and sends replies.
 */
export class SignalPlatform implements ChatPlatform {
  readonly name = 'signal' as const;

  constructor(
    private readonly s: SignalSettings,
    private readonly http: PlatformHttp,
  ) {}

  verify(req: WebhookRequest): void {
    requireSecret(req.headers['x-signal-webhook-secret'], this.s.webhookSecret, 'X-Signal-Webhook-Secret');
  }

  parse(body: Buffer): InboundMessage[] {
    let rpc: unknown;
    try {
      rpc = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ValidationError('The Signal notification is not JSON.');
    }
    const calls = (Array.isArray(rpc) ? rpc : [rpc]) as Array<{ jsonrpc?: string; method?: string; params?: { envelope?: Envelope } }>;
    if (calls.some((c) => c?.jsonrpc !== '2.0')) throw new ValidationError('Not a JSON-RPC 2.0 notification.');
    const out: InboundMessage[] = [];
    for (const c of calls) {
      const e = c.method === 'receive' ? c.params?.envelope : undefined;
      const from = e?.sourceNumber ?? e?.sourceUuid ?? e?.source;
      const data = e?.dataMessage;
      if (!e || !from || !data) continue;
      // Pictures and videos (a video is hashed frame by frame like a reported one); the bytes are sniffed again.
      const mediaRefs: MediaRef[] = (data.attachments ?? []).filter((a) => a.id && /^(image|video)\//.test(a.contentType ?? '')).map((a) => ({ id: a.id! }));
      out.push({
        platform: 'signal',
        messageId: `${from}:${data.timestamp ?? e.timestamp ?? ''}`,
        chat: {
          platform: 'signal',
          chatId: from,
          ...(e.sourceNumber ? { phone: e.sourceNumber } : {}),
          ...(e.sourceName ? { names: e.sourceName } : {}),
        },
        mediaRefs,
        urls: cleanUrls(urlsInText(data.message ?? undefined)),
      });
    }
    return out;
  }

  async download(ref: MediaRef, signal: AbortSignal): Promise<Buffer> {
    return this.http.download(`${this.base()}/v1/attachments/${encodeURIComponent(ref.id)}`, {}, signal);
  }

  async send(chatId: string, text: string, signal: AbortSignal): Promise<void> {
    await this.http.send(
      `${this.base()}/v2/send`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: text, number: this.s.account, recipients: [chatId] }),
      },
      signal,
    );
  }

  private base(): string {
    return this.s.bridgeUrl.replace(/\/+$/, '');
  }
}
