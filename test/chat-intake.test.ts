import { enqueueEvent, ManualClock, reportClosed, type ServiceFactory } from '@hotline/platform';
import { chatIntakeService } from '@hotline/chat-intake';
import type { AllServicesContext } from '@hotline/all-in-one';
import { CHAT_SECRETS, deliver, FakeChatPlatforms, PLANTED, telegramPhoto, telegramVideo, whatsappBatch } from './support/fake-chat-platforms';
import { syntheticVideo } from './support/videos';
import { syntheticPng } from './support/images';
import { inProcessTestBus, LogCapture, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';
import { createPgliteTestDb, type TestDb } from './support/test-db';

describe('issue 10: chat-intake webhooks, vault, acknowledgement, feedback and deadline (embedded)', () => {
  const logs = new LogCapture();
  const clock = new ManualClock('2026-11-30T08:00:00Z');
  let fake: FakeChatPlatforms;
  let testDb: TestDb;
  let pipeline: RunningPipeline;
  let base: string;
  let png: Buffer;

  beforeAll(async () => {
    fake = await new FakeChatPlatforms().start();
    png = await syntheticPng(64, 48, 7);
    for (const id of ['tg-1', 'tg-g1', 'tg-g2', 'tg-fb', 'tg-dl', 'wa-1', 'sg-1', 'viber-1']) fake.media.set(id, png);
    fake.media.set('tg-text', Buffer.from('not an image at all'));
    const video = await syntheticVideo('testsrc2=size=160x120:rate=10', 2);
    for (const id of ['tg-video', 'wa-video', 'viber-video', 'sg-video']) fake.media.set(id, video);
    testDb = await createPgliteTestDb();
    pipeline = await startPipeline({
      db: testDb.db,
      bus: inProcessTestBus(logs.logger),
      logger: logs.logger,
      clock,
      env: fake.env(),
      factories: [chatIntakeService.create as ServiceFactory<AllServicesContext>],
    });
    base = (pipeline.services.find((s) => s.name === 'chat-intake') as unknown as { url(): string }).url();
  });

  afterAll(async () => {
    await pipeline?.stop();
    await testDb?.drop();
    await fake?.close();
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await testDb.db.query<{ n: string }>(sql, params)).rows[0]!.n);
  const reportsOf = (source: string) => count('SELECT count(*) AS n FROM reports WHERE source = $1', [source]);
  const sentTo = (to: string) => fake.sent.filter((m) => m.to === to);

  it('telegram: a delivery with the right secret is stored, becomes a report with the largest photo, and is acknowledged in Dutch', async () => {
    const res = await deliver(base, 'telegram', telegramPhoto('tg-1', { messageId: 1 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, accepted: 1 });
    await waitFor('the telegram report', async () => (await reportsOf('telegram')) === 1);
    expect(await count(`SELECT count(*) AS n FROM contents c JOIN reports r ON r.id = c.report_id WHERE r.source = 'telegram' AND c.origin = 'upload'`)).toBe(
      1,
    );
    const ack = await waitFor('the acknowledgement', async () => sentTo(String(PLANTED.telegramChatId))[0]);
    expect(ack.text).toMatch(/verwijderen/);
    expect(await count('SELECT count(*) AS n FROM reporter_identities')).toBe(1);
  });

  it('telegram: unsigned and wrongly signed deliveries are refused with 401, a redelivery is ignored', async () => {
    for (const sign of ['none', 'wrong'] as const) {
      const res = await deliver(base, 'telegram', telegramPhoto('tg-1', { messageId: 2 }), { sign });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('webhook_unauthorized');
    }
    const again = await deliver(base, 'telegram', telegramPhoto('tg-1', { messageId: 1 }));
    expect(await again.json()).toMatchObject({ ok: true, accepted: 0, duplicates: 1 });
    expect(await reportsOf('telegram')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM reporter_identities')).toBe(1);
  });

  it('telegram: a media group becomes one report, and caption links are read by UTF-16 offsets', async () => {
    const caption = '🙈 see example.org/a and this';
    const entities = [
      { type: 'url', offset: 7, length: 13 },
      { type: 'text_link', offset: 25, length: 4, url: 'https://example.net/b' },
    ];
    expect(caption.slice(7, 20)).toBe('example.org/a');
    await deliver(base, 'telegram', telegramPhoto('tg-g1', { messageId: 10, mediaGroupId: 'album-1', caption, captionEntities: entities }));
    await deliver(base, 'telegram', telegramPhoto('tg-g2', { messageId: 11, mediaGroupId: 'album-1' }));
    clock.advance(400);
    await waitFor('the album report', async () => (await reportsOf('telegram')) === 2);
    const r = await testDb.db.query<{ id: string }>(`SELECT id FROM reports WHERE source = 'telegram' ORDER BY received_at DESC, id LIMIT 2`);
    const album = (
      await testDb.db.query<{ report_id: string; n: string }>(
        `SELECT report_id, count(*) AS n FROM contents WHERE report_id = ANY($1::uuid[]) GROUP BY report_id ORDER BY n DESC`,
        [r.rows.map((x) => x.id)],
      )
    ).rows[0]!;
    expect(Number(album.n)).toBe(2);
    const urls = await testDb.db.query<{ url: string }>('SELECT url FROM report_urls WHERE report_id = $1 ORDER BY url', [album.report_id]);
    expect(urls.rows.map((u) => u.url)).toEqual(['https://example.net/b', 'https://example.org/a']);
    // The second copy of the sender's identity was merged away, recorded without identity.
    expect(await count(`SELECT count(*) AS n FROM identity_deletions WHERE reason = 'merged'`)).toBe(1);
  });

  it('whatsapp: the verification handshake echoes the challenge for the right token only', async () => {
    const ok = await fetch(`${base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${CHAT_SECRETS.waVerify}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(`${base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444`);
    expect(bad.status).toBe(403);
  });

  it('whatsapp: a sender the platform describes oddly (a numeric from) is not sealed: the vault would not open it for the replies', async () => {
    const batch = whatsappBatch([{ id: 'wamid.ODD', text: 'see https://example.com/odd' }]) as any;
    batch.entry[0].changes[0].value.messages[0].from = 3161234567;
    const identities = await count('SELECT count(*) AS n FROM reporter_identities');
    const res = await deliver(base, 'whatsapp', batch);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 0, ignored: 1 });
    expect(await count('SELECT count(*) AS n FROM reporter_identities')).toBe(identities);
  });

  it('whatsapp: a signed batch of messages (an image, a text with a link) is taken; bad signatures are refused; a redelivery is ignored', async () => {
    const batch = whatsappBatch([
      { id: 'wamid.A1', image: 'wa-1' },
      { id: 'wamid.A2', text: 'look at https://example.com/x.' },
      { id: 'wamid.A3', text: 'hello' },
    ]);
    expect((await deliver(base, 'whatsapp', batch, { sign: 'none' })).status).toBe(401);
    expect((await deliver(base, 'whatsapp', batch, { sign: 'wrong' })).status).toBe(401);
    const res = await deliver(base, 'whatsapp', batch);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 2, ignored: 1 });
    await waitFor('two whatsapp reports', async () => (await reportsOf('whatsapp')) === 2);
    expect(
      await count(
        `SELECT count(*) AS n FROM report_urls u JOIN reports r ON r.id = u.report_id WHERE r.source = 'whatsapp' AND u.url = 'https://example.com/x'`,
      ),
    ).toBe(1);
    expect(await (await deliver(base, 'whatsapp', batch)).json()).toMatchObject({ accepted: 0, duplicates: 2 });
    await waitFor('two acknowledgements in English', async () => sentTo(PLANTED.phone).length === 2);
    expect(sentTo(PLANTED.phone)[0]!.text).toMatch(/delete the material/);
  });

  it('viber: a signed picture message is taken, a wrong signature refused, service events ignored', async () => {
    const cb = {
      event: 'message',
      timestamp: 1764480000000,
      message_token: 4912661846655238,
      sender: { id: 'viber-user-1', name: 'Vname', language: 'fr' },
      message: { type: 'picture', media: `${fake.url}/viber-media/viber-1` },
    };
    expect((await deliver(base, 'viber', cb, { sign: 'wrong' })).status).toBe(401);
    expect(await (await deliver(base, 'viber', cb)).json()).toMatchObject({ accepted: 1 });
    expect(await (await deliver(base, 'viber', { event: 'webhook', timestamp: 1 })).json()).toMatchObject({ accepted: 0 });
    await waitFor('the viber report', async () => (await reportsOf('viber')) === 1);
    expect((await waitFor('the French acknowledgement', async () => sentTo('viber-user-1')[0])).text).toMatch(/supprimer/);
  });

  it('signal: a bridge notification with the shared secret is taken, without it refused', async () => {
    const rpc = {
      jsonrpc: '2.0',
      method: 'receive',
      params: {
        envelope: {
          source: '+32470000001',
          sourceNumber: '+32470000001',
          sourceName: 'Sname',
          timestamp: 1764480000001,
          dataMessage: { timestamp: 1764480000001, message: null, attachments: [{ id: 'sg-1', contentType: 'image/png' }] },
        },
      },
    };
    expect((await deliver(base, 'signal', rpc, { sign: 'none' })).status).toBe(401);
    expect(await (await deliver(base, 'signal', rpc)).json()).toMatchObject({ accepted: 1 });
    await waitFor('the signal report', async () => (await reportsOf('signal')) === 1);
    await waitFor('the signal acknowledgement', async () => sentTo('+32470000001')[0]);
  });

  it('a verified body that is not the platform JSON is a 400, not a crash', async () => {
    const res = await fetch(`${base}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': CHAT_SECRETS.telegramSecret, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
  });

  async function closeReport(reportId: string, outcome = { baseline: 1, national: 0, not_illegal: 0, not_reachable: 0 }) {
    await testDb.db.transaction((tx) => enqueueEvent(tx, reportClosed, { reportId, closedAt: clock.now().toISOString(), outcome }));
    pipeline.ctx.relay.kick();
  }

  it('after report.closed the reporter gets feedback in general terms, then the identity and its index are gone, the deletion recorded', async () => {
    const before = fake.sent.length;
    await deliver(base, 'telegram', telegramPhoto('tg-fb', { messageId: 20 }));
    const reportId = await waitFor('the report', async () => {
      const r = await testDb.db.query<{ report_id: string; identity_id: string }>(
        `SELECT report_id, identity_id FROM chat_reports c JOIN reports r ON r.id = c.report_id WHERE r.source = 'telegram' ORDER BY r.received_at DESC LIMIT 1`,
      );
      return fake.sent.length > before && r.rows[0];
    });
    // Its redelivery digest is keyed over the chat id and message id: it must go with the identity.
    const deliveries = await count('SELECT count(*) AS n FROM chat_deliveries');
    await closeReport(reportId.report_id);
    await waitFor('the feedback', async () => fake.sent.some((m) => /illegaal materiaal/.test(m.text)));
    await waitFor(
      'the identity destroyed',
      async () => (await count('SELECT count(*) AS n FROM reporter_identities WHERE id = $1', [reportId.identity_id])) === 0,
    );
    expect(await count('SELECT count(*) AS n FROM identity_index WHERE identity_id = $1', [reportId.identity_id])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM chat_deliveries')).toBe(deliveries - 1);
    const del = await testDb.db.query<{ reason: string }>('SELECT reason FROM identity_deletions WHERE identity_id = $1', [reportId.identity_id]);
    expect(del.rows[0]?.reason).toBe('feedback_delivered');
  });

  it('the deadline destroys an identity whose feedback could not be delivered (429 with a long retry_after)', async () => {
    fake.failSends = { status: 429, retryAfter: 200_000 };
    await deliver(base, 'telegram', telegramPhoto('tg-dl', { messageId: 30 }));
    const link = await waitFor('the report', async () => {
      const r = await testDb.db.query<{ report_id: string; identity_id: string }>(
        `SELECT c.report_id, c.identity_id FROM chat_reports c JOIN reports r ON r.id = c.report_id JOIN contents ct ON ct.report_id = r.id
          WHERE r.source = 'telegram' AND NOT EXISTS (SELECT 1 FROM identity_deletions d WHERE d.identity_id = c.identity_id) ORDER BY r.received_at DESC LIMIT 1`,
      );
      return r.rows[0];
    });
    await closeReport(link.report_id, { baseline: 0, national: 0, not_illegal: 1, not_reachable: 0 });
    await waitFor(
      'a feedback retry scheduled',
      async () => (await count(`SELECT count(*) AS n FROM jobs WHERE key = $1`, [`feedback:${link.report_id}:2`])) === 1,
    );
    expect(await count('SELECT count(*) AS n FROM reporter_identities WHERE id = $1', [link.identity_id])).toBe(1);
    // A message of that reporter whose processing failed for good stays in the inbox, naming the identity and its links.
    await testDb.db.query(
      `INSERT INTO chat_inbox (id, platform, group_key, identity_id, payload, received_at) VALUES (gen_random_uuid(), 'telegram', 'stuck', $1, '{"mediaRefs":[],"urls":["https://example.com/stuck"]}', $2)`,
      [link.identity_id, clock.now()],
    );
    clock.advance(24 * 3_600_000 + 1000);
    pipeline.ctx.jobs.kick();
    await waitFor('the identity destroyed at its deadline', async () => (await count('SELECT count(*) AS n FROM reporter_identities')) === 0);
    const del = await testDb.db.query<{ reason: string }>('SELECT reason FROM identity_deletions WHERE identity_id = $1', [link.identity_id]);
    expect(del.rows[0]?.reason).toBe('deadline');
    expect(await count('SELECT count(*) AS n FROM chat_inbox WHERE identity_id = $1', [link.identity_id])).toBe(0);
    fake.failSends = undefined;
  });

  it('issue 12: telegram: a forwarded video becomes a report whose content is the video, for the hasher to sample', async () => {
    const before = await count(`SELECT count(*) AS n FROM contents WHERE mime = 'video/mp4' AND origin = 'upload'`);
    expect((await deliver(base, 'telegram', telegramVideo('tg-video'))).status).toBe(200);
    await waitFor(
      'the video content',
      async () => (await count(`SELECT count(*) AS n FROM contents WHERE mime = 'video/mp4' AND origin = 'upload'`)) === before + 1,
    );
  });

  it('issue 12: whatsapp, viber and signal: a forwarded video becomes a report whose content is the video', async () => {
    const videosOf = (source: string) =>
      count(`SELECT count(*) AS n FROM contents c JOIN reports r ON r.id = c.report_id WHERE c.mime = 'video/mp4' AND c.origin = 'upload' AND r.source = $1`, [
        source,
      ]);
    const before = { whatsapp: await videosOf('whatsapp'), viber: await videosOf('viber'), signal: await videosOf('signal') };
    expect(await (await deliver(base, 'whatsapp', whatsappBatch([{ id: 'wamid.V1', video: 'wa-video' }]))).json()).toMatchObject({ accepted: 1 });
    const viber = {
      event: 'message',
      timestamp: 1764480000500,
      message_token: 4912661846655299,
      sender: { id: 'viber-user-2', name: 'Vname2', language: 'en' },
      message: { type: 'video', media: `${fake.url}/viber-media/viber-video`, size: 50000, duration: 2 },
    };
    expect(await (await deliver(base, 'viber', viber)).json()).toMatchObject({ accepted: 1 });
    const signal = {
      jsonrpc: '2.0',
      method: 'receive',
      params: {
        envelope: {
          source: '+32470000002',
          sourceNumber: '+32470000002',
          timestamp: 1764480000502,
          dataMessage: { timestamp: 1764480000502, message: null, attachments: [{ id: 'sg-video', contentType: 'video/mp4' }] },
        },
      },
    };
    expect(await (await deliver(base, 'signal', signal)).json()).toMatchObject({ accepted: 1 });
    for (const source of ['whatsapp', 'viber', 'signal'] as const) {
      await waitFor(`the ${source} video`, async () => (await videosOf(source)) === before[source] + 1);
    }
  });
});
