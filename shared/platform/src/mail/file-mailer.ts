import fs from 'node:fs/promises';
import path from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import { toMailOptions, type Mailer, type MailMessage, type SentMail } from './mailer';

/**
 * The embedded default: every message is written, exactly as SMTP would carry it (RFC 5322, CRLF
 * line ends, built by nodemailer's stream transport), as `<time>-<message id>.eml` of mode 0600 in
 * one directory, so a newcomer can open what the pipeline would have sent in any mail program.
 */
export class FileMailer implements Mailer {
  readonly describe: string;
  private readonly transport: Transporter;

  constructor(private readonly opts: { dir: string; from: string; replyTo?: string; now?: () => Date }) {
    this.describe = `.eml files in ${opts.dir}`;
    this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  async send(message: MailMessage): Promise<SentMail> {
    const info = (await this.transport.sendMail(toMailOptions(message, { from: this.opts.from, replyTo: this.opts.replyTo }))) as {
      messageId: string;
      message: Buffer;
    };
    await fs.mkdir(this.opts.dir, { recursive: true, mode: 0o700 });
    const stamp = (this.opts.now?.() ?? new Date()).toISOString().replace(/[-:]/g, '');
    const id = info.messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._@-]/g, '_');
    await fs.writeFile(path.join(this.opts.dir, `${stamp}-${id}.eml`), info.message, { mode: 0o600, flag: 'wx' });
    return { messageId: info.messageId, rejected: [] };
  }

  async close(): Promise<void> {}
}
