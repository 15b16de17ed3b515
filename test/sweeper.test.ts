import { randomUUID } from 'node:crypto';
import { ADVISORY_LOCKS, pendingOutboxCount, recordDeadLetter, replayDeadLetters, SWEEP_LOCK, Sweeper } from '@hotline/platform';
import { createPgliteTestDb, createPgTestDb, type TestDb } from './support/test-db';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { syntheticPng } from './support/images';
import { syntheticVideo } from './support/videos';
import { inProcessTestBus, LogCapture, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

/**
 * Items whose event was lost (an outage before the fix, a dead letter nobody replayed, a crash in
 * between) sit in a non-final state with nothing in the outbox. The sweeper re-sends their event.
 */
describe('the sweeper', () => {
  let t: TestDb;
  let site: HostingSite;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0]!.n;

  beforeAll(async () => {
    t = await createPgTestDb('sweeper');
    site = await startHostingSite({
      '/lost.png': { headers: { 'content-type': 'image/png' }, body: await syntheticPng(64, 48, 4242) },
      '/lost.mp4': { headers: { 'content-type': 'video/mp4' }, body: await syntheticVideo('testsrc2=size=160x120:rate=10', 3) },
    });
    pipeline = await startPipeline({
      db: t.db,
      bus: inProcessTestBus(logs.logger, t.db),
      logger: logs.logger,
      env: { FETCH_ALLOW_HOSTS: site.hostPort, SWEEP_INTERVAL_MS: '200', SWEEP_STUCK_AFTER_MS: '500' },
    });
  });
  afterAll(async () => {
    await pipeline?.stop();
    await site?.close();
    await t?.drop();
  });

  it('item 3: re-sends the event of an item stuck in each non-final state, and every one completes into the review queue', async () => {
    const reportId = randomUUID();
    const itemId = randomUUID();
    await t.db.query(`INSERT INTO reports (id, source) VALUES ($1, 'web')`, [reportId]);
    await t.db.query(`INSERT INTO report_urls (id, report_id, position, url, state, updated_at) VALUES ($1, $2, 0, $3, 'pending', now() - interval '1 hour')`, [
      itemId,
      reportId,
      `${site.url}/lost.png`,
    ]);
    expect(await count('SELECT count(*)::int AS n FROM outbox')).toBe(0);
    const queued = () => count('SELECT count(*)::int AS n FROM review_items WHERE report_id = $1', [reportId]);

    // report_urls pending → url.reported
    await waitFor('the lost report in the review queue', async () => (await queued()) === 1, 20000);
    expect(await count(`SELECT count(*)::int AS n FROM report_urls WHERE id = $1 AND state = 'fetched'`, [itemId])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM contents WHERE pdq_variants IS NOT NULL')).toBe(1);

    // match_runs without review_items → content.matched
    await t.db.query('DELETE FROM review_items');
    await waitFor('the review item back (content.matched re-sent)', async () => (await queued()) === 1, 20000);

    // hashed without match_runs → content.hashed (needs the stored PDQ variants)
    await t.db.query('DELETE FROM review_items');
    await t.db.query('DELETE FROM match_runs');
    await waitFor('the review item back (content.hashed re-sent)', async () => (await queued()) === 1, 20000);
    expect(await count('SELECT count(*)::int AS n FROM match_runs')).toBe(1);

    // stored → content.fetched
    await t.db.query('DELETE FROM review_items');
    await t.db.query('DELETE FROM match_runs');
    await t.db.query(`UPDATE contents SET state = 'stored', created_at = now() - interval '1 hour'`);
    await waitFor('the review item back (content.fetched re-sent)', async () => (await queued()) === 1, 20000);
    expect(await count(`SELECT count(*)::int AS n FROM contents WHERE state = 'hashed'`)).toBe(1);

    const resent = logs.lines.filter((l) => l.includes('re-sent events of stuck items'));
    expect(resent.length).toBeGreaterThanOrEqual(4);
    for (const key of ['urlReported', 'contentMatched', 'contentHashed', 'contentFetched']) {
      expect(resent.some((l) => JSON.parse(l)[key] === 1)).toBe(true);
    }

    // Hashed before migration 0003 (no stored variants): skipped and logged, not re-sent.
    await t.db.query('DELETE FROM review_items');
    await t.db.query('DELETE FROM match_runs');
    await t.db.query('UPDATE contents SET pdq_variants = NULL');
    await waitFor('the skip to be logged', async () => logs.lines.some((l) => l.includes('without stored PDQ variants')), 20000);
    expect(await count('SELECT count(*)::int AS n FROM match_runs')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM dead_letters')).toBe(0);
  });

  it('issue 12: re-sends video.hashed, frames and all, for a video hashed but never matched', async () => {
    const reportId = randomUUID();
    await t.db.query(`INSERT INTO reports (id, source) VALUES ($1, 'web')`, [reportId]);
    await t.db.query(`INSERT INTO report_urls (id, report_id, position, url, state, updated_at) VALUES ($1, $2, 0, $3, 'pending', now() - interval '1 hour')`, [
      randomUUID(),
      reportId,
      `${site.url}/lost.mp4`,
    ]);
    const queued = () => count('SELECT count(*)::int AS n FROM review_items i JOIN contents c ON c.id = i.content_id WHERE c.report_id = $1', [reportId]);
    await waitFor('the video in the review queue', async () => (await queued()) === 1, 30000);
    const video = (await t.db.query<{ id: string }>(`SELECT id FROM contents WHERE report_id = $1 AND mime = 'video/mp4'`, [reportId])).rows[0]!.id;
    expect(await count('SELECT count(*)::int AS n FROM content_frames WHERE content_id = $1', [video])).toBe(3);
    await t.db.query('DELETE FROM review_sources WHERE content_id = $1', [video]);
    await t.db.query('DELETE FROM review_items i WHERE i.content_id = $1', [video]);
    await t.db.query('DELETE FROM match_runs WHERE content_id = $1', [video]);
    await waitFor('the video back in the queue (video.hashed re-sent)', async () => (await queued()) === 1, 20000);
    expect(await count('SELECT count(*)::int AS n FROM match_runs WHERE content_id = $1', [video])).toBe(1);
    expect(logs.lines.some((l) => l.includes('re-sent events of stuck items') && JSON.parse(l).videoHashed === 1)).toBe(true);
  }, 60000);

  it('item 3: only one process sweeps at a time', async () => {
    const other = new Sweeper({ db: t.db, logger: logs.logger, intervalMs: 60000, stuckAfterMs: 600000, onResent: () => {} });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    const holder = t.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SWEEP_LOCK]);
      held();
      await released;
    });
    await holding;
    expect(await other.sweepOnce()).toBeUndefined();
    release();
    await holder;
    // Lock free again: this one sweeps (the pipeline's own sweeper has left nothing to re-send). That sweeper runs
    // every 200 ms and may hold the lock for a moment itself, so a few tries.
    expect(await waitFor('a sweep of our own', () => other.sweepOnce(), 5000, 20)).toMatchObject({ urlReported: 0, contentFetched: 0 });
  });
});

