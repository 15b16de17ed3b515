import { randomBytes } from 'node:crypto';
import { contentMatched, type ContentMatched } from '@hotline/platform';
import { hashImage } from '@hotline/hashing';
import { createMatcherService } from '@hotline/matcher';
import { createReviewService } from '@hotline/review';
import { createHasherService } from '@hotline/hasher';
import { createIntakeService } from '@hotline/intake-web';
import { importRows } from './support/hash-lists';
import { createPgTestDb, type TestDb } from './support/test-db';
import { texturedPng, syntheticPng } from './support/images';
import { kafkaTestBus, LogCapture, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

const KNOWN = 2000;
const CAP = 50;

/** `hex` with bits a and b flipped: a distinct hash at distance 2 for every pair a < b. */
function flip2(hex: string, a: number, b: number): string {
  const h = BigInt('0x' + hex) ^ (1n << BigInt(a)) ^ (1n << BigInt(b));
  return h.toString(16).padStart(64, '0');
}

describe('content that matches thousands of known hashes (Kafka and PostgreSQL)', () => {
  let t: TestDb;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();
  const events: ContentMatched[] = [];
  let image: Buffer;

  beforeAll(async () => {
    t = await createPgTestDb('matches-cap');
    image = await texturedPng(800, 600, 4242);
    const { hashes, pdqQuality } = await hashImage(image, { maxInputPixels: 1e8 });
    expect(pdqQuality).toBeGreaterThanOrEqual(50);
    const rows = [{ hash: hashes.pdq, category: 'A1' }];
    for (let a = 0; rows.length < KNOWN; a++)
      for (let b = a + 1; b < 256 && rows.length < KNOWN; b++) rows.push({ hash: flip2(hashes.pdq, a, b), category: 'B2' });
    await importRows(t.db, { list: 'near-duplicates', type: 'pdq', rows: rows.slice(1) });
    await importRows(t.db, { list: 'exact', type: 'pdq', rows: rows.slice(0, 1) });
    const bus = kafkaTestBus(logs.logger, `cap${randomBytes(3).toString('hex')}.`);
    pipeline = await startPipeline({
      db: t.db,
      bus,
      logger: logs.logger,
      env: { MATCH_MAX_PER_EVENT: String(CAP), INTAKE_UPLOADS_ENABLED: 'true' },
      factories: [createReviewService, createMatcherService, createHasherService, createIntakeService],
    });
    await bus.subscribe(contentMatched, { group: 'test-observer', concurrency: 1 }, async (ev) => {
      events.push(ev);
    });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await t?.drop();
  });

  async function upload(png: Buffer, description: string): Promise<string> {
    const form = new FormData();
    form.append('images', new Blob([png]), 'x.png');
    form.append('description', description);
    const res = await fetch(`${pipeline.intakeUrl}/api/reports`, { method: 'POST', body: form });
    expect(res.status).toBe(202);
    return ((await res.json()) as { reportId: string }).reportId;
  }

  it('item 9: publishes the best matches and their count, keeps every match in the table and queues the item', async () => {
    const reportId = await upload(image, 'seen in a forum');
    const ev = await waitFor('the content.matched event', async () => events.find((e) => e.reportId === reportId), 60000);
    expect(ev.matchCount).toBe(KNOWN);
    expect(ev.matches).toHaveLength(CAP);
    expect(ev.matches[0]).toMatchObject({ listName: 'exact', distance: 0, category: 'A1', variant: 'original' });
    expect(ev.matches.slice(1).every((m) => m.listName === 'near-duplicates' && m.distance === 2)).toBe(true);

    const count = async (sql: string) => (await t.db.query<{ n: number }>(sql, [ev.contentId])).rows[0]!.n;
    expect(await count('SELECT count(*)::int AS n FROM matches WHERE content_id = $1')).toBe(KNOWN);
    expect(await count('SELECT match_count AS n FROM match_runs WHERE content_id = $1')).toBe(KNOWN);
    const item = await waitFor(
      'the review item',
      async () => (await t.db.query<Record<string, unknown>>('SELECT * FROM review_items WHERE content_id = $1', [ev.contentId])).rows[0],
    );
    expect(item).toMatchObject({ report_id: reportId, known_material: true, best_distance: 0 });
  });

  it('item 17: logs one line when content is matched and one when it is queued, with ids and no reporter data', async () => {
    const description = `unique-description-${randomBytes(4).toString('hex')}`;
    const reportId = await upload(await syntheticPng(320, 240, 77), description);
    const ev = await waitFor('the content.matched event', async () => events.find((e) => e.reportId === reportId), 60000);
    const lines = () => logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.contentId === ev.contentId);
    const queued = await waitFor('the queued line', async () => lines().find((l) => l.msg === 'content queued for review'));
    const matched = lines().find((l) => l.msg === 'content matched');
    expect(matched).toMatchObject({ level: 30, contentId: ev.contentId, reportId, matches: 0, bestDistance: null, known: false });
    expect(queued).toMatchObject({ level: 30, contentId: ev.contentId, reportId, known: false });
    expect(lines().filter((l) => l.msg === 'content matched')).toHaveLength(1);

    const first = events.find((e) => e.matchCount === KNOWN)!;
    const knownLines = logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.contentId === first.contentId);
    expect(knownLines.find((l) => l.msg === 'content matched')).toMatchObject({ matches: KNOWN, bestDistance: 0, known: true });
    expect(knownLines.find((l) => l.msg === 'content queued for review')).toMatchObject({ known: true });
    expect(logs.lines.join('\n')).not.toContain(description);
  });
});
