import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  platform: 'telegram' | 'whatsapp' | 'viber' | 'signal';
  to: string;
  text: string;
}

/** What the next sends answer: a status (403 blocked, 429 with retry_after, 5xx), or delivered. */
export interface SendFailure {
  status: number;
  retryAfter?: number;
}

export const CHAT_SECRETS = {
  telegramSecret: 'tg-webhook-secret-for-tests',
  telegramToken: '123456:TEST-token',
  waVerify: 'wa-verify-token',
  waAppSecret: 'wa-app-secret-for-tests',
  waAccess: 'wa-access-token',
  waPhoneId: '1098765',
  viberToken: 'viber-auth-token-for-tests',
  signalSecret: 'signal-shared-secret',
  signalAccount: '+3200000000',
};

/**
 * Telegram, the WhatsApp Graph API, Viber and a signal-cli REST bridge, all on one 127.0.0.1 server: serves the
 * media a test puts in `media` (by file id / media id / attachment id) and records every message sent.
 */
export class FakeChatPlatforms {
  readonly media = new Map<string, Buffer>();
  readonly sent: SentMessage[] = [];
  failSends: SendFailure | undefined;
  url = '';
  private server!: http.Server;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks), res));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  env(): Record<string, string> {
    return {
      TELEGRAM_WEBHOOK_SECRET: CHAT_SECRETS.telegramSecret,
      TELEGRAM_BOT_TOKEN: CHAT_SECRETS.telegramToken,
      TELEGRAM_API_BASE: this.url,
      WHATSAPP_VERIFY_TOKEN: CHAT_SECRETS.waVerify,
      WHATSAPP_APP_SECRET: CHAT_SECRETS.waAppSecret,
      WHATSAPP_ACCESS_TOKEN: CHAT_SECRETS.waAccess,
      WHATSAPP_GRAPH_BASE: `${this.url}/graph`,
      WHATSAPP_PHONE_NUMBER_ID: CHAT_SECRETS.waPhoneId,
      VIBER_AUTH_TOKEN: CHAT_SECRETS.viberToken,
      VIBER_API_BASE: this.url,
      SIGNAL_WEBHOOK_SECRET: CHAT_SECRETS.signalSecret,
      SIGNAL_BRIDGE_URL: this.url,
      SIGNAL_ACCOUNT: CHAT_SECRETS.signalAccount,
      CHAT_MEDIA_GROUP_WINDOW_MS: '300',
    };
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  private handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): unknown {
    const url = new URL(req.url ?? '/', this.url);
    const json = (status: number, v: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(v));
    const bytes = (id: string) => {
      const b = this.media.get(id);
      if (!b) return json(404, { error: 'no such media' });
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(b);
    };
    const send = (m: SentMessage, ok: unknown) => {
      const f = this.failSends;
      if (!f) {
        this.sent.push(m);
        return json(200, ok);
      }
      if (m.platform === 'telegram')
        return json(f.status, {
          ok: false,
          error_code: f.status,
          description: 'refused',
          ...(f.retryAfter ? { parameters: { retry_after: f.retryAfter } } : {}),
        });
      res.writeHead(f.status, { 'content-type': 'application/json', ...(f.retryAfter ? { 'retry-after': String(f.retryAfter) } : {}) }).end('{}');
    };
    const tg = `/bot${CHAT_SECRETS.telegramToken}`;
    const p = url.pathname;
    if (p === `${tg}/getFile`) return json(200, { ok: true, result: { file_path: `photos/${url.searchParams.get('file_id')}` } });
    if (p.startsWith(`/file${tg}/photos/`)) return bytes(p.slice(`/file${tg}/photos/`.length));
    if (p === `${tg}/sendMessage`) {
      const b = JSON.parse(body.toString()) as { chat_id: string; text: string };
      return send({ platform: 'telegram', to: String(b.chat_id), text: b.text }, { ok: true, result: {} });
    }
    if (p.startsWith('/graph/') || p.startsWith('/wa-media/')) {
      if (req.headers.authorization !== `Bearer ${CHAT_SECRETS.waAccess}`) return json(401, { error: 'bearer' });
      if (p === `/graph/${CHAT_SECRETS.waPhoneId}/messages`) {
        const b = JSON.parse(body.toString()) as { to: string; text: { body: string } };
        return send({ platform: 'whatsapp', to: b.to, text: b.text.body }, { messages: [{ id: 'wamid.sent' }] });
      }
      if (p.startsWith('/wa-media/')) return bytes(p.slice('/wa-media/'.length));
      return json(200, { url: `${this.url}/wa-media/${p.slice('/graph/'.length)}`, mime_type: 'image/png' });
    }
    if (p.startsWith('/viber-media/')) return bytes(p.slice('/viber-media/'.length));
    if (p === '/pa/send_message') {
      const b = JSON.parse(body.toString()) as { receiver: string; text: string };
      return send({ platform: 'viber', to: b.receiver, text: b.text }, { status: 0, status_message: 'ok' });
    }
    if (p.startsWith('/v1/attachments/')) return bytes(p.slice('/v1/attachments/'.length));
    if (p === '/v2/send') {
      const b = JSON.parse(body.toString()) as { recipients: string[]; message: string };
      return send({ platform: 'signal', to: b.recipients[0]!, text: b.message }, { timestamp: 1 });
    }
    json(404, { error: `fake platform: no route ${p}` });
  }
}

