import { randomUUID } from 'node:crypto';
import type { Db } from '@hotline/platform';
import { statisticsCsv, takedownStatistics, urlKey, type TakedownStatistics } from '../src';
import { createPgliteTestDb, createPgTestDb, type TestDb } from '../../../test/support/test-db';

const d = (s: string) => new Date(`2026-12-${s}Z`);
const window = { from: d('01T00:00:00'), to: d('08T00:00:00'), now: d('10T12:00:00') };

interface Seed {
  name: string;
  state: string;
  firstReported: Date;
  confirmed: Date;
  removed?: Date;
  country?: string | null;
  provider?: string | null;
  firstNotice?: Date | null;
  origin?: 'decision' | 'auto_list';
  /** Sent notices (their mails' send times) and pending ones. */
  sent?: Date[];
  pending?: number;
}

async function seed(db: Db, s: Seed): Promise<void> {
  const id = randomUUID();
  const url = `https://host-${s.name}.example/img.jpg`;
  await db.query(
    `INSERT INTO takedown_cases (id, url, url_key, state, origin, classification, first_reported_at, confirmed_at, removed_at, country, provider_name,
       abuse_email, first_notice_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, '{"verdict":"baseline"}', $6, $7, $8, $9, $10, 'abuse@host.example', $11, $7, $7)`,
    [
      id,
      url,
      urlKey(url),
      s.state,
      s.origin ?? 'decision',
      s.firstReported,
      s.confirmed,
      s.removed ?? null,
      s.country ?? null,
      s.provider ?? null,
      s.firstNotice ?? null,
    ],
  );
  let n = 0;
  for (const at of s.sent ?? []) {
    const notice = randomUUID();
    await db.query(
      `INSERT INTO takedown_notices (id, contact, level, state, created_at, sent_at) VALUES ($1, 'abuse@host.example', 'provider', 'sent', $2, $2)`,
      [notice, at],
    );
    await db.query(
      `INSERT INTO takedown_notice_items (case_id, notice_number, level, contact, due_at, state, notice_id) VALUES ($1, $2, 'provider', 'abuse@host.example', $3, 'sent', $4)`,
      [id, ++n, at, notice],
    );
  }
  for (let i = 0; i < (s.pending ?? 0); i++) {
    await db.query(
      `INSERT INTO takedown_notice_items (case_id, notice_number, level, contact, due_at, state) VALUES ($1, $2, 'provider', 'abuse@host.example', $3, 'pending')`,
      [id, ++n, window.now],
    );
  }
}

