import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { type Db } from '@hotline/platform';
import { hashImage } from '@hotline/hashing';
import { importList, setHashEnabled, setListEnabled } from '@hotline/hash-lists';
import { importRows } from './support/hash-lists';
import { createPgliteTestDb, createPgTestDb, type TestDb } from './support/test-db';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { syntheticPng, texturedPng } from './support/images';
import { getQueue, inProcessTestBus, kafkaTestBus, LogCapture, postReport, startPipeline, waitFor, type RunningPipeline } from './support/pipeline';

const H = (c: string) => c.repeat(64);
const count = async (db: Db, sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;

function tempFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-import-')), name);
  fs.writeFileSync(file, text);
  return file;
}

describe('importing hash lists', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createPgTestDb('lists');
  });
  afterEach(async () => t.drop());

  it('refuses a malformed file with its line numbers and imports nothing of it', async () => {
    const file = tempFile('bad.tsv', `# comment\n${H('a')}\tA1\n${H('b').slice(1)}\tA1\n${H('c')}\tB2\tnote\t101\nzz${H('d').slice(2)}\n`);
    const result = importList(t.db, { list: 'iwf', source: 'IWF', type: 'sha256', file, format: 'tsv' });
    await expect(result).rejects.toThrow(
      /3 malformed line\(s\), nothing was imported: line 3: expected a sha256 hash of 64 hex digits; line 4: quality must be a whole number 0–100; line 5: expected a sha256/,
    );
    expect(await count(t.db, 'SELECT count(*)::int AS n FROM known_hashes')).toBe(0);
    expect(await count(t.db, 'SELECT count(*)::int AS n FROM hash_lists')).toBe(0);
  });

  it('imports TSV, CSV and JSON lines with provenance, and a second import of the same file adds nothing', async () => {
    const tsv = tempFile('list.tsv', `hash\tcategory\tnote\n${H('a')}\tA1\tfirst\n${H('b')}\tB1\n${H('a')}\tA1\tduplicate line\n`);
    expect(await importList(t.db, { list: 'iwf', source: 'IWF', type: 'sha256', file: tsv, format: 'tsv' })).toEqual({
      list: 'iwf',
      added: 2,
      rows: 3,
      path: 'merge',
    });
    expect(await importList(t.db, { list: 'iwf', source: 'IWF', type: 'sha256', file: tsv, format: 'tsv' })).toEqual({
      list: 'iwf',
      added: 0,
      rows: 3,
      path: 'merge',
    });
    const csv = tempFile('list.csv', `hash,category,note,quality\n${H('1')},A1,"with, comma",90\n${H('2')},,,\n`);
    expect((await importList(t.db, { list: 'ncmec', source: 'NCMEC', type: 'pdq', file: csv, format: 'csv' })).added).toBe(2);
    const jsonl = tempFile('list.jsonl', `{"hash":"${H('e')}","category":"A2","note":"n"}\n{"hash":"${H('f')}"}\n`);
    expect((await importList(t.db, { list: 'own', type: 'blockhash', file: jsonl, format: 'jsonl' })).added).toBe(2);

    const rows = await t.db.query<Record<string, unknown>>(
      `SELECT l.name, l.source, l.hash_type, encode(k.hash, 'hex') AS hash, k.category, k.note, k.quality, k.enabled, k.added_at IS NOT NULL AS dated
         FROM known_hashes k JOIN hash_lists l ON l.id = k.list_id ORDER BY l.name, k.hash`,
    );
    expect(rows.rows).toHaveLength(6);
    expect(rows.rows[0]).toEqual({
      name: 'iwf',
      source: 'IWF',
      hash_type: 'sha256',
      hash: H('a'),
      category: 'A1',
      note: 'first',
      quality: null,
      enabled: true,
      dated: true,
    });
    expect(rows.rows[2]).toMatchObject({ name: 'ncmec', note: 'with, comma', quality: 90 });
    expect(await count(t.db, `SELECT count(*)::int AS n FROM hash_changes WHERE kind = 'added'`)).toBe(3);
  });

  describe('the bulk path (a big file into an empty list: COPY into the table, unique index rebuilt)', () => {
    /** The constraints the bulk path drops and rebuilds: (list, hash) unique and the list foreign key. */
    const rebuiltConstraints = () =>
      count(
        t.db,
        `SELECT count(*)::int AS n FROM pg_constraint
          WHERE conname IN ('known_hashes_list_id_hash_key', 'known_hashes_list_id_fkey') AND connamespace = '${t.schema}'::regnamespace AND convalidated`,
      );
    const hexRows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => (from + i).toString(16).padStart(64, '0'));

    it('imports, keeps (list, hash) unique afterwards, and hands a re-import to the merge path', async () => {
      const file = tempFile(
        'big.tsv',
        hexRows(500)
          .map((h, i) => `${h}\tA${i % 3}\t\t${i % 101}`)
          .join('\n') + '\n',
      );
      const opts = { list: 'iwf', source: 'IWF', type: 'pdq' as const, file, format: 'tsv' as const, bulkMinRows: 100 };
      const progress: string[] = [];
      expect(await importList(t.db, opts, (phase, rows) => progress.push(`${phase} ${rows}`))).toEqual({ list: 'iwf', added: 500, rows: 500, path: 'bulk' });
      expect(progress).toEqual(['indexing 500']);
      expect(await rebuiltConstraints()).toBe(2);
      expect(await importList(t.db, opts)).toEqual({ list: 'iwf', added: 0, rows: 500, path: 'merge' });
      expect(await count(t.db, `SELECT count(*)::int AS n FROM known_hashes WHERE quality = 100 AND category = 'A1'`)).toBe(2); // rows 100 and 403
      await expect(t.db.query(`INSERT INTO known_hashes (list_id, hash) SELECT list_id, hash FROM known_hashes LIMIT 1`)).rejects.toThrow(/duplicate key/);
      await expect(t.db.query(`INSERT INTO known_hashes (list_id, hash) VALUES (999, decode(repeat('00', 32), 'hex'))`)).rejects.toThrow(/foreign key/);
      await t.db.query(`DELETE FROM hash_lists WHERE name = 'iwf'`);
      expect(await count(t.db, 'SELECT count(*)::int AS n FROM known_hashes')).toBe(0); // ON DELETE CASCADE is back too
    });

    it('falls back to the merge path when the file repeats a hash', async () => {
      const rows = [...hexRows(300), ...hexRows(50, 100)];
      const file = tempFile('dups.tsv', rows.join('\n') + '\n');
      const r = await importList(t.db, { list: 'iwf', type: 'pdq', file, format: 'tsv', bulkMinRows: 100 });
      expect(r).toEqual({ list: 'iwf', added: 300, rows: 350, path: 'merge' });
      expect(await count(t.db, 'SELECT count(*)::int AS n FROM known_hashes')).toBe(300);
      expect(await rebuiltConstraints()).toBe(2);
    });

    it('refuses a malformed file whole, and the unique constraint stays', async () => {
      const rows = hexRows(400);
      rows[350] = 'not a hash';
      const file = tempFile('bad-big.tsv', rows.join('\n') + '\n');
      await expect(importList(t.db, { list: 'iwf', type: 'pdq', file, format: 'tsv', bulkMinRows: 100 })).rejects.toThrow(
        /1 malformed line\(s\), nothing was imported: line 351:/,
      );
      expect(await count(t.db, 'SELECT count(*)::int AS n FROM known_hashes')).toBe(0);
      expect(await count(t.db, 'SELECT count(*)::int AS n FROM hash_lists')).toBe(0);
      expect(await rebuiltConstraints()).toBe(2);
    });

    it('stays off when the table already holds more hashes than the file brings', async () => {
      await importList(t.db, { list: 'other', type: 'pdq', file: tempFile('a.tsv', hexRows(400).join('\n')), format: 'tsv' });
      const r = await importList(t.db, { list: 'iwf', type: 'pdq', file: tempFile('b.tsv', hexRows(200, 1000).join('\n')), format: 'tsv', bulkMinRows: 100 });
      expect(r).toMatchObject({ added: 200, path: 'merge' });
    });
  });

  it('keeps one hash type per list', async () => {
    await importRows(t.db, { list: 'iwf', type: 'sha256', rows: [{ hash: H('a') }] });
    await expect(importRows(t.db, { list: 'iwf', type: 'md5', rows: [{ hash: 'a'.repeat(32) }] })).rejects.toThrow(/holds sha256 hashes/);
  });
});

