import { blankToUndefined, configFields, contentKeySecret, type ConfigOf, type SecretsOf, type ServiceContext } from '@hotline/platform';
import { identityVaultConfig, identityVaultSecrets } from '@hotline/identity-vault';
import { z } from 'zod';

const { port, positiveInt, int, optionalUrl } = configFields;
/** A platform credential: optional (its adapter is off without it), never logged. */
const credential = z.preprocess(blankToUndefined, z.string().trim().min(1).optional());

export const chatIntakeConfig = {
  CHAT_INTAKE_HOST: z.string().default('127.0.0.1'),
  CHAT_INTAKE_PORT: port.default(8082),
  /** A webhook body larger than this is refused (413) before it is verified. */
  CHAT_MAX_BODY_BYTES: positiveInt.default(1024 * 1024),
  /**
   * Per forwarded image or video (20 MB: what Telegram's Bot API lets a bot download); a larger one is dropped from the
   * report with its reason logged (the rest of the report stays).
   */
  CHAT_MAX_MEDIA_BYTES: positiveInt.default(20 * 1024 * 1024),
  /** Each call to a platform's API (file lookups, downloads, sending a message). */
  CHAT_PLATFORM_TIMEOUT_MS: positiveInt.default(30000),
  /** The messages of one Telegram media group arrive as separate updates: they are gathered this long into one report. */
  CHAT_MEDIA_GROUP_WINDOW_MS: int(0, 60000).default(3000),
  /** Attempts to deliver an acknowledgement or feedback (blocked bot, 429, 5xx) before giving up. */
  CHAT_NOTIFY_MAX_ATTEMPTS: int(1, 50).default(6),
  /** Back-off between attempts when the platform gave no retry_after: base × 2^(attempt − 1). */
  CHAT_NOTIFY_RETRY_BASE_MS: positiveInt.default(60000),
  /** IDENTITY_MAX_HOURS, shared with the retention rules' safety net. */
  ...identityVaultConfig,
  TELEGRAM_WEBHOOK_SECRET: credential,
  TELEGRAM_BOT_TOKEN: credential,
  TELEGRAM_API_BASE: optionalUrl,
  WHATSAPP_VERIFY_TOKEN: credential,
  WHATSAPP_APP_SECRET: credential,
  WHATSAPP_ACCESS_TOKEN: credential,
  WHATSAPP_GRAPH_BASE: optionalUrl,
  WHATSAPP_PHONE_NUMBER_ID: credential,
  VIBER_AUTH_TOKEN: credential,
  VIBER_API_BASE: optionalUrl,
  VIBER_SENDER_NAME: z.string().trim().min(1).max(28).default('Hotline'),
  SIGNAL_WEBHOOK_SECRET: credential,
  SIGNAL_BRIDGE_URL: optionalUrl,
  SIGNAL_ACCOUNT: credential,
};

export type ChatIntakeConfig = ConfigOf<typeof chatIntakeConfig>;

/**
 * The content key (forwarded images enter the content store) and the vault's two keys, which no other
 * service holds: only chat-intake can open an identity.
 */
export const chatIntakeSecrets = { contentKey: contentKeySecret, ...identityVaultSecrets };

export type ChatIntakeContext = ServiceContext<ChatIntakeConfig, SecretsOf<typeof chatIntakeSecrets>>;
