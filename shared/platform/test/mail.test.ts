import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createContext, createMailer, MailError, migrate, parseConfig, PgliteDb, startServices, type Mailer } from '@hotline/platform';
import { LogCapture, testConfig, testSettings } from '../../../test/support/pipeline';

/** A real SMTP server on 127.0.0.1 that keeps what it receives; recipients at refused.test get 550, at busy.test 451. */
async function startSmtp(): Promise<{
  url: string;
  connections: () => number;
  received: Array<{ envelopeTo: string[]; mail: ParsedMail; raw: Buffer }>;
  close(): Promise<void>;
}> {
  const received: Array<{ envelopeTo: string[]; mail: ParsedMail; raw: Buffer }> = [];
  let connections = 0;
  const server = new SMTPServer({
    onConnect(_session, cb) {
      connections++;
      cb();
    },
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      const reject = (code: number, text: string) => cb(Object.assign(new Error(text), { responseCode: code }));
      if (address.address.endsWith('@refused.test')) return reject(550, 'No such user here');
      if (address.address.endsWith('@busy.test')) return reject(451, 'Try again later');
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail, raw });
            cb();
          },
          (err: Error) => cb(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as net.AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, connections: () => connections, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A port on 127.0.0.1 where nothing listens. */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const ATTACHMENT = randomBytes(4096); // binary, every byte value likely: must arrive byte-equal

describe('mail seam over SMTP', () => {
  const logs = new LogCapture();
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  beforeEach(async () => {
    smtp = await startSmtp();
    mailer = createMailer(testConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Hotline <notices@hotline.test>', MAIL_REPLY_TO: 'desk@hotline.test' }), logs.logger);
  });
  afterEach(async () => {
    await mailer.close();
    await smtp.close();
  });

  it('item 7: a message sent through the seam arrives at the test SMTP server with its parts intact', async () => {
    const sent = await mailer.send({
      to: 'abuse@host.test',
      cc: ['legal@host.test'],
      subject: 'Notice: material at a URL you host — Kennisgeving ✓',
      text: 'Dear abuse desk,\nplease remove the material. Grüße, ÆØÅ, 你好 ✓\n',
      html: '<p>Dear abuse desk, <b>please remove</b> the material. Grüße ✓</p>',
      attachments: [{ filename: 'evidence.bin', content: ATTACHMENT, contentType: 'application/octet-stream' }],
      headers: { 'X-ARF': 'yes' },
    });
    expect(sent.messageId).toMatch(/^<.+@.+>$/);
    expect(smtp.received).toHaveLength(1);
    const { mail, envelopeTo } = smtp.received[0]!;
    expect(envelopeTo.sort()).toEqual(['abuse@host.test', 'legal@host.test']);
    expect(mail.messageId).toBe(sent.messageId);
    expect(mail.subject).toBe('Notice: material at a URL you host — Kennisgeving ✓');
    expect(mail.from?.value).toEqual([{ address: 'notices@hotline.test', name: 'Hotline' }]);
    expect(mail.replyTo?.value).toEqual([{ address: 'desk@hotline.test', name: '' }]);
    expect(mail.text).toBe('Dear abuse desk,\nplease remove the material. Grüße, ÆØÅ, 你好 ✓\n');
    expect(mail.html).toBe('<p>Dear abuse desk, <b>please remove</b> the material. Grüße ✓</p>');
    expect(mail.headers.get('x-arf')).toBe('yes');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe('evidence.bin');
    expect(mail.attachments[0]!.contentType).toBe('application/octet-stream');
    expect(Buffer.compare(mail.attachments[0]!.content, ATTACHMENT)).toBe(0);
  });

  it('item 7: a per-message Reply-To overrides MAIL_REPLY_TO', async () => {
    await mailer.send({ to: 'abuse@host.test', subject: 's', text: 't', replyTo: 'case-42@hotline.test' });
    expect(smtp.received[0]!.mail.replyTo?.value).toEqual([{ address: 'case-42@hotline.test', name: '' }]);
  });

  it('item 7: a recipient refused with 550 gives a permanent typed error, one refused with 451 a retriable one', async () => {
    const permanent = await mailer.send({ to: 'nobody@refused.test', subject: 's', text: 't' }).catch((e: unknown) => e);
    expect(permanent).toBeInstanceOf(MailError);
    expect(permanent).toMatchObject({ code: 'mail_refused', retriable: false, responseCode: 550 });
    const transient = await mailer.send({ to: 'someone@busy.test', subject: 's', text: 't' }).catch((e: unknown) => e);
    expect(transient).toBeInstanceOf(MailError);
    expect(transient).toMatchObject({ code: 'mail_deferred', retriable: true, responseCode: 451 });
    expect(smtp.received).toHaveLength(0);
  });

  it('item 7: a header that would inject another header is refused before anything is sent', async () => {
    await expect(mailer.send({ to: 'abuse@host.test', subject: 's', text: 't', headers: { 'X-ARF': 'yes\r\nBcc: someone@else.test' } })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(smtp.received).toHaveLength(0);
  });
});

describe('mail seam over SMTP with authentication, partial refusals and a silent server', () => {
  const logs = new LogCapture();

  it('item 7: credentials in SMTP_URL log in; a wrong password is a permanent error', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true, // plain auth without TLS: fine on 127.0.0.1 in a test only
      logger: false,
      onAuth(auth, _session, cb) {
        if (auth.username === 'hotline' && auth.password === 'p@ss word') return cb(null, { user: auth.username });
        cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onData(stream, session, cb) {
        stream.resume();
        stream.on('end', () => {
          received.push(String(session.user));
          cb();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.server.address() as net.AddressInfo;
    const cfg = testConfig({ SMTP_URL: `smtp://hotline@127.0.0.1:${port}`, MAIL_FROM: 'notices@hotline.test' });
    const good = createMailer(cfg, logs.logger, { smtpPassword: 'p@ss word' });
    const bad = createMailer(cfg, logs.logger, { smtpPassword: 'wrong' });
    try {
      await good.send({ to: 'abuse@host.test', subject: 's', text: 't' });
      expect(received).toEqual(['hotline']);
      const err = await bad.send({ to: 'abuse@host.test', subject: 's', text: 't' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'mail_refused', retriable: false, responseCode: 535 });
      expect((err as Error).message).not.toContain('wrong');
      expect(received).toHaveLength(1);
    } finally {
      await good.close();
      await bad.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('item 7: a message to one good and one refused recipient goes to the good one and reports the other', async () => {
    const smtp = await startSmtp();
    const mailer = createMailer(testConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'notices@hotline.test' }), logs.logger);
    try {
      const sent = await mailer.send({ to: ['abuse@host.test', 'nobody@refused.test'], subject: 's', text: 't' });
      expect(sent.rejected).toEqual(['nobody@refused.test']);
      expect(smtp.received.map((r) => r.envelopeTo)).toEqual([['abuse@host.test']]);
    } finally {
      await mailer.close();
      await smtp.close();
    }
  });

  it('item 7: a server that accepts the connection but never greets gives a retriable error instead of a hung send', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as net.AddressInfo;
    const mailer = createMailer(
      testConfig({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'notices@hotline.test', SMTP_CONNECT_TIMEOUT_MS: '500' }),
      logs.logger,
    );
    try {
      const err = await mailer.send({ to: 'abuse@host.test', subject: 's', text: 't' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'mail_deferred', retriable: true });
      expect(sockets).toHaveLength(1);
    } finally {
      await mailer.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});

describe('mail seam in the service context', () => {
  it('item 7: every service gets ctx.mailer, and one that never mails opens no SMTP connection', async () => {
    const smtp = await startSmtp();
    const logs = new LogCapture();
    const db = await PgliteDb.open();
    await migrate(db);
    const ctx = await createContext(testSettings({ SMTP_URL: smtp.url, MAIL_FROM: 'notices@hotline.test' }), { db, logger: logs.logger });
    const running = await startServices(ctx, []);
    expect(ctx.mailer.describe).toBe(`SMTP server ${smtp.url}`);
    expect(smtp.connections()).toBe(0);
    await ctx.mailer.send({ to: 'abuse@host.test', subject: 'first', text: 't' });
    expect(smtp.connections()).toBe(1);
    expect(smtp.received.map((r) => r.mail.subject)).toEqual(['first']);
    await running.stop();
    await smtp.close();
  });
});

describe('mail seam: an unreachable server', () => {
  it('item 7: gives a retriable typed error naming the server, not the password', async () => {
    const port = await deadPort();
    const logs = new LogCapture();
    const mailer = createMailer(
      testConfig({ SMTP_URL: `smtp://user@127.0.0.1:${port}`, MAIL_FROM: 'notices@hotline.test', SMTP_CONNECT_TIMEOUT_MS: '2000' }),
      logs.logger,
      { smtpPassword: 's3cret-pass' },
    );
    const err = await mailer.send({ to: 'abuse@host.test', subject: 's', text: 't' }).catch((e: unknown) => e);
    await mailer.close();
    expect(err).toBeInstanceOf(MailError);
    expect(err).toMatchObject({ code: 'mail_deferred', retriable: true });
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect((err as Error).message).not.toContain('s3cret');
  });
});

describe('mail seam: embedded default', () => {
  it('item 7: with no SMTP_URL the embedded default writes a parseable .eml (mode 0600) under DATA_DIR/mail and says where at start-up', async () => {
    const logs = new LogCapture();
    const cfg = testConfig({ MAIL_FROM: 'notices@hotline.test' });
    expect(cfg.embedded).toBe(true);
    const mailer = createMailer(cfg, logs.logger);
    const dir = path.join(cfg.dataDir, 'mail');
    expect(logs.lines.some((l) => l.includes(dir))).toBe(true);
    const sent = await mailer.send({
      to: 'abuse@host.test',
      subject: 'Kennisgeving ✓',
      text: 'UTF-8 body: Grüße ✓',
      html: '<p>html ✓</p>',
      attachments: [{ filename: 'evidence.bin', content: ATTACHMENT, contentType: 'application/octet-stream' }],
      headers: { 'X-ARF': 'yes' },
    });
    await mailer.close();
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{8}T\d{6}\.\d{3}Z-.+\.eml$/);
    const file = path.join(dir, files[0]!);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const raw = fs.readFileSync(file);
    expect(raw.includes('\r\n')).toBe(true); // RFC 5322 line ends
    const mail = await simpleParser(raw);
    expect(mail.messageId).toBe(sent.messageId);
    expect(mail.subject).toBe('Kennisgeving ✓');
    expect(mail.text).toBe('UTF-8 body: Grüße ✓');
    expect(mail.html).toBe('<p>html ✓</p>');
    expect(mail.headers.get('x-arf')).toBe('yes');
    expect(Buffer.compare(mail.attachments[0]!.content, ATTACHMENT)).toBe(0);
    fs.rmSync(cfg.dataDir, { recursive: true, force: true });
  });

  it('item 7: MAIL_FROM is required once SMTP_URL is set, and SMTP_URL must be smtp:// or smtps://', () => {
    expect(() => parseConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/MAIL_FROM/);
    expect(() => parseConfig({ SMTP_URL: 'http://127.0.0.1:2525', MAIL_FROM: 'a@b.test' })).toThrow(/SMTP_URL/);
    // Review: every process reads SMTP_URL, so a password in it would reach the fetcher and the hasher.
    expect(() => parseConfig({ SMTP_URL: 'smtps://notices:secret@relay.example:465', MAIL_FROM: 'a@b.test' })).toThrow(/SMTP_URL: must not hold a password/);
    expect(() => parseConfig({ SMTP_URL: 'smtps://notices:secret@relay.example:465', MAIL_FROM: 'a@b.test' })).not.toThrow(/secret@/);
    expect(parseConfig({ SMTP_URL: 'smtps://notices@relay.example:465', MAIL_FROM: 'a@b.test' }).SMTP_URL).toBe('smtps://notices@relay.example:465');
    expect(parseConfig({ SMTP_URL: 'smtps://mail.example.test:465', MAIL_FROM: 'Hotline <a@b.test>' }).SMTP_URL).toBe('smtps://mail.example.test:465');
  });
});