describe('list changes reach a running pipeline (Kafka and PostgreSQL)', () => {
  let t: TestDb;
  let site: HostingSite;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();
  let a: Buffer;
  let b: Buffer;

  beforeAll(async () => {
    t = await createPgTestDb('list-changes');
    a = await syntheticPng(320, 240, 401);
    b = await syntheticPng(320, 240, 402);
    site = await startHostingSite({ '/a.png': { body: a }, '/b.png': { body: b } });
    await importRows(t.db, {
      list: 'own-sha256',
      type: 'sha256',
      rows: [{ hash: (await hashImage(a, { maxInputPixels: 1e8 })).hashes.sha256, category: 'A1' }],
    });
    pipeline = await startPipeline({ db: t.db, bus: kafkaTestBus(logs.logger), logger: logs.logger, env: { FETCH_ALLOW_HOSTS: site.hostPort } });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await site?.close();
    await t?.drop();
  });

  /** Reports the URL until the queue shows the wanted verdict; returns the seconds it took from `since`. */
  async function reportUntil(url: string, known: boolean, since: number): Promise<number> {
    for (;;) {
      const { reportId } = (await (await postReport(pipeline.intakeUrl, { urls: [url] })).json()) as { reportId: string };
      // Identical bytes are one review item (its sources are every report), so each report's own match run says what the matcher did.
      await waitFor('the report in the queue', async () => (await getQueue(pipeline.reviewUrl)).items.find((i) => i.reportIds.includes(reportId)));
      const run = await t.db.query<{ n: number }>('SELECT m.match_count AS n FROM match_runs m JOIN contents c ON c.id = m.content_id WHERE c.report_id = $1', [
        reportId,
      ]);
      const matched = (run.rows[0]?.n ?? 0) > 0;
      const elapsed = (Date.now() - since) / 1000;
      if (matched === known) return elapsed;
      if (elapsed > 15) throw new Error(`still matched=${matched} after ${elapsed} s`);
    }
  }

  it('stops matching a disabled hash and starts matching a newly imported one within 10 s', async () => {
    expect(await reportUntil(`${site.url}/a.png`, true, Date.now())).toBeLessThan(10);

    const disabledAt = Date.now();
    await setHashEnabled(t.db, 'own-sha256', (await hashImage(a, { maxInputPixels: 1e8 })).hashes.sha256, false);
    expect(await reportUntil(`${site.url}/a.png`, false, disabledAt)).toBeLessThan(10);

    const importedAt = Date.now();
    await importRows(t.db, { list: 'own-sha256', type: 'sha256', rows: [{ hash: (await hashImage(b, { maxInputPixels: 1e8 })).hashes.sha256 }] });
    expect(await reportUntil(`${site.url}/b.png`, true, importedAt)).toBeLessThan(10);

    const listOffAt = Date.now();
    await setListEnabled(t.db, 'own-sha256', false);
    expect(await reportUntil(`${site.url}/b.png`, false, listOffAt)).toBeLessThan(10);
  }, 90000);
});