describe('review: the sweeper and list imports', () => {
  it('review: a sweep re-sends a stuck item while another transaction holds the list-import lock', async () => {
    const t = await createPgTestDb('sweeper_locks');
    const logs = new LogCapture();
    try {
      const reportId = randomUUID();
      await t.db.query(`INSERT INTO reports (id, source) VALUES ($1, 'web')`, [reportId]);
      await t.db.query(
        `INSERT INTO report_urls (id, report_id, position, url, updated_at) VALUES ($1, $2, 0, 'https://example.org/x', now() - interval '1 hour')`,
        [randomUUID(), reportId],
      );
      const sweeper = new Sweeper({ db: t.db, logger: logs.logger, intervalMs: 60000, stuckAfterMs: 600000, onResent: () => {} });
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let held!: () => void;
      const holding = new Promise<void>((r) => (held = r));
      const importer = t.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.listImport]);
        held();
        await released;
      });
      await holding;
      try {
        expect(await sweeper.sweepOnce()).toMatchObject({ urlReported: 1 });
      } finally {
        release();
        await importer;
      }
    } finally {
      await t.drop();
    }
  });

  it('review: every advisory lock number is distinct', () => {
    const numbers = Object.values(ADVISORY_LOCKS);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(SWEEP_LOCK).toBe(ADVISORY_LOCKS.sweep);
  });
});

