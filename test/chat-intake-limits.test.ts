import { enqueueEvent, ManualClock, reportClosed } from '@hotline/platform';
import { deliver, FakeChatPlatforms, telegramPhoto } from './support/fake-chat-platforms';
import { syntheticPng, texturedPng } from './support/images';
import { getReport, inProcessTestBus, LogCapture, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';
import { createPgliteTestDb, type TestDb } from './support/test-db';

const MAX_BODY = 16 * 1024;
const MAX_MEDIA = 30_000;
const RETRY_BASE_MS = 60_000;

describe('issue 10: chat-intake size limits and undeliverable replies (embedded, every service)', () => {
  const logs = new LogCapture();
  const clock = new ManualClock('2026-11-30T08:00:00Z');
  let fake: FakeChatPlatforms;
  let testDb: TestDb;
  let pipeline: RunningPipeline;
  let base: string;
  let small: Buffer;
  let big: Buffer;

  beforeAll(async () => {
    fake = await new FakeChatPlatforms().start();
    small = await syntheticPng(64, 48, 21);
    big = await texturedPng(480, 360, 22);
    fake.media.set('tg-small', small);
    fake.media.set('tg-big', big);
    testDb = await createPgliteTestDb();
    pipeline = await startPipeline({
      db: testDb.db,
      bus: inProcessTestBus(logs.logger),
      logger: logs.logger,
      clock,
      env: {
        ...fake.env(),
        CHAT_MAX_BODY_BYTES: String(MAX_BODY),
        CHAT_MAX_MEDIA_BYTES: String(MAX_MEDIA),
        CHAT_NOTIFY_MAX_ATTEMPTS: '2',
        CHAT_NOTIFY_RETRY_BASE_MS: String(RETRY_BASE_MS),
      },
    });
    base = (pipeline.services.find((s) => s.name === 'chat-intake') as unknown as { url(): string }).url();
  });

  afterAll(async () => {
    await pipeline?.stop();
    await testDb?.drop();
    await fake?.close();
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await testDb.db.query<{ n: string }>(sql, params)).rows[0]!.n);

  it('a webhook body over CHAT_MAX_BODY_BYTES gets 413 payload_too_large, signed or not, and nothing is stored', async () => {
    const oversize = telegramPhoto('tg-small', { messageId: 1, caption: 'x'.repeat(MAX_BODY) });
    for (const sign of ['right', 'none'] as const) {
      const res = await deliver(base, 'telegram', oversize, { sign });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    }
    expect(await count('SELECT count(*) AS n FROM chat_deliveries')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM reporter_identities')).toBe(0);
    // Just under the limit is taken.
    const fits = telegramPhoto('tg-small', { messageId: 2, caption: 'x'.repeat(MAX_BODY - 2000) });
    expect(JSON.stringify(fits).length).toBeLessThan(MAX_BODY);
    expect((await deliver(base, 'telegram', fits)).status).toBe(200);
    await waitFor('its report', async () => (await count(`SELECT count(*) AS n FROM chat_reports`)) === 1);
  });

  it('an image over CHAT_MAX_MEDIA_BYTES is dropped with its reason; the rest of the album still reaches the analysts', async () => {
    expect(small.length).toBeLessThan(MAX_MEDIA);
    expect(big.length).toBeGreaterThan(MAX_MEDIA);
    const earlier = (await testDb.db.query<{ report_id: string }>('SELECT report_id FROM chat_reports')).rows.map((r) => r.report_id);
    await deliver(base, 'telegram', telegramPhoto('tg-big', { messageId: 10, mediaGroupId: 'album-cap' }));
    await deliver(base, 'telegram', telegramPhoto('tg-small', { messageId: 11, mediaGroupId: 'album-cap' }));
    clock.advance(400);
    pipeline.ctx.jobs.kick();
    const reportId = await waitFor(
      'the album report',
      async () =>
        (await testDb.db.query<{ report_id: string }>('SELECT report_id FROM chat_reports WHERE NOT (report_id = ANY($1::uuid[]))', [earlier])).rows[0]
          ?.report_id,
    );
    const contents = await testDb.db.query<{ byte_size: number }>('SELECT byte_size FROM contents WHERE report_id = $1', [reportId]);
    expect(contents.rows.map((c) => Number(c.byte_size))).toEqual([small.length]);
    const dropped = logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'forwarded media dropped');
    // Each message of the album has its own processing job; whichever takes the group reports the same reason.
    expect(dropped.length).toBeGreaterThan(0);
    for (const d of dropped) expect(d).toMatchObject({ platform: 'telegram', reason: `telegram media not taken: larger than ${MAX_MEDIA} bytes` });
    await waitFor('the report logged with what it dropped', async () =>
      logs.lines.some((l) => l.includes(reportId) && l.includes('"dropped":["media_refused"]')),
    );
    // The image that fitted goes the whole way: hashed and in the analysts' queue with its report.
    const item = await waitFor(
      'the review item of the image that fitted',
      async () => ((await getReport(pipeline.reviewUrl, reportId)).reviewItems as unknown[])[0],
    );
    expect(item).toMatchObject({ kind: 'content' });
  });

  async function closeReport(reportId: string) {
    await testDb.db.transaction((tx) =>
      enqueueEvent(tx, reportClosed, {
        reportId,
        closedAt: clock.now().toISOString(),
        outcome: { baseline: 0, national: 0, not_illegal: 1, not_reachable: 0 },
      }),
    );
    pipeline.ctx.relay.kick();
  }

  let nextMessage = 1;
  /** A Viber or Signal forward from a sender of its own; resolves once it is a report and acknowledged. */
  async function forward(platform: 'viber' | 'signal'): Promise<{ to: string; reportId: string; identityId: string }> {
    const n = nextMessage++;
    const media = `${platform}-fail-${n}`;
    fake.media.set(media, small);
    const to = platform === 'viber' ? `viber-fail-user-${n}` : `+3247100000${n}`;
    const payload =
      platform === 'viber'
        ? {
            event: 'message',
            timestamp: 1764480000000 + n,
            message_token: 5000 + n,
            sender: { id: to, name: 'V', language: 'en' },
            message: { type: 'picture', media: `${fake.url}/viber-media/${media}` },
          }
        : {
            jsonrpc: '2.0',
            method: 'receive',
            params: {
              envelope: {
                source: to,
                sourceNumber: to,
                timestamp: 1764480000000 + n,
                dataMessage: { timestamp: 1764480000000 + n, attachments: [{ id: media, contentType: 'image/png' }] },
              },
            },
          };
    expect((await deliver(base, platform, payload)).status).toBe(200);
    await waitFor('the acknowledgement', async () => fake.sent.some((m) => m.to === to));
    const link = (
      await testDb.db.query<{ report_id: string; identity_id: string }>(
        `SELECT report_id, identity_id FROM chat_reports WHERE platform = $1 ORDER BY report_id`,
        [platform],
      )
    ).rows;
    const mine = [];
    for (const l of link) if ((await count('SELECT count(*) AS n FROM reporter_identities WHERE id = $1', [l.identity_id])) === 1) mine.push(l);
    expect(mine).toHaveLength(1);
    return { to, reportId: mine[0]!.report_id, identityId: mine[0]!.identity_id };
  }

  const deletionOf = async (identityId: string) =>
    (await testDb.db.query<{ reason: string }>('SELECT reason FROM identity_deletions WHERE identity_id = $1', [identityId])).rows[0]?.reason;
  const retryJob = async (reportId: string) =>
    (await testDb.db.query<{ run_at: Date }>(`SELECT run_at FROM jobs WHERE name = 'chat-intake.notify' AND key = $1`, [`feedback:${reportId}:2`])).rows[0];

  it.each(['viber', 'signal'] as const)(
    '%s: feedback refused with 403 is tried again after the back-off, then given up on; the identity is destroyed then',
    async (platform) => {
      const { to, reportId, identityId } = await forward(platform);
      fake.failSends = { status: 403 };
      try {
        const start = clock.nowMs();
        await closeReport(reportId);
        const retry = await waitFor('the second attempt scheduled', () => retryJob(reportId));
        expect(retry.run_at.getTime()).toBe(start + RETRY_BASE_MS);
        expect(await count('SELECT count(*) AS n FROM reporter_identities WHERE id = $1', [identityId])).toBe(1);
        clock.advance(RETRY_BASE_MS);
        pipeline.ctx.jobs.kick();
        await waitFor('the identity destroyed after the last attempt', async () => (await deletionOf(identityId)) === 'feedback_undelivered');
        expect(await count('SELECT count(*) AS n FROM identity_index WHERE identity_id = $1', [identityId])).toBe(0);
        expect(fake.sent.filter((m) => m.to === to)).toHaveLength(1);
        expect(logs.lines.filter((l) => l.includes(reportId) && l.includes('giving up'))).toHaveLength(1);
      } finally {
        fake.failSends = undefined;
      }
    },
  );

  it.each(['viber', 'signal'] as const)(
    '%s: feedback answered 429 with Retry-After is tried again that much later, delivered, and the identity destroyed',
    async (platform) => {
      const { to, reportId, identityId } = await forward(platform);
      fake.failSends = { status: 429, retryAfter: 120 };
      const start = clock.nowMs();
      await closeReport(reportId);
      const retry = await waitFor('the second attempt scheduled', () => retryJob(reportId));
      fake.failSends = undefined;
      expect(retry.run_at.getTime()).toBe(start + 120_000);
      expect(await count('SELECT count(*) AS n FROM reporter_identities WHERE id = $1', [identityId])).toBe(1);
      clock.advance(120_000);
      pipeline.ctx.jobs.kick();
      await waitFor('the feedback delivered', async () => fake.sent.filter((m) => m.to === to).length === 2);
      expect(fake.sent.filter((m) => m.to === to)[1]!.text).toMatch(/no illegal material/i);
      await waitFor('the identity destroyed', async () => (await deletionOf(identityId)) === 'feedback_delivered');
    },
  );
});