describe.each([
  ['PostgreSQL', () => createPgTestDb('takedown_statistics')],
  ['PGlite', () => createPgliteTestDb()],
])('takedown statistics on %s', (_name, create) => {
  let t: TestDb;
  let stats: TakedownStatistics;
  beforeAll(async () => {
    t = await create();
    // A: NL, removed after 1 day, first notice 18 h before removal, two notices.
    await seed(t.db, {
      name: 'a',
      state: 'removed',
      firstReported: d('01T00:00:00'),
      confirmed: d('01T02:00:00'),
      removed: d('02T00:00:00'),
      country: 'NL',
      provider: 'Hoster A',
      firstNotice: d('01T06:00:00'),
      sent: [d('01T06:00:00'), d('01T18:00:00')],
    });
    // B: NL, removed after 4 days; its first notice only on the notice rows (first_notice_at unset); one notice still pending.
    await seed(t.db, {
      name: 'b',
      state: 'removed',
      firstReported: d('02T00:00:00'),
      confirmed: d('02T01:00:00'),
      removed: d('06T00:00:00'),
      country: 'NL',
      provider: 'Hoster A',
      sent: [d('02T02:00:00'), d('03T02:00:00'), d('04T02:00:00')],
      pending: 1,
    });
    // C: DE, removed after 12 h, before its one notice went out: no response time.
    await seed(t.db, {
      name: 'c',
      state: 'removed',
      firstReported: d('03T00:00:00'),
      confirmed: d('03T00:30:00'),
      removed: d('03T12:00:00'),
      country: 'DE',
      provider: 'Hoster B',
      firstNotice: d('03T13:00:00'),
      sent: [d('03T13:00:00')],
    });
    // D: DE, no provider, still active and first reported less than 72 h before now: not yet eligible.
    await seed(t.db, { name: 'd', state: 'active', firstReported: d('07T18:00:00'), confirmed: d('07T19:00:00'), country: 'DE', origin: 'auto_list' });
    // E: no country, held, first reported before the window: eligible, not removed.
    await seed(t.db, { name: 'e', state: 'held', firstReported: new Date('2026-11-30T00:00:00Z'), confirmed: d('04T00:00:00'), provider: 'Hoster B' });
    // F: cancelled — left out. G: confirmed before the window, removed in it — only in the per-day removals.
    await seed(t.db, { name: 'f', state: 'cancelled', firstReported: d('03T00:00:00'), confirmed: d('03T01:00:00'), country: 'NL', provider: 'Hoster A' });
    await seed(t.db, {
      name: 'g',
      state: 'removed',
      firstReported: new Date('2026-11-20T00:00:00Z'),
      confirmed: new Date('2026-11-25T00:00:00Z'),
      removed: d('05T00:00:00'),
      country: 'FR',
      provider: 'Hoster C',
    });
    // H: confirmed at the window's end (exclusive) — left out.
    await seed(t.db, { name: 'h', state: 'active', firstReported: d('07T00:00:00'), confirmed: d('08T00:00:00'), country: 'NL', provider: 'Hoster A' });
    stats = await takedownStatistics(t.db, window);
  });
  afterAll(() => t.drop());

  it('counts the confirmed cases of the window, their removals and the time from first report to removal', () => {
    // Removed after 43 200, 86 400 and 345 600 s: median 86 400; p90 = 86 400 + 0.8 × 259 200.
    // Within 72 h: A and C; eligible: the three removed + E (first reported > 72 h before now); D is too young.
    expect(stats.overall).toEqual({
      cases: 5,
      removed: 3,
      open: 2,
      medianSeconds: 86400,
      p90Seconds: 293760,
      removedWithin3Days: 2,
      eligible3Days: 4,
      shareWithin3Days: 0.5,
    });
  });

  it('breaks the figures down per hosting country and per provider, unknown where the trace did not say', () => {
    expect(stats.byCountry).toEqual([
      { key: 'DE', cases: 2, removed: 1, open: 1, medianSeconds: 43200, p90Seconds: 43200, removedWithin3Days: 1, eligible3Days: 1, shareWithin3Days: 1 },
      { key: 'NL', cases: 2, removed: 2, open: 0, medianSeconds: 216000, p90Seconds: 319680, removedWithin3Days: 1, eligible3Days: 2, shareWithin3Days: 0.5 },
      { key: 'unknown', cases: 1, removed: 0, open: 1, medianSeconds: null, p90Seconds: null, removedWithin3Days: 0, eligible3Days: 1, shareWithin3Days: 0 },
    ]);
    expect(stats.byProvider).toEqual([
      {
        key: 'Hoster A',
        cases: 2,
        removed: 2,
        open: 0,
        medianSeconds: 216000,
        p90Seconds: 319680,
        removedWithin3Days: 1,
        eligible3Days: 2,
        shareWithin3Days: 0.5,
      },
      {
        key: 'Hoster B',
        cases: 2,
        removed: 1,
        open: 1,
        medianSeconds: 43200,
        p90Seconds: 43200,
        removedWithin3Days: 1,
        eligible3Days: 2,
        shareWithin3Days: 0.5,
      },
      { key: 'unknown', cases: 1, removed: 0, open: 1, medianSeconds: null, p90Seconds: null, removedWithin3Days: 0, eligible3Days: 0, shareWithin3Days: null },
    ]);
  });

  it('counts sent notices per provider and the time from the first notice to removal', () => {
    // A: 18 h (64 800 s) after its first notice; B: 4 d − 2 h (338 400 s) after its first sent notice. C went before its notice.
    expect(stats.noticesByProvider).toEqual([
      { provider: 'Hoster A', noticesSent: 5, responded: 2, responseMedianSeconds: 201600, responseP90Seconds: 311040 },
      { provider: 'Hoster B', noticesSent: 1, responded: 0, responseMedianSeconds: null, responseP90Seconds: null },
      { provider: 'unknown', noticesSent: 0, responded: 0, responseMedianSeconds: null, responseP90Seconds: null },
    ]);
  });

  it('counts confirmations and removals per UTC day of the window', () => {
    expect(stats.perDay).toEqual([
      { day: '2026-12-01', confirmed: 1, removed: 0 },
      { day: '2026-12-02', confirmed: 1, removed: 1 },
      { day: '2026-12-03', confirmed: 1, removed: 1 },
      { day: '2026-12-04', confirmed: 1, removed: 0 },
      { day: '2026-12-05', confirmed: 0, removed: 1 },
      { day: '2026-12-06', confirmed: 0, removed: 1 },
      { day: '2026-12-07', confirmed: 1, removed: 0 },
    ]);
  });

  it('answers an empty window with zeros, and refuses a window that ends before it starts or spans more than a year', async () => {
    const empty = await takedownStatistics(t.db, { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-01-02T00:00:00Z'), now: window.now });
    expect(empty.overall).toMatchObject({ cases: 0, removed: 0, medianSeconds: null, shareWithin3Days: null });
    expect(empty.byCountry).toEqual([]);
    expect(empty.perDay).toEqual([{ day: '2025-01-01', confirmed: 0, removed: 0 }]);
    await expect(takedownStatistics(t.db, { from: window.to, to: window.from, now: window.now })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(takedownStatistics(t.db, { from: new Date('2025-01-01T00:00:00Z'), to: window.to, now: window.now })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('exports the figures as CSV without any URL, host or e-mail address', () => {
    const csv = statisticsCsv(stats);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'scope,key,cases,removed,open,median_removal_seconds,p90_removal_seconds,removed_within_3_days,eligible_3_days,share_within_3_days,notices_sent,notice_response_median_seconds,notice_response_p90_seconds',
    );
    expect(lines[1]).toBe('overall,all,5,3,2,86400,293760,2,4,0.5,6,,');
    expect(lines).toContain('country,NL,2,2,0,216000,319680,1,2,0.5,,,');
    expect(lines).toContain('provider,Hoster A,2,2,0,216000,319680,1,2,0.5,5,201600,311040');
    expect(lines).toContain('day,2026-12-05,0,1,,,,,,,,,');
    expect(csv).not.toMatch(/https?:|@|host-|\.example/);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('statisticsCsv', () => {
  const zero = { cases: 1, removed: 0, open: 1, medianSeconds: null, p90Seconds: null, removedWithin3Days: 0, eligible3Days: 0, shareWithin3Days: null };
  const stats = (providers: string[]): TakedownStatistics => ({
    from: '2026-12-01T00:00:00.000Z',
    to: '2026-12-02T00:00:00.000Z',
    now: '2026-12-02T00:00:00.000Z',
    overall: zero,
    byCountry: [],
    byProvider: providers.map((key) => ({ key, ...zero })),
    noticesByProvider: [],
    perDay: [],
  });

  it('quotes fields with commas, quotes and line breaks as RFC 4180 says', () => {
    const rows = statisticsCsv(stats(['Hoster, "Best" B.V.', 'Two\nLines'])).split('\r\n');
    expect(rows[2]).toBe('provider,"Hoster, ""Best"" B.V.",1,0,1,,,0,0,,0,,');
    expect(rows[3]).toBe('provider,"Two\nLines",1,0,1,,,0,0,,0,,');
  });

  it('withholds a provider name that carries an address or a link, and defuses spreadsheet formulas', () => {
    const csv = statisticsCsv(stats(['abuse@hoster.test', 'https://hoster.test/x', 'www.hoster.test', '=HYPERLINK("x")', '-1+1']));
    expect(csv).not.toMatch(/hoster\.test|@/);
    const keys = csv
      .split('\r\n')
      .slice(2, 7)
      .map((r) => r.split(',')[1]);
    expect(keys).toEqual(['withheld', 'withheld', 'withheld', `"'=HYPERLINK(""x"")"`, "'-1+1"]);
  });
});
