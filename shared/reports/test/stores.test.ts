import type { Db } from '@hotline/platform';
import {
  contentState,
  enqueueContent,
  failContent,
  findReport,
  insertContent,
  insertLinkedItem,
  insertReport,
  insertReportedItem,
  itemState,
  listItems,
  listQueue,
  listReportContents,
  recordHashes,
  settleItem,
  type ContentHashes,
} from '../src';
import { createPgliteTestDb, createPgTestDb, type TestDb } from '../../../test/support/test-db';

/**
 * The stores map rows once: timestamps to ISO strings, bigint ids to strings, json to arrays, on
 * both databases the pipeline runs on. Ids are fixed UUIDs: each database is fresh.
 */
const REPORT = '00000000-0000-4000-8000-000000000001';
const ITEM = '00000000-0000-4000-8000-000000000002';
const CHILD = '00000000-0000-4000-8000-000000000003';
const CONTENT = '00000000-0000-4000-8000-000000000004';
const OTHER = '00000000-0000-4000-8000-000000000005';
const ITEM_ID = '00000000-0000-4000-8000-000000000006';
const MISSING = '00000000-0000-4000-8000-0000000000ff';

const hashes: ContentHashes = {
  hashes: { md5: 'a'.repeat(32), sha1: 'b'.repeat(40), sha256: 'c'.repeat(64), blockhash: 'd'.repeat(64), pdq: 'e'.repeat(64) },
  pdqQuality: 80,
  pdqVariants: [],
  width: 32,
  height: 24,
};

