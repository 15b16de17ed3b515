import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileMailer, ValidationError } from '@hotline/platform';
import { simpleParser } from 'mailparser';
import { composeNoticeMail, validateXarf, XarfInvalidError, type NoticeMailInput } from '../src';
import { HOTLINE, noticeItem } from './fixtures';

const NOTICE_ID = '0b5f7c1e-8d4a-4c1e-a7f3-2c9d5e6f7a80';

function notice(over: Partial<NoticeMailInput> = {}): NoticeMailInput {
  return {
    noticeId: NOTICE_ID,
    to: 'abuse@hoster.example',
    level: 'provider',
    language: null,
    hotline: HOTLINE,
    items: [noticeItem(1), noticeItem(2, 3), noticeItem(3)],
    sentAt: '2025-01-23T09:00:00.000Z',
    ...over,
  };
}

describe('composeNoticeMail', () => {
  it('puts all URLs of one abuse address in one mail, with one valid X-ARF attachment per URL', () => {
    const mail = composeNoticeMail(notice());
    expect(mail.to).toBe('abuse@hoster.example');
    expect(mail.subject).toBe('[Test Hotline] Notice of child sexual abuse material — 3 URLs (repeat notice)');
    expect(mail.headers).toEqual({ 'X-ARF': 'yes', 'X-Hotline-Notice-Id': NOTICE_ID });
    expect(mail.replyTo).toBe(HOTLINE.email);
    expect(mail.attachments?.map((a) => [a.filename, a.contentType])).toEqual([
      ['xarf-1.json', 'application/json'],
      ['xarf-2.json', 'application/json'],
      ['xarf-3.json', 'application/json'],
    ]);
    for (const a of mail.attachments ?? []) expect(validateXarf(JSON.parse(String(a.content)))).toEqual({ ok: true });
    for (const n of [1, 2, 3]) expect(mail.text).toContain(`https://img.example.com/gallery/${n}.jpg`);
  });

  it('says which notice it is, and since when removal is requested', () => {
    const text = composeNoticeMail(notice()).text;
    expect(text).toContain('Notice no. 1 (first notice)');
    expect(text).toContain('Notice no. 3: repeat notice; removal requested since 2025-01-20');
    expect(text).toContain('illegal under the law of our country (Netherlands)');
    expect(text).toContain('within 24 hours');
    expect(text).toContain(`quoting notice ${NOTICE_ID}`);
    expect(composeNoticeMail(notice({ items: [noticeItem(1)] })).subject).toBe('[Test Hotline] Notice of child sexual abuse material — 1 URL');
  });

  it('adds the German text after the English one for a German-speaking provider', () => {
    const text = composeNoticeMail(notice({ language: 'de' })).text;
    const [english, german] = text.split('——— Deutsch ———');
    expect(english).toContain('Dear abuse team,');
    expect(english).toContain('Deutsche Fassung unten.');
    expect(german).toContain('Sehr geehrte Damen und Herren,');
    expect(german).toContain('strafbar nach dem Recht unseres Landes (Niederlande)');
    expect(german).toContain('spätestens innerhalb von 24 Stunden');
    expect(german).toContain('Hinweis Nr. 3: wiederholter Hinweis');
  });

  it.each([
    ['nl', 'Nederlands', 'Geacht abuse-team,'],
    ['fr-BE', 'Français', 'Madame, Monsieur,'],
  ])('writes %s too', (language, name, greeting) => {
    const text = composeNoticeMail(notice({ language })).text;
    expect(text).toContain(`——— ${name} ———`);
    expect(text).toContain(greeting);
  });

  it('stays in English for English and for languages it has no template for', () => {
    for (const language of ['en', 'ja', null]) expect(composeNoticeMail(notice({ language })).text).not.toContain('———');
  });

  it('tells the upstream network and the police that the provider did not act', () => {
    const upstream = composeNoticeMail(notice({ level: 'upstream', escalation: { providerNotices: 4, providerName: 'Hoster BV' } }));
    expect(upstream.subject).toContain('Escalated notice');
    expect(upstream.text).toContain('upstream network of the hosting provider (Hoster BV), which has not removed the material after 4 notices');
    const police = composeNoticeMail(notice({ level: 'police', language: 'nl', escalation: { providerNotices: 6, providerName: null } }));
    expect(police.text).toContain('Dear colleagues,');
    expect(police.text).toContain('because the hosting provider has not removed it after 6 notices');
    expect(police.text).toContain('na 6 meldingen niet heeft verwijderd');
    expect(() => composeNoticeMail(notice({ level: 'police' }))).toThrow(ValidationError);
  });

  it('refuses an invalid X-ARF part before building anything', () => {
    const bad = noticeItem(2);
    bad.xarf = { ...bad.xarf, hash_values: { sha256: 'short' } };
    expect(() => composeNoticeMail(notice({ items: [noticeItem(1), bad] }))).toThrow(XarfInvalidError);
  });

  it('refuses a line break in the address, and so does the mailer', async () => {
    expect(() => composeNoticeMail(notice({ to: 'abuse@hoster.example\r\nBcc: x@evil.example' }))).toThrow(ValidationError);
    const mailer = new FileMailer({ dir: path.join(os.tmpdir(), 'never-written'), from: 'notices@hotline.invalid' });
    const mail = composeNoticeMail(notice());
    await expect(mailer.send({ ...mail, to: 'abuse@hoster.example\nBcc: x@evil.example' })).rejects.toThrow(/line break/);
  });

  it('refuses an empty notice', () => {
    expect(() => composeNoticeMail(notice({ items: [] }))).toThrow(ValidationError);
  });

  it('travels as a real message: text, headers and three JSON parts, no image', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'takedown-mail-'));
    try {
      const mailer = new FileMailer({ dir, from: 'Test Hotline <notices@hotline.invalid>' });
      await mailer.send(composeNoticeMail(notice({ language: 'de' })));
      const [file] = await fs.readdir(dir);
      const parsed = await simpleParser(await fs.readFile(path.join(dir, file!)));
      expect(parsed.subject).toBe('[Test Hotline] Notice of child sexual abuse material — 3 URLs (repeat notice)');
      expect(parsed.headers.get('x-arf')).toBe('yes');
      expect(parsed.headers.get('x-hotline-notice-id')).toBe(NOTICE_ID);
      expect(parsed.text).toContain('Sehr geehrte Damen und Herren,');
      expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        ['xarf-1.json', 'application/json'],
        ['xarf-2.json', 'application/json'],
        ['xarf-3.json', 'application/json'],
      ]);
      for (const a of parsed.attachments) expect(validateXarf(JSON.parse(a.content.toString('utf8')))).toEqual({ ok: true });
      expect(parsed.attachments.some((a) => a.contentType.startsWith('image/'))).toBe(false);
      expect(parsed.html).toBe(false);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
