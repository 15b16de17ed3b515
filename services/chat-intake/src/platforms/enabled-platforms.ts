import { ConfigError } from '@hotline/platform';
import type { ChatPlatformName } from '@hotline/identity-vault';
import type { ChatIntakeConfig } from '../config';
import type { ChatPlatform } from './chat-platform';
import { PlatformHttp } from './platform-http';
import { SignalPlatform } from './signal';
import { TelegramPlatform } from './telegram';
import { ViberPlatform } from './viber';
import { WhatsAppPlatform } from './whatsapp';

/**
 * The adapters whose settings are all present. A platform with some of its settings and not others is a
 * mistake caught at start-up (naming the missing variables), not a silently disabled channel.
 */
export function enabledPlatforms(cfg: ChatIntakeConfig): Map<ChatPlatformName, ChatPlatform> {
  const http = (platform: string) => new PlatformHttp({ platform, timeoutMs: cfg.CHAT_PLATFORM_TIMEOUT_MS, maxMediaBytes: cfg.CHAT_MAX_MEDIA_BYTES });
  const out = new Map<ChatPlatformName, ChatPlatform>();
  const all = <K extends keyof ChatIntakeConfig>(keys: K[]): { [P in K]: NonNullable<ChatIntakeConfig[P]> } | undefined => {
    const missing = keys.filter((k) => cfg[k] === undefined);
    if (missing.length === keys.length) return undefined;
    if (missing.length > 0) throw new ConfigError(`${missing.join(', ')} must be set too (or none of ${keys.join(', ')})`);
    return Object.fromEntries(keys.map((k) => [k, cfg[k]])) as { [P in K]: NonNullable<ChatIntakeConfig[P]> };
  };
  const tg = all(['TELEGRAM_WEBHOOK_SECRET', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_API_BASE']);
  if (tg)
    out.set(
      'telegram',
      new TelegramPlatform({ webhookSecret: tg.TELEGRAM_WEBHOOK_SECRET, botToken: tg.TELEGRAM_BOT_TOKEN, apiBase: tg.TELEGRAM_API_BASE }, http('telegram')),
    );
  const wa = all(['WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_GRAPH_BASE', 'WHATSAPP_PHONE_NUMBER_ID']);
  if (wa)
    out.set(
      'whatsapp',
      new WhatsAppPlatform(
        {
          verifyToken: wa.WHATSAPP_VERIFY_TOKEN,
          appSecret: wa.WHATSAPP_APP_SECRET,
          accessToken: wa.WHATSAPP_ACCESS_TOKEN,
          graphBase: wa.WHATSAPP_GRAPH_BASE,
          phoneNumberId: wa.WHATSAPP_PHONE_NUMBER_ID,
        },
        http('whatsapp'),
      ),
    );
  const vb = all(['VIBER_AUTH_TOKEN', 'VIBER_API_BASE']);
  if (vb) out.set('viber', new ViberPlatform({ authToken: vb.VIBER_AUTH_TOKEN, apiBase: vb.VIBER_API_BASE, senderName: cfg.VIBER_SENDER_NAME }, http('viber')));
  const sg = all(['SIGNAL_WEBHOOK_SECRET', 'SIGNAL_BRIDGE_URL', 'SIGNAL_ACCOUNT']);
  if (sg)
    out.set(
      'signal',
      new SignalPlatform({ webhookSecret: sg.SIGNAL_WEBHOOK_SECRET, bridgeUrl: sg.SIGNAL_BRIDGE_URL, account: sg.SIGNAL_ACCOUNT }, http('signal')),
    );
  return out;
}