describe.each([
  ['PostgreSQL', () => createPgTestDb('reports-stores')],
  ['PGlite', () => createPgliteTestDb()],
])('item 9: typed stores of reports, items, contents and the review queue on %s', (_name, open) => {
  let testDb: TestDb;
  let db: Db;

  beforeAll(async () => {
    testDb = await open();
    db = testDb.db;
    await db.transaction(async (tx) => {
      await insertReport(tx, { id: REPORT, source: 'chat', description: null, language: 'nl', receivedAt: '2026-11-30T04:00:00.000Z' });
      await insertReportedItem(tx, { id: ITEM, reportId: REPORT, position: 0, url: 'https://a.example/page' });
    });
  });

  afterAll(async () => {
    await testDb?.drop();
  });

  it('item 9: a report maps to a typed row with its time as an ISO string', async () => {
    expect(await findReport(db, REPORT)).toEqual({
      id: REPORT,
      source: 'chat',
      receivedAt: '2026-11-30T04:00:00.000Z',
      description: null,
      language: 'nl',
      closedAt: null,
    });
    expect(await findReport(db, MISSING)).toBeNull();
  });

  it('item 9: an item settles once out of pending, and its page keeps where the fetch ended', async () => {
    expect(await itemState(db, ITEM)).toBe('pending');
    expect(await itemState(db, MISSING)).toBeNull();
    const page = { state: 'page', reason: 'a page: 1 image', finalUrl: 'https://a.example/page', httpStatus: 200, mime: 'text/html' } as const;
    expect(await db.transaction((tx) => settleItem(tx, ITEM, page))).toBe(true);
    expect(await db.transaction((tx) => settleItem(tx, ITEM, { state: 'failed', reason: 'late' }))).toBe(false);
    await db.transaction(async (tx) => {
      await insertLinkedItem(tx, { id: CHILD, reportId: REPORT, parentId: ITEM, position: 0, url: 'https://a.example/1.png' });
      await insertLinkedItem(tx, { id: CHILD, reportId: REPORT, parentId: ITEM, position: 0, url: 'https://a.example/1.png' });
    });
    expect(await db.transaction((tx) => settleItem(tx, CHILD, { state: 'refused', reason: 'private address' }))).toBe(true);
    expect(await listItems(db, REPORT)).toEqual([
      { itemId: ITEM, parentId: null, url: 'https://a.example/page', state: 'page', reason: 'a page: 1 image', httpStatus: 200 },
      { itemId: CHILD, parentId: ITEM, url: 'https://a.example/1.png', state: 'refused', reason: 'private address', httpStatus: null },
    ]);
  });

  it('item 9: a content is inserted once and moves stored → hashed or failed only once', async () => {
    const row = {
      id: CONTENT,
      reportId: REPORT,
      itemId: CHILD,
      origin: 'linked',
      sourceUrl: 'https://a.example/1.png',
      blobKey: `content/${CONTENT}`,
      mime: 'image/png',
      byteSize: 10,
    } as const;
    expect(await db.transaction((tx) => insertContent(tx, row))).toBe(true);
    expect(await db.transaction((tx) => insertContent(tx, row))).toBe(false);
    expect(
      await db.transaction((tx) => insertContent(tx, { ...row, id: OTHER, itemId: null, origin: 'upload', sourceUrl: null, blobKey: `content/${OTHER}` })),
    ).toBe(true);
    expect(await contentState(db, CONTENT)).toBe('stored');
    expect(await contentState(db, MISSING)).toBeNull();
    expect(await db.transaction((tx) => recordHashes(tx, CONTENT, hashes))).toBe(true);
    expect(await db.transaction((tx) => recordHashes(tx, CONTENT, hashes))).toBe(false);
    expect(await failContent(db, CONTENT, 'too late')).toBe(false);
    expect(await failContent(db, OTHER, 'BMP images are not supported')).toBe(true);
    expect(await contentState(db, CONTENT)).toBe('hashed');
    expect(await contentState(db, OTHER)).toBe('failed');
  });

  it('item 9: the queue maps a row with its matches (bigint ids as strings) and a report its contents', async () => {
    const known = await db.query<{ id: string }>(
      `WITH l AS (INSERT INTO hash_lists (name, source, hash_type) VALUES ('t', 'own', 'md5') RETURNING id)
       INSERT INTO known_hashes (list_id, hash) SELECT id, decode(repeat('ab', 16), 'hex') FROM l RETURNING id::text`,
    );
    const knownHashId = known.rows[0]!.id;
    const match = { listName: 't', listSource: 'own', hashType: 'md5', distance: 0, category: null, knownHashId, variant: null } as const;
    await db.query(
      `INSERT INTO matches (content_id, known_hash_id, list_name, list_source, hash_type, distance, category, variant) VALUES ($1, $2, 't', 'own', 'md5', 0, NULL, NULL)`,
      [CONTENT, knownHashId],
    );
    const enqueue = () =>
      db.transaction((tx) =>
        enqueueContent(tx, {
          newItemId: ITEM_ID,
          contentId: CONTENT,
          reportId: REPORT,
          reportUrlId: CHILD,
          sha256: hashes.hashes.sha256,
          matches: [match],
          matchCount: 1,
          now: new Date(),
        }),
      );
    expect(await enqueue()).toEqual({ itemId: ITEM_ID, status: 'pending', sourceAdded: true, itemCreated: true });
    expect(await enqueue()).toEqual({ itemId: ITEM_ID, status: 'pending', sourceAdded: false, itemCreated: false });

    const queue = await listQueue(db, { limit: 10, offset: 0 });
    expect(queue.total).toBe(1);
    expect(queue.items).toEqual([
      {
        id: ITEM_ID,
        kind: 'content',
        status: 'pending',
        contentId: CONTENT,
        reportId: REPORT,
        reportIds: [REPORT],
        reason: null,
        leased: false,
        enqueuedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        knownMaterial: true,
        bestDistance: 0,
        bytesDeletedAt: null,
        origin: 'linked',
        url: 'https://a.example/1.png',
        mime: 'image/png',
        width: 32,
        height: 24,
        hashes: hashes.hashes,
        pdqQuality: 80,
        matches: [{ listName: 't', listSource: 'own', hashType: 'md5', distance: 0, category: null, variant: null, knownHashId }],
      },
    ]);
    expect(typeof knownHashId).toBe('string');

    expect(await listReportContents(db, REPORT)).toEqual([
      { contentId: CONTENT, itemId: CHILD, origin: 'linked', url: 'https://a.example/1.png', mime: 'image/png', state: 'hashed', reason: null, queued: true },
      {
        contentId: OTHER,
        itemId: null,
        origin: 'upload',
        url: null,
        mime: 'image/png',
        state: 'failed',
        reason: 'BMP images are not supported',
        queued: false,
      },
    ]);
  });
});