describe('review: the sweeper and dead letters', () => {
  it('review: a dead-lettered stuck item is not re-sent; after dlq replay it flows once', async () => {
    const t = await createPgTestDb('sweeper_dlq');
    const logs = new LogCapture();
    try {
      const reportId = randomUUID();
      const itemId = randomUUID();
      await t.db.query(`INSERT INTO reports (id, source) VALUES ($1, 'web')`, [reportId]);
      await t.db.query(
        `INSERT INTO report_urls (id, report_id, position, url, updated_at) VALUES ($1, $2, 0, 'https://example.org/poison', now() - interval '1 hour')`,
        [itemId, reportId],
      );
      const envelope = (id: string) => ({
        id,
        type: 'url.reported',
        version: 1,
        occurredAt: new Date().toISOString(),
        data: { reportId, itemId, url: 'https://example.org/poison', source: 'web', receivedAt: new Date().toISOString() },
      });
      // Two copies dead-lettered already (e.g. the first send and one re-send before this fix).
      for (const id of [randomUUID(), randomUUID()]) {
        await recordDeadLetter(t.db, { topic: 'url.reported', group: 'fetcher', reason: 'handler bug', message: envelope(id), key: itemId });
      }
      const sweeper = new Sweeper({ db: t.db, logger: logs.logger, intervalMs: 60000, stuckAfterMs: 1, onResent: () => {} });
      expect(await sweeper.sweepOnce()).toMatchObject({ urlReported: 0 });
      expect(await pendingOutboxCount(t.db)).toBe(0);

      const replay = await replayDeadLetters(t.db, { all: true });
      expect(replay).toMatchObject({ enqueued: 1, replayed: 2 });
      const rows = await t.db.query<{ key: string }>(`SELECT key FROM outbox WHERE topic = 'url.reported'`);
      expect(rows.rows).toEqual([{ key: itemId }]);
      // Replayed, its event waiting in the outbox: the sweeper still adds nothing.
      expect(await sweeper.sweepOnce()).toMatchObject({ urlReported: 0 });
      expect(await pendingOutboxCount(t.db)).toBe(1);
    } finally {
      await t.drop();
    }
  });
});

describe('the sweeper on PGlite (the embedded default)', () => {
  it('item 3: re-sends a stuck item once per SWEEP_STUCK_AFTER_MS, never while its event waits in the outbox', async () => {
    const t = await createPgliteTestDb();
    const logs = new LogCapture();
    try {
      const reportId = randomUUID();
      await t.db.query(`INSERT INTO reports (id, source) VALUES ($1, 'web')`, [reportId]);
      await t.db.query(
        `INSERT INTO report_urls (id, report_id, position, url, updated_at) VALUES ($1, $2, 0, 'https://example.org/x', now() - interval '1 hour')`,
        [randomUUID(), reportId],
      );
      let kicks = 0;
      const sweeper = new Sweeper({ db: t.db, logger: logs.logger, intervalMs: 60000, stuckAfterMs: 600000, onResent: () => kicks++ });
      expect(await sweeper.sweepOnce()).toMatchObject({ urlReported: 1, contentFetched: 0, contentHashed: 0, contentMatched: 0 });
      expect(kicks).toBe(1);
      // The event is in the outbox now, and it was just re-sent: nothing more to do.
      expect(await sweeper.sweepOnce()).toMatchObject({ urlReported: 0 });
      await t.db.query('DELETE FROM outbox');
      expect(await sweeper.sweepOnce()).toMatchObject({ urlReported: 0 });
      const outbox = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
      expect(outbox.rows[0]!.n).toBe(0);
    } finally {
      await t.drop();
    }
  });
});
