import { createTransport, type Transporter } from 'nodemailer';
import { isInfrastructureError, MailError } from '../errors';
import { toMailOptions, type Mailer, type MailMessage, type SentMail } from './mailer';

export interface SmtpMailerOptions {
  /** `smtp://[user@]host:587` (STARTTLS when offered; `?requireTLS=true` insists) or `smtps://host:465` (TLS from the start). */
  url: string;
  /** With the URL's user name: the login, from the sending service's own secret. */
  password?: string;
  from: string;
  replyTo?: string;
  /** Connecting and the server's greeting, each. */
  connectTimeoutMs: number;
  /** Inactivity on an open connection. */
  socketTimeoutMs: number;
}

// Network trouble with no SMTP reply: the server may answer next time.
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS']);

/** nodemailer over SMTP. The transport is built on the first send, so a service that never mails opens nothing. */
export class SmtpMailer implements Mailer {
  readonly describe: string;
  private transport?: Transporter;
  private readonly server: string;

  constructor(private readonly opts: SmtpMailerOptions) {
    const u = new URL(opts.url);
    // host:port only: neither the user name nor the password reaches logs or errors.
    this.server = `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? '465' : '587')}`;
    this.describe = `SMTP server ${u.protocol}//${this.server}`;
  }

  async send(message: MailMessage): Promise<SentMail> {
    const options = toMailOptions(message, { from: this.opts.from, replyTo: this.opts.replyTo });
    this.transport ??= createTransport({
      ...connection(this.opts.url, this.opts.password),
      connectionTimeout: this.opts.connectTimeoutMs,
      greetingTimeout: this.opts.connectTimeoutMs,
      socketTimeout: this.opts.socketTimeoutMs,
      logger: false,
    });
    try {
      const info = await this.transport.sendMail(options);
      return { messageId: info.messageId, rejected: (info.rejected ?? []).map(String) };
    } catch (err) {
      throw this.classify(err);
    }
  }

  async close(): Promise<void> {
    this.transport?.close();
    this.transport = undefined;
  }

  private classify(err: unknown): MailError {
    const e = (err ?? {}) as { code?: string; responseCode?: number; response?: string; message?: string };
    const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
    const said = e.response ? `: ${e.response}` : e.code ? ` (${e.code})` : '';
    if (reply !== undefined && reply >= 400 && reply < 500)
      return new MailError('mail_deferred', `${this.describe} deferred the message${said}`, { responseCode: reply, cause: err });
    if (reply !== undefined && reply >= 500)
      return new MailError('mail_refused', `${this.describe} refused the message${said}`, { responseCode: reply, cause: err });
    if ((e.code && TRANSIENT_CODES.has(e.code)) || isInfrastructureError(err)) {
      return new MailError('mail_deferred', `${this.describe} is unreachable${e.code ? ` (${e.code})` : ''}`, { cause: err });
    }
    return new MailError('mail_refused', `sending through ${this.describe} failed${e.code ? ` (${e.code})` : ''}`, { cause: err });
  }
}

/** nodemailer reads the login from the URL and would drop a separate password: the user name moves into `auth`. */
function connection(url: string, password: string | undefined): { url: string; auth?: { user: string; pass: string } } {
  if (password === undefined) return { url };
  const u = new URL(url);
  const user = decodeURIComponent(u.username);
  u.username = '';
  return { url: u.href, auth: { user, pass: password } };
}
