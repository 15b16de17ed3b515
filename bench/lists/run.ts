/**
 * Hash-list scale: import N synthetic PDQ hashes from a TSV file into PostgreSQL (one pass; the bulk
 * path for a new list), import the same file again (the merge path, adds nothing), then load them
 * into a matcher's index as at start-up.
 *   npx tsx bench/lists/run.ts [--rows 10000000]        (DATABASE_URL or the local server)
 * Prints import seconds, load seconds and RSS. The hashes are random bits, nothing else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrate, PgDb } from '@hotline/platform';
import { importList } from '@hotline/hash-lists';
import { KnownIndex } from '@hotline/matcher';
import { xorshift32 } from '../match/synth';

async function writeList(file: string, rows: number): Promise<void> {
  const next = xorshift32(20261122);
  const out = fs.createWriteStream(file);
  const hex = (w: number) => w.toString(16).padStart(8, '0');
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    let h = '';
    for (let k = 0; k < 8; k++) h += hex(next());
    chunk.push(`${h}\tA${(i % 3) + 1}\t\t${50 + (i % 51)}`);
    if (chunk.length === 10000) {
      if (!out.write(chunk.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = [];
    }
  }
  out.end(chunk.length ? chunk.join('\n') + '\n' : '');
  await new Promise<void>((r) => out.once('finish', () => r()));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
  const rows = Number(values.rows);
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = `bench_lists_${Date.now()}`;
  const admin = new PgDb({ connectionString: url });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  // The generator is seeded, so a file left by an earlier run of the same size is the same file.
  const file = path.join(os.tmpdir(), `hotline-bench-lists-${rows}.tsv`);
  const db = new PgDb({ connectionString: url, schema });
  try {
    await migrate(db);
    let t = Date.now();
    const reuse = fs.existsSync(file);
    if (!reuse) await writeList(file, rows);
    const size = `${rows.toLocaleString('en')} rows (${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`;
    console.log(reuse ? `reusing ${file}: ${size}` : `generated ${size} in ${((Date.now() - t) / 1000).toFixed(1)} s, kept as ${file}`);
    t = Date.now();
    const phases: string[] = [];
    const progress = (phase: string, _rows: number) => phase !== 'read' && phases.push(`${phase} at ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const r = await importList(db, { list: 'bench', source: 'synthetic', type: 'pdq', file, format: 'tsv' }, progress);
    console.log(`import: ${r.added.toLocaleString('en')} hashes in ${((Date.now() - t) / 1000).toFixed(1)} s (${r.path} path; ${phases.join(', ')})`);
    t = Date.now();
    phases.length = 0;
    const again = await importList(db, { list: 'bench', source: 'synthetic', type: 'pdq', file, format: 'tsv' }, progress);
    console.log(`re-import of the same file: ${again.added} added in ${((Date.now() - t) / 1000).toFixed(1)} s (${again.path} path; ${phases.join(', ')})`);
    const index = new KnownIndex(false);
    t = Date.now();
    await index.load(db);
    console.log(
      `matcher start-up load: ${index.size.toLocaleString('en')} hashes in ${((Date.now() - t) / 1000).toFixed(1)} s, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
    );
  } finally {
    await db.close();
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