describe('PDQ matching in the pipeline (embedded)', () => {
  let t: TestDb;
  let site: HostingSite;
  let pipeline: RunningPipeline;
  const logs = new LogCapture();

  beforeAll(async () => {
    t = await createPgliteTestDb();
    const known = await texturedPng(800, 600, 77);
    site = await startHostingSite({
      '/turned.jpg': { body: await sharp(known).rotate(90).jpeg({ quality: 80 }).toBuffer() },
      '/mirrored.png': { body: await sharp(known).flop().png().toBuffer() },
      '/flat.png': {
        body: await sharp({ create: { width: 400, height: 300, channels: 3, background: '#808080' } })
          .png()
          .toBuffer(),
      },
    });
    const hashed = await hashImage(known, { maxInputPixels: 1e8 });
    expect(hashed.pdqQuality).toBeGreaterThanOrEqual(50);
    await importRows(t.db, {
      list: 'industry-pdq',
      source: 'ThreatExchange',
      type: 'pdq',
      rows: [{ hash: hashed.hashes.pdq, category: 'A1', quality: hashed.pdqQuality }],
    });
    const flat = await hashImage(
      await sharp({ create: { width: 400, height: 300, channels: 3, background: '#808080' } })
        .png()
        .toBuffer(),
      { maxInputPixels: 1e8 },
    );
    await importRows(t.db, { list: 'weak-pdq', type: 'pdq', rows: [{ hash: flat.hashes.pdq, quality: flat.pdqQuality }] });
    pipeline = await startPipeline({ db: t.db, bus: inProcessTestBus(logs.logger), logger: logs.logger, env: { FETCH_ALLOW_HOSTS: site.hostPort } });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await site?.close();
    await t?.drop();
  });

  it('matches a rotated and a mirrored copy of a known image and records the variant', async () => {
    const res = await postReport(pipeline.intakeUrl, { urls: [`${site.url}/turned.jpg`, `${site.url}/mirrored.png`, `${site.url}/flat.png`] });
    const { reportId } = (await res.json()) as { reportId: string };
    const items = await waitFor('three items in the queue', async () => {
      const mine = (await getQueue(pipeline.reviewUrl)).items.filter((i) => i.reportId === reportId);
      return mine.length === 3 ? mine : undefined;
    });
    const turned = items.find((i) => i.url.endsWith('/turned.jpg'))!;
    const pdqHit = turned.matches.find((m: { hashType: string }) => m.hashType === 'pdq');
    // The content's rotate270 variant equals the known image: the content is the known image turned 90° clockwise.
    expect(pdqHit).toMatchObject({ listName: 'industry-pdq', listSource: 'ThreatExchange', category: 'A1', variant: 'rotate270' });
    expect(pdqHit.distance).toBeLessThanOrEqual(31);
    const mirrored = items.find((i) => i.url.endsWith('/mirrored.png'))!;
    expect(mirrored.matches.find((m: { hashType: string }) => m.hashType === 'pdq')).toMatchObject({ variant: 'flipX' });
    // A flat image has a weak PDQ hash (quality < 50): kept, flagged, never matched by default.
    const flat = items.find((i) => i.url.endsWith('/flat.png'))!;
    expect(flat.pdqQuality).toBeLessThan(50);
    expect(flat.matches.filter((m: { hashType: string }) => m.hashType === 'pdq')).toEqual([]);
  });
});