/** Posts a webhook body as the platform would: signed/secret-bearing unless `headers` says otherwise. */
export async function deliver(
  base: string,
  platform: 'telegram' | 'whatsapp' | 'viber' | 'signal',
  payload: unknown,
  opts: { sign?: 'right' | 'wrong' | 'none' } = {},
): Promise<Response> {
  const body = JSON.stringify(payload);
  const sign = opts.sign ?? 'right';
  const hmac = (key: string) =>
    createHmac('sha256', sign === 'wrong' ? `${key}x` : key)
      .update(body)
      .digest('hex');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sign !== 'none') {
    if (platform === 'telegram') headers['x-telegram-bot-api-secret-token'] = sign === 'wrong' ? 'nope' : CHAT_SECRETS.telegramSecret;
    if (platform === 'whatsapp') headers['x-hub-signature-256'] = `sha256=${hmac(CHAT_SECRETS.waAppSecret)}`;
    if (platform === 'viber') headers['x-viber-content-signature'] = hmac(CHAT_SECRETS.viberToken);
    if (platform === 'signal') headers['x-signal-webhook-secret'] = sign === 'wrong' ? 'nope' : CHAT_SECRETS.signalSecret;
  }
  return fetch(`${base}/webhooks/${platform}`, { method: 'POST', headers, body });
}

/** The reporter this test plants, and the strings that must never appear outside the vault. */
export const PLANTED = {
  telegramChatId: 6061626364,
  userName: 'planted_reporter_q7',
  firstName: 'Plantfirstname',
  lastName: 'Plantlastname',
  phone: '31687654329',
  waName: 'Plantwhatsappname',
};
export const PLANTED_STRINGS = [String(PLANTED.telegramChatId), PLANTED.userName, PLANTED.firstName, PLANTED.lastName, PLANTED.phone, PLANTED.waName];

let nextId = 1000;
export function telegramPhoto(fileId: string, opts: { mediaGroupId?: string; caption?: string; captionEntities?: unknown[]; messageId?: number } = {}) {
  const messageId = opts.messageId ?? nextId++;
  return {
    update_id: messageId + 500000,
    message: {
      message_id: messageId,
      from: {
        id: PLANTED.telegramChatId,
        is_bot: false,
        first_name: PLANTED.firstName,
        last_name: PLANTED.lastName,
        username: PLANTED.userName,
        language_code: 'nl',
      },
      chat: { id: PLANTED.telegramChatId, type: 'private', first_name: PLANTED.firstName, username: PLANTED.userName },
      date: 1764480000,
      forward_origin: { type: 'user', date: 1764470000, sender_user: { id: 42, is_bot: false, first_name: 'Original' } },
      ...(opts.mediaGroupId ? { media_group_id: opts.mediaGroupId } : {}),
      photo: [
        { file_id: `${fileId}-small`, file_unique_id: 'a', width: 90, height: 90, file_size: 900 },
        { file_id: fileId, file_unique_id: 'b', width: 480, height: 360, file_size: 48000 },
      ],
      ...(opts.caption ? { caption: opts.caption, caption_entities: opts.captionEntities ?? [] } : {}),
    },
  };
}

/** A forwarded Telegram video (the bytes are whatever the test put under `fileId`). */
export function telegramVideo(fileId: string, messageId = nextId++) {
  const update = telegramPhoto(fileId, { messageId }) as { update_id: number; message: Record<string, unknown> };
  delete update.message.photo;
  update.message.video = { file_id: fileId, file_unique_id: 'v', width: 320, height: 240, duration: 3, mime_type: 'video/mp4', file_size: 50000 };
  return update;
}

export function whatsappBatch(messages: Array<{ id: string; image?: string; video?: string; text?: string }>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '3200000000', phone_number_id: CHAT_SECRETS.waPhoneId },
              contacts: [{ profile: { name: PLANTED.waName }, wa_id: PLANTED.phone }],
              messages: messages.map((m) => ({
                from: PLANTED.phone,
                id: m.id,
                timestamp: '1764480000',
                ...(m.image
                  ? { type: 'image', image: { id: m.image, mime_type: 'image/png', sha256: 'x' } }
                  : m.video
                    ? { type: 'video', video: { id: m.video, mime_type: 'video/mp4', sha256: 'x' } }
                    : { type: 'text', text: { body: m.text ?? '' } }),
              })),
            },
          },
        ],
      },
    ],
  };
}
