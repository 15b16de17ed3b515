/**
 * The review queue at scale: 100,000 pending items on PostgreSQL (own schema), 20 analysts on separate
 * pool connections claiming and deciding for BENCH_SECONDS; then the first queue page as the console
 * and the CLI read it. Targets (issue 9): claim p99 < 20 ms, queue page p95 < 100 ms.
 *   npm run bench -- review            (DATABASE_URL or the local server; BENCH_ITEMS, BENCH_ANALYSTS, BENCH_SECONDS)
 * Items are rows with random hashes: no image, nothing else.
 */
import { randomUUID } from 'node:crypto';
import { migrate, PgDb, systemClock } from '@hotline/platform';
import { claimNext, listQueue } from '@hotline/reports';
import { decideItem, type ReviewContext } from '@hotline/review';
import { fmt, percentile } from '../stats';

const VERDICTS = ['not_illegal', 'not_illegal', 'not_illegal', 'not_reachable', 'baseline'] as const;

async function seed(db: PgDb, items: number): Promise<void> {
  // One report per 100 items; a tenth of the items known material of some category, the rest new.
  await db.exec(`
    INSERT INTO reports (id, source, received_at) SELECT gen_random_uuid(), 'web', now() - make_interval(secs => g) FROM generate_series(1, ${Math.ceil(items / 100)}) g;
    CREATE TEMP TABLE bench_reports AS SELECT id, row_number() OVER () - 1 AS n FROM reports;
    INSERT INTO contents (id, report_id, origin, source_url, blob_key, mime, byte_size, state, md5, sha1, sha256, blockhash, pdq, pdq_quality, width, height, hashed_at)
    SELECT gen_random_uuid(), r.id, 'upload', NULL, 'content/none', 'image/png', 100, 'hashed',
           md5(g::text), md5(g::text) || substr(md5('s' || g), 1, 8), md5(g::text) || md5('x' || g), md5('b' || g) || md5('c' || g),
           md5('p' || g) || md5('q' || g), 90, 64, 48, now()
      FROM generate_series(0, ${items - 1}) g JOIN bench_reports r ON r.n = g / 100;
    INSERT INTO review_items (id, kind, sha256, content_id, report_id, known_material, priority_rank, best_distance, enqueued_at)
    SELECT gen_random_uuid(), 'content', c.sha256, c.id, c.report_id, k.known, CASE WHEN k.known THEN (random() * 4)::int ELSE 9 END,
           CASE WHEN k.known THEN (random() * 31)::int END, now() - make_interval(secs => random() * 86400)
      FROM contents c CROSS JOIN LATERAL (SELECT random() < 0.1 AS known) k;
    INSERT INTO review_sources (source_key, item_id, report_id, content_id) SELECT content_id, id, report_id, content_id FROM review_items;
    ANALYZE;`);
}

async function main(): Promise<void> {
  const items = Number(process.env.BENCH_ITEMS ?? 100_000);
  const analysts = Number(process.env.BENCH_ANALYSTS ?? 20);
  const seconds = Number(process.env.BENCH_SECONDS ?? 20);
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = `bench_review_${Date.now()}`;
  const admin = new PgDb({ connectionString: url });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const db = new PgDb({ connectionString: url, schema, poolSize: analysts + 2 });
  try {
    await migrate(db);
    let t = Date.now();
    await seed(db, items);
    console.log(`review: seeded ${items.toLocaleString('en')} pending items in ${fmt((Date.now() - t) / 1000)} s`);
    // decideItem needs the database, the clock and the relay's kick; nothing here publishes.
    const ctx = { db, clock: systemClock, relay: { kick() {} } } as unknown as ReviewContext;
    const claimMs: number[] = [];
    const decideMs: number[] = [];
    const deadline = Date.now() + seconds * 1000;
    t = Date.now();
    await Promise.all(
      Array.from({ length: analysts }, async (_, a) => {
        const who = { userId: randomUUID(), senior: false };
        for (let i = 0; Date.now() < deadline; i++) {
          let s = performance.now();
          const claimed = await claimNext(db, { userId: who.userId, senior: false, now: new Date(), leaseSeconds: 600 });
          claimMs.push(performance.now() - s);
          if (!claimed) return;
          s = performance.now();
          await decideItem(ctx, claimed.itemId, who, { verdict: VERDICTS[(a + i) % VERDICTS.length]!, iwfCategory: 'C' });
          decideMs.push(performance.now() - s);
        }
      }),
    );
    const elapsed = (Date.now() - t) / 1000;
    claimMs.sort((x, y) => x - y);
    decideMs.sort((x, y) => x - y);
    console.log(
      `review: ${analysts} analysts, ${claimMs.length} claims in ${fmt(elapsed)} s = ${fmt(claimMs.length / elapsed)} claims/s; ` +
        `claim p50 ${fmt(percentile(claimMs, 50), 2)} ms, p99 ${fmt(percentile(claimMs, 99), 2)} ms (target < 20); ` +
        `decision p50 ${fmt(percentile(decideMs, 50), 2)} ms, p99 ${fmt(percentile(decideMs, 99), 2)} ms`,
    );
    // The claim's own cost in the server, apart from this process's event loop and the machine's load.
    const plan = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, FORMAT TEXT) SELECT r.id FROM review_items r
        WHERE r.status <> 'decided' AND (r.lease_until IS NULL OR r.lease_until <= now())
          AND (r.status = 'pending' OR (r.status = 'disputed' AND false))
        ORDER BY r.priority_rank, r.best_distance ASC NULLS LAST, r.enqueued_at, r.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    const exec = plan.rows.map((r) => r['QUERY PLAN']).find((l) => l.startsWith('Execution Time'));
    console.log(
      `review: claim query in the server: ${exec ?? '?'} (load average ${(await import('node:os'))
        .loadavg()
        .map((l) => fmt(l, 2))
        .join(' ')})`,
    );
    const pageMs: number[] = [];
    for (let i = 0; i < 100; i++) {
      const s = performance.now();
      await listQueue(db, { limit: 50, offset: 0 });
      pageMs.push(performance.now() - s);
    }
    pageMs.sort((x, y) => x - y);
    console.log(
      `review: first queue page (50 of ${(await listQueue(db, { limit: 1, offset: 0 })).total.toLocaleString('en')} open) p50 ${fmt(percentile(pageMs, 50), 2)} ms, p95 ${fmt(percentile(pageMs, 95), 2)} ms (target < 100)`,
    );
  } finally {
    await db.close();
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  }
}

export const benchReview = main;
