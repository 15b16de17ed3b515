import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/schema';
import { MailError } from '../errors';
import { FileMailer } from './file-mailer';
import type { Mailer } from './mailer';
import { SmtpMailer } from './smtp-mailer';

// Only the embedded default may fall back to files; its From is a placeholder nobody receives mail at.
const EMBEDDED_FROM = 'Hotline (embedded) <hotline@localhost>';

/**
 * SMTP_URL set → SMTP; otherwise the embedded default writes .eml files under DATA_DIR/mail (one
 * start-up line says where). On Kafka/PostgreSQL without SMTP_URL a send fails, not silently into a
 * file nobody reads. Cheap: nothing connects until the first send. The SMTP password is never in the
 * shared configuration: a service that sends mail declares it as its own secret and passes it here.
 */
export function createMailer(cfg: Config, logger: Logger, secrets: { smtpPassword?: string } = {}): Mailer {
  if (cfg.SMTP_URL) {
    return new SmtpMailer({
      url: cfg.SMTP_URL,
      password: secrets.smtpPassword,
      from: cfg.MAIL_FROM!,
      replyTo: cfg.MAIL_REPLY_TO,
      connectTimeoutMs: cfg.SMTP_CONNECT_TIMEOUT_MS,
      socketTimeoutMs: cfg.SMTP_SOCKET_TIMEOUT_MS,
    });
  }
  if (cfg.embedded) {
    const mailer = new FileMailer({ dir: path.join(cfg.dataDir, 'mail'), from: cfg.MAIL_FROM ?? EMBEDDED_FROM, replyTo: cfg.MAIL_REPLY_TO });
    logger.info({ component: 'mail' }, `mail is not sent: no SMTP_URL, so messages are written as ${mailer.describe}`);
    return mailer;
  }
  return {
    describe: 'no mail (SMTP_URL is not set)',
    send: async () => {
      throw new MailError('mail_not_configured', 'cannot send mail: SMTP_URL is not set');
    },
    close: async () => {},
  };
}
