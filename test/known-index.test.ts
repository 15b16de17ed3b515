import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ContentHashed } from '@hotline/platform';
import { importList, setHashEnabled, setListEnabled } from '@hotline/hash-lists';
import { KnownIndex, type MatchThresholds } from '@hotline/matcher';
import { importRows } from './support/hash-lists';
import { createPgliteTestDb, createPgTestDb, type TestDb } from './support/test-db';

const T: MatchThresholds = { blockhash: 16, pdq: 31, weakPdq: false };
const NONE = '0'.repeat(64);
/** Flips the lowest `bits` bits of the last hex digits: a hash at exactly that Hamming distance. */
function flip(hex: string, bits: number): string {
  let h = BigInt('0x' + hex);
  for (let b = 0; b < bits; b++) h ^= 1n << BigInt(b);
  return h.toString(16).padStart(64, '0');
}
const P1 = '9f'.repeat(32);
const P2 = '3c'.repeat(32);
const P3 = 'a5'.repeat(32);
const MD5 = '0123456789abcdef'.repeat(2);
const SHA1 = 'fedcba9876543210'.repeat(2) + '01234567';

function query(over: { pdq?: string; md5?: string; sha1?: string; quality?: number }): Pick<ContentHashed, 'hashes' | 'pdqQuality' | 'pdqVariants'> {
  const pdq = over.pdq ?? NONE;
  return {
    hashes: { md5: over.md5 ?? 'f'.repeat(32), sha1: over.sha1 ?? 'f'.repeat(40), sha256: 'f'.repeat(64), blockhash: 'f'.repeat(64), pdq },
    pdqQuality: over.quality ?? 100,
    pdqVariants: [
      { variant: 'original', hash: pdq },
      { variant: 'rotate90', hash: NONE },
      { variant: 'rotate180', hash: NONE },
      { variant: 'rotate270', hash: NONE },
      { variant: 'flipX', hash: NONE },
      { variant: 'flipY', hash: NONE },
      { variant: 'flipPlusOne', hash: NONE },
      { variant: 'flipMinusOne', hash: NONE },
    ],
  };
}

describe.each([
  ['PostgreSQL (COPY, parsed in place)', () => createPgTestDb('known-index')],
  ['PGlite (keyset pages)', createPgliteTestDb],
])('the matcher index loaded from %s', (_, open) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await open();
    // CSV can carry the characters COPY escapes: a tab, a backslash, non-ASCII.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-known-'));
    const csv = path.join(dir, 'iwf.csv');
    fs.writeFileSync(csv, `hash,category,note,quality\n${P1},"A1\twith tab \\ and é",n,90\n${P2},B2,,30\n${P3},,,\n`);
    await importList(t.db, { list: 'iwf', source: 'IWF', type: 'pdq', file: csv, format: 'csv' });
    fs.rmSync(dir, { recursive: true, force: true });
    await importRows(t.db, { list: 'own-md5', type: 'md5', rows: [{ hash: MD5, category: 'own' }] });
    await importRows(t.db, { list: 'ncmec-sha1', source: 'NCMEC', type: 'sha1', rows: [{ hash: SHA1 }] });
  });
  afterEach(async () => t.drop());

  it('loads every list with its metadata and matches exactly as imported', async () => {
    const index = new KnownIndex(false);
    await index.load(t.db);
    expect(index.size).toBe(5);

    const [m] = index.match(query({ pdq: flip(P1, 31) }), T);
    expect(m).toMatchObject({ listName: 'iwf', listSource: 'IWF', hashType: 'pdq', distance: 31, category: 'A1\twith tab \\ and é', variant: 'original' });
    expect(index.match(query({ pdq: flip(P1, 32) }), T)).toEqual([]);
    expect(index.match(query({ pdq: P3 }), T)[0]).toMatchObject({ distance: 0, category: null });
    // Quality 30 is weak: kept, but matched only when weak PDQ matching is on.
    expect(index.match(query({ pdq: P2 }), T)).toEqual([]);
    const weakToo = new KnownIndex(true);
    await weakToo.load(t.db);
    expect(weakToo.match(query({ pdq: P2 }), T)[0]).toMatchObject({ category: 'B2', distance: 0 });

    // md5 and sha1 are stored as 16 and 20 bytes and matched exactly.
    expect(index.match(query({ md5: MD5, sha1: SHA1 }), T).map((x) => [x.listName, x.hashType, x.distance, x.category])).toEqual([
      ['own-md5', 'md5', 0, 'own'],
      ['ncmec-sha1', 'sha1', 0, null],
    ]);
    expect(index.match(query({ md5: MD5.slice(0, 31) + '0' }), T)).toEqual([]);
  });

  it('follows imports, disabled hashes and disabled lists as deltas, without reloading', async () => {
    const index = new KnownIndex(false);
    await index.load(t.db);
    const P4 = '5a'.repeat(32);
    await importRows(t.db, { list: 'iwf', type: 'pdq', rows: [{ hash: P4, category: 'A2', quality: 80 }, { hash: P1 }] });
    await importRows(t.db, { list: 'new-list', source: 'own', type: 'pdq', rows: [{ hash: flip(P4, 5), category: 'own' }] });
    expect(index.match(query({ pdq: P4 }), T)).toEqual([]);
    expect(await index.applyChanges(t.db)).toBe(2);
    expect(index.size).toBe(7); // P1 was in the list already
    expect(index.match(query({ pdq: P4 }), T).map((x) => [x.listName, x.distance, x.category])).toEqual([
      ['iwf', 0, 'A2'],
      ['new-list', 5, 'own'],
    ]);

    await setHashEnabled(t.db, 'iwf', P1.toUpperCase(), false);
    await setListEnabled(t.db, 'new-list', false);
    expect(await index.applyChanges(t.db)).toBe(2);
    expect(index.match(query({ pdq: P1 }), T)).toEqual([]);
    expect(index.match(query({ pdq: P4 }), T).map((x) => x.listName)).toEqual(['iwf']);

    await setHashEnabled(t.db, 'iwf', P1, true);
    expect(await index.applyChanges(t.db)).toBe(1);
    expect(index.match(query({ pdq: P1 }), T)).toHaveLength(1);
    expect(await index.applyChanges(t.db)).toBe(0);
  });

  it('refuses to disable a hash given in something other than hex', async () => {
    await expect(setHashEnabled(t.db, 'iwf', 'not-a-hash', false)).rejects.toThrow(/not a hash in hex digits/);
    await expect(setHashEnabled(t.db, 'iwf', 'ab'.repeat(32), false)).rejects.toThrow(/List iwf has no hash/);
  });
});
