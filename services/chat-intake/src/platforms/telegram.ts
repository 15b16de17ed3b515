import { ValidationError } from '@hotline/platform';
import { MediaRefusedError } from '../errors';
import { cleanUrls } from '../urls';
import type { ChatPlatform, InboundMessage, MediaRef, WebhookRequest } from './chat-platform';
import type { PlatformHttp } from './platform-http';
import { requireSecret } from './signature';

export interface TelegramSettings {
  webhookSecret: string;
  botToken: string;
  apiBase: string;
}

interface Entity {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

interface TgMessage {
  message_id: number;
  from?: { id: number; username?: string; first_name?: string; last_name?: string; language_code?: string };
  chat: { id: number; username?: string; first_name?: string; last_name?: string };
  media_group_id?: string;
  text?: string;
  entities?: Entity[];
  caption?: string;
  caption_entities?: Entity[];
  photo?: Array<{ file_id: string; width: number; height: number; file_size?: number }>;
  document?: { file_id: string; mime_type?: string };
  video?: { file_id: string; mime_type?: string; file_size?: number };
  forward_origin?: { type: string; chat?: { username?: string }; message_id?: number };
  // Before Bot API 7.0; still sent by some clients and proxies.
  forward_from_chat?: { username?: string; type?: string };
  forward_from_message_id?: number;
}

/**
 * URLs of `url` entities are the text they cover, `text_link` entities carry theirs. Offsets and lengths
 * count UTF-16 code units, which is what JavaScript strings index by, so `slice` is exact (an emoji
 * before a link counts two).
 */
export function entityUrls(text: string | undefined, entities: Entity[] | undefined): string[] {
  if (!text || !entities) return [];
  return entities.flatMap((e) => (e.type === 'url' ? [text.slice(e.offset, e.offset + e.length)] : e.type === 'text_link' && e.url ? [e.url] : []));
}

/** A post forwarded from a public channel can be reported by its address (t.me/name/id). */
function channelPostUrl(m: TgMessage): string | undefined {
  const o = m.forward_origin;
  if (o?.type === 'channel' && o.chat?.username && o.message_id) return `https://t.me/${o.chat.username}/${o.message_id}`;
  if (m.forward_from_chat?.username && m.forward_from_message_id) return `https://t.me/${m.forward_from_chat.username}/${m.forward_from_message_id}`;
  return undefined;
}

function largestPhoto(photo: NonNullable<TgMessage['photo']>): MediaRef | undefined {
  const best = [...photo].sort((a, b) => (b.file_size ?? b.width * b.height) - (a.file_size ?? a.width * a.height))[0];
  return best && { id: best.file_id };
}

export class TelegramPlatform implements ChatPlatform {
  readonly name = 'telegram' as const;

  constructor(
    private readonly s: TelegramSettings,
    private readonly http: PlatformHttp,
  ) {}

  verify(req: WebhookRequest): void {
    requireSecret(req.headers['x-telegram-bot-api-secret-token'], this.s.webhookSecret, 'X-Telegram-Bot-Api-Secret-Token');
  }

  parse(body: Buffer): InboundMessage[] {
    let update: { update_id?: unknown; message?: TgMessage };
    try {
      update = JSON.parse(body.toString('utf8')) as typeof update;
    } catch {
      throw new ValidationError('The Telegram update is not JSON.');
    }
    if (typeof update?.update_id !== 'number') throw new ValidationError('The Telegram update has no update_id.');
    const m = update.message;
    // Edited messages, channel posts, callbacks: nothing a reporter forwards.
    if (!m || typeof m.message_id !== 'number' || typeof m.chat?.id !== 'number') return [];
    const mediaRefs: MediaRef[] = [];
    const photo = m.photo?.length ? largestPhoto(m.photo) : undefined;
    if (photo) mediaRefs.push(photo);
    if (m.document?.file_id && /^(image|video)\//.test(m.document.mime_type ?? '')) mediaRefs.push({ id: m.document.file_id });
    // A forwarded video: hashed frame by frame like a reported one (the bytes are sniffed again after download).
    if (m.video?.file_id) mediaRefs.push({ id: m.video.file_id });
    const post = channelPostUrl(m);
    const urls = cleanUrls([...entityUrls(m.text, m.entities), ...entityUrls(m.caption, m.caption_entities), ...(post ? [post] : [])]);
    const names = [m.from?.first_name, m.from?.last_name].filter(Boolean).join(' ');
    return [
      {
        platform: 'telegram',
        messageId: `${m.chat.id}:${m.message_id}`,
        chat: {
          platform: 'telegram',
          chatId: String(m.chat.id),
          ...(m.from?.username ? { userName: m.from.username } : {}),
          ...(names ? { names } : {}),
          ...(m.from?.language_code ? { language: m.from.language_code } : {}),
        },
        mediaRefs,
        urls,
        language: m.from?.language_code,
        mediaGroupId: m.media_group_id,
      },
    ];
  }

  async download(ref: MediaRef, signal: AbortSignal): Promise<Buffer> {
    const file = await this.http.lookup<{ ok?: boolean; result?: { file_path?: string } }>(
      `${this.bot()}/getFile?file_id=${encodeURIComponent(ref.id)}`,
      {},
      signal,
    );
    const path = file.result?.file_path;
    if (!file.ok || !path) throw new MediaRefusedError('telegram', 'no file path');
    return this.http.download(`${this.s.apiBase.replace(/\/+$/, '')}/file/bot${this.s.botToken}/${path}`, {}, signal);
  }

  async send(chatId: string, text: string, signal: AbortSignal): Promise<void> {
    await this.http.send(
      `${this.bot()}/sendMessage`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: chatId, text }) },
      signal,
      (body) => (body as { parameters?: { retry_after?: number } } | undefined)?.parameters?.retry_after,
    );
  }

  private bot(): string {
    return `${this.s.apiBase.replace(/\/+$/, '')}/bot${this.s.botToken}`;
  }
}
