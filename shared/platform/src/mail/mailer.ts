import type Mail from 'nodemailer/lib/mailer';
import { ValidationError } from '../errors';

export interface MailAttachment {
  filename: string;
  content: Buffer | string;
  contentType: string;
}

export interface MailMessage {
  to: string | string[];
  cc?: string | string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** Extra headers, e.g. `X-ARF: yes`. */
  headers?: Record<string, string>;
  /** Overrides MAIL_REPLY_TO for this message (e.g. a per-case address). */
  replyTo?: string;
  /** A fixed Message-ID (`<id@domain>`): a message sent again after a crash is then recognisably the same one. */
  messageId?: string;
}

export interface SentMail {
  /** The Message-ID header, `<…@…>`. */
  messageId: string;
  /** Recipients the server refused while accepting others (the message went to the rest). */
  rejected: string[];
}

/**
 * The mail seam: SMTP (SMTP_URL) in production, `.eml` files under DATA_DIR/mail in the embedded
 * default. Failures are MailError: retriable (`mail_deferred`) or not (`mail_refused`).
 */
export interface Mailer {
  /** `smtp` or `file`, and where (host:port or the directory), for start-up lines; never credentials. */
  readonly describe: string;
  send(message: MailMessage): Promise<SentMail>;
  close(): Promise<void>;
}

const HEADER_NAME = /^[!-9;-~]+$/; // RFC 5322 field name: printable ASCII except ':'

/** Builds nodemailer's options, refusing what could smuggle a header or an address (CR/LF) into the message. */
export function toMailOptions(m: MailMessage, defaults: { from: string; replyTo?: string }): Mail.Options {
  const noBreak = (what: string, v: string) => {
    if (/[\r\n]/.test(v)) throw new ValidationError(`mail ${what} must not contain a line break`);
    return v;
  };
  const addresses = (what: string, v: string | string[] | undefined) =>
    v === undefined ? undefined : (Array.isArray(v) ? v : [v]).map((a) => noBreak(what, a));
  const to = addresses('to', m.to);
  if (!to || to.length === 0) throw new ValidationError('mail needs at least one recipient');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.headers ?? {})) {
    if (!HEADER_NAME.test(name)) throw new ValidationError(`mail header name ${JSON.stringify(name)} is not a valid field name`);
    headers[name] = noBreak(`header ${name}`, value);
  }
  const replyTo = m.replyTo ?? defaults.replyTo;
  return {
    from: defaults.from,
    to,
    cc: addresses('cc', m.cc),
    replyTo: replyTo === undefined ? undefined : noBreak('reply-to', replyTo),
    subject: noBreak('subject', m.subject),
    messageId: m.messageId === undefined ? undefined : noBreak('message id', m.messageId),
    text: m.text,
    html: m.html,
    headers,
    attachments: m.attachments?.map((a) => ({
      filename: noBreak('attachment filename', a.filename),
      content: a.content,
      contentType: noBreak('attachment type', a.contentType),
    })),
    // Never let an attachment or body be read from a file path or fetched from a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
