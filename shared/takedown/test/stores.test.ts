import type { Db } from '@hotline/platform';
import {
  addCaseItem,
  addEvent,
  cancelCase,
  caseDetail,
  caseItems,
  clearCase,
  createNotice,
  deactivateItem,
  dueContacts,
  insertCheck,
  insertReferral,
  lockDueItems,
  markNoticeSent,
  openCase,
  queueNotice,
  noticeCount,
  cancelPendingNotices,
  recordRouting,
  recordTrace,
  sendingNotices,
} from '../src';
import { createPgliteTestDb, createPgTestDb, type TestDb } from '../../../test/support/test-db';

const CASE = '00000000-0000-4000-8000-0000000000c1';
const OTHER = '00000000-0000-4000-8000-0000000000c2';
const ITEM = '00000000-0000-4000-8000-0000000000a1';
const NOTICE = '00000000-0000-4000-8000-0000000000e1';
const URL = 'https://images.example/a.jpg';
const t0 = new Date('2026-11-30T10:00:00Z');
const at = (min: number) => new Date(t0.getTime() + min * 60_000);

describe.each([
  ['PostgreSQL', () => createPgTestDb('takedown_stores')],
  ['PGlite', () => createPgliteTestDb()],
])('takedown stores on %s', (_name, create) => {
  let t: TestDb;
  let db: Db;
  beforeAll(async () => {
    t = await create();
    db = t.db;
  });
  afterAll(() => t.drop());

  it('keeps one open case per URL, counting from the earliest report', async () => {
    const base = {
      url: URL,
      origin: 'decision' as const,
      classification: { verdict: 'baseline' as const },
      reportId: null,
      contentId: null,
      confirmedAt: at(30),
      now: at(30),
    };
    const first = await db.transaction((tx) => openCase(tx, { ...base, id: CASE, firstReportedAt: at(0) }));
    expect(first.created).toBe(true);
    const again = await db.transaction((tx) => openCase(tx, { ...base, id: OTHER, firstReportedAt: at(-60) }));
    expect(again).toMatchObject({ created: false, case: { id: CASE, firstReportedAt: at(-60).toISOString() } });
    expect(
      await db.transaction((tx) => addCaseItem(tx, CASE, { itemId: ITEM, decisionId: '7', sha256: 'ab'.repeat(32), md5: null, sha1: null, pdq: null })),
    ).toBe(true);
    expect(
      await db.transaction((tx) => addCaseItem(tx, CASE, { itemId: ITEM, decisionId: '7', sha256: 'ab'.repeat(32), md5: null, sha1: null, pdq: null })),
    ).toBe(false);
    expect(await caseItems(db, CASE)).toEqual([{ itemId: ITEM, decisionId: '7', sha256: 'ab'.repeat(32), md5: null, sha1: null, pdq: null, active: true }]);
  });

  it('holds a case for clearance, then lines up its first notice when cleared', async () => {
    await db.transaction(async (tx) => {
      await recordTrace(tx, CASE, { trace: { language: 'nl' }, country: 'NL', asn: 64500, providerName: 'Hoster', abuseEmail: 'abuse@hoster.test' }, at(31));
      await recordRouting(tx, CASE, { route: 'domestic', noticeWhen: 'after_clearance', noticeNotBefore: null, state: 'held', reason: 'police first' }, at(31));
    });
    await expect(cancelCase(db, '00000000-0000-4000-8000-0000000000ff', 'u1', 'x', at(32))).rejects.toMatchObject({ code: 'not_found' });
    const cleared = await clearCase(db, CASE, 'u1', at(40));
    expect(cleared.state).toBe('active');
    await expect(clearCase(db, CASE, 'u1', at(41))).rejects.toMatchObject({ code: 'not_held' });
    expect(await dueContacts(db, at(39), 10)).toEqual([]);
    expect(await dueContacts(db, at(40), 10)).toEqual(['abuse@hoster.test']);
    expect(await queueNotice(db, { caseId: CASE, noticeNumber: 1, level: 'provider', contact: 'abuse@hoster.test', language: null, dueAt: at(40) })).toBe(
      false,
    );
  });

  it('moves due items into one notice, sending before sent', async () => {
    await db.transaction(async (tx) => {
      const items = await lockDueItems(tx, 'abuse@hoster.test', at(41), 100);
      expect(items).toEqual([{ id: expect.any(String), caseId: CASE, noticeNumber: 1, level: 'provider', language: 'nl' }]);
      await createNotice(tx, { id: NOTICE, contact: 'abuse@hoster.test', level: 'provider', language: 'nl', itemIds: items.map((i) => i.id), now: at(41) });
    });
    expect((await sendingNotices(db, 10)).map((n) => n.id)).toEqual([NOTICE]);
    await db.transaction((tx) => markNoticeSent(tx, NOTICE, '<n@x>', [], at(42)));
    expect(await sendingNotices(db, 10)).toEqual([]);
    await db.transaction(async (tx) => {
      expect(await insertCheck(tx, { caseId: CASE, checkNumber: 1, outcome: 'present', httpStatus: 200, detail: null, at: at(90) })).toBe(true);
      expect(await insertCheck(tx, { caseId: CASE, checkNumber: 1, outcome: 'absent', httpStatus: 404, detail: null, at: at(91) })).toBe(false);
      const doc = { a: 1 };
      const base = {
        caseId: CASE,
        kind: 'police' as const,
        name: 'Police',
        country: 'NL',
        channel: 'email' as const,
        address: 'p@x.test',
        reason: 'domestic',
        state: 'pending' as const,
        document: doc,
        signature: 's',
        keyId: 'k',
        now: at(31),
      };
      expect(await insertReferral(tx, { ...base, id: '00000000-0000-4000-8000-0000000000f1' })).toBe('00000000-0000-4000-8000-0000000000f1');
      expect(await insertReferral(tx, { ...base, id: '00000000-0000-4000-8000-0000000000f2' })).toBeNull();
      await addEvent(tx, CASE, 'checked', { outcome: 'present' }, at(90));
    });
    const d = await caseDetail(db, CASE);
    expect(d?.notices).toEqual([
      {
        noticeId: NOTICE,
        noticeNumber: 1,
        level: 'provider',
        contact: 'abuse@hoster.test',
        dueAt: at(40).toISOString(),
        state: 'sent',
        sentAt: at(42).toISOString(),
        messageId: '<n@x>',
      },
    ]);
    expect(d?.checks.map((c) => c.outcome)).toEqual(['present']);
    expect(d?.referrals.map((r) => r.reason)).toEqual(['domestic']);
    expect(d?.events.map((e) => e.kind)).toEqual(['cleared', 'checked']);
  });

  it('puts every URL waiting for an address into the mail that is due first, and none before one is due', async () => {
    const contact = 'abuse@gather.test';
    const ids: string[] = [];
    for (const [i, due] of [at(200), at(230)].entries()) {
      const id = `00000000-0000-4000-8000-0000000000d${i}`;
      ids.push(id);
      await db.transaction(async (tx) => {
        const base = {
          url: `https://gather.example/${i}.jpg`,
          origin: 'decision' as const,
          classification: { verdict: 'baseline' as const },
          reportId: null,
          contentId: null,
        };
        await openCase(tx, { ...base, id, firstReportedAt: at(0), confirmedAt: at(190), now: at(190) });
        await queueNotice(tx, { caseId: id, noticeNumber: 1, level: 'provider', contact, language: null, dueAt: due });
      });
    }
    expect(await db.transaction((tx) => lockDueItems(tx, contact, at(199), 100))).toEqual([]);
    const items = await db.transaction((tx) => lockDueItems(tx, contact, at(200), 100));
    expect(items.map((i) => i.caseId)).toEqual(ids);
  });

  it('numbers a notice after a cancelled one past it, so the new one is not dropped as a duplicate', async () => {
    const id = '00000000-0000-4000-8000-0000000000e9';
    await db.transaction(async (tx) => {
      await openCase(tx, {
        id,
        url: 'https://renumber.example/x.jpg',
        origin: 'decision',
        classification: { verdict: 'baseline' },
        reportId: null,
        contentId: null,
        firstReportedAt: at(0),
        confirmedAt: at(0),
        now: at(0),
      });
      await queueNotice(tx, { caseId: id, noticeNumber: 1, level: 'provider', contact: 'abuse@renumber.test', language: null, dueAt: at(10) });
      await cancelPendingNotices(tx, id); // a re-trace, a move, a failed mail
    });
    const next = (await noticeCount(db, id)) + 1;
    expect(next).toBe(2);
    expect(await queueNotice(db, { caseId: id, noticeNumber: next, level: 'provider', contact: 'abuse@renumber.test', language: null, dueAt: at(20) })).toBe(
      true,
    );
  });

  it('cancels a case whose last item was revised away', async () => {
    expect(await db.transaction((tx) => deactivateItem(tx, ITEM))).toEqual([CASE]);
    await cancelCase(db, CASE, 'u1', 'revised', at(100));
    const reopened = await db.transaction((tx) =>
      openCase(tx, {
        id: OTHER,
        url: URL,
        origin: 'decision',
        classification: { verdict: 'baseline' },
        reportId: null,
        contentId: null,
        firstReportedAt: at(0),
        confirmedAt: at(101),
        now: at(101),
      }),
    );
    expect(reopened).toMatchObject({ created: true, case: { id: OTHER } });
  });
});
