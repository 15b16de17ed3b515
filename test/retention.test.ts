import { randomBytes, randomUUID } from 'node:crypto';
import { createContext, ManualClock, startServices, verifyAuditChain, type Db } from '@hotline/platform';
import { createRetentionService } from '@hotline/retention';
import { storeIdentity, type VaultKeys } from '@hotline/identity-vault';
import { planRetention, REMOVED_URL, retentionRules, runRetention, type PlannedRule } from '@hotline/retention-rules';
import { ANONYMISED_CASE_URL } from '@hotline/takedown';
import { cliOn } from '../cli/test/run-cli-on';
import { createPgTestDb, type TestDb } from './support/test-db';
import { inProcessTestBus, LogCapture, testConfig, testSettings, waitFor } from './support/pipeline';

const NOW = new Date('2027-06-15T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const rules = retentionRules(testConfig());

/** The tables retention may touch, each row as text keyed by its primary key. */
const TABLES: Record<string, string> = {
  reports: 'id::text',
  report_urls: 'id::text',
  contents: 'id::text',
  content_blobs: 'key',
  review_items: 'id::text',
  review_sources: 'source_key::text',
  review_decisions: 'id::text',
  report_pickup_codes: 'report_id::text',
  retention_holds: "content_id::text || '/' || holder",
  reporter_identities: 'id::text',
  identity_index: "encode(digest, 'hex') || '/' || identity_id::text",
  identity_deletions: 'identity_id::text',
  chat_reports: 'report_id::text',
  takedown_cases: 'id::text',
  takedown_events: 'id::text',
  takedown_checks: 'id::text',
  takedown_referrals: 'id::text',
};

async function dump(db: Db): Promise<Map<string, string>> {
  const rows = new Map<string, string>();
  for (const [table, key] of Object.entries(TABLES)) {
    for (const r of (await db.query<{ k: string; row: string }>(`SELECT ${key} AS k, t::text AS row FROM ${table} t`)).rows) rows.set(`${table}:${r.k}`, r.row);
  }
  return rows;
}

function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** A takedown case in `state`, last changed `days` ago, with a timeline entry, a check and a referral naming its URL. */
async function seedCase(db: Db, state: 'removed' | 'active', days: number): Promise<{ id: string; keys: string[] }> {
  const id = randomUUID();
  const at = ago(days);
  const url = `https://img.example/case-${id}.jpg`;
  await db.query(
    `INSERT INTO takedown_cases (id, url, url_key, state, origin, classification, first_reported_at, confirmed_at, trace, country, provider_name, abuse_email, removed_at, created_at, updated_at)
     VALUES ($1, $2, sha256(convert_to($2, 'UTF8')), $3, 'decision', '{"verdict":"baseline"}', $4, $4, $5, 'DE', 'Hoster', 'abuse@hoster.example', $6, $4, $4)`,
    [id, url, state, at, JSON.stringify({ url, ip: '192.0.2.7' }), state === 'removed' ? at : null],
  );
  const e = await db.query<{ id: string }>(
    `INSERT INTO takedown_events (case_id, at, kind, details) VALUES ($1, $2, 'traced', '{"ip":"192.0.2.7"}') RETURNING id::text`,
    [id, at],
  );
  const c = await db.query<{ id: string }>(
    `INSERT INTO takedown_checks (case_id, check_number, at, outcome, detail) VALUES ($1, 1, $2, 'absent', 'page no longer shows it') RETURNING id::text`,
    [id, at],
  );
  const referral = randomUUID();
  await db.query(
    `INSERT INTO takedown_referrals (id, case_id, kind, name, channel, address, reason, state, document, created_at) VALUES ($1, $2, 'police', 'Police', 'email', 'unit@police.example', 'domestic', 'sent', $3, $4)`,
    [referral, id, JSON.stringify({ url }), at],
  );
  return { id, keys: [`takedown_cases:${id}`, `takedown_events:${e.rows[0]!.id}`, `takedown_checks:${c.rows[0]!.id}`, `takedown_referrals:${referral}`] };
}

interface Seed {
  report: string;
  urls: string[];
  contents: string[];
}

/** A report with one URL and one content per entry of `contents` (created `days` ago, decided `decidedDaysAgo` ago or undecided). */
async function seedReport(
  db: Db,
  opts: { closedDaysAgo: number | null; contents: Array<{ days: number; decidedDaysAgo: number | null; note?: { daysAgo: number }; held?: Date | null }> },
): Promise<Seed> {
  const report = randomUUID();
  const seed: Seed = { report, urls: [], contents: [] };
  await db.query(`INSERT INTO reports (id, source, description, language, received_at, closed_at) VALUES ($1, 'web', 'seen on a forum', 'en', $2, $3)`, [
    report,
    ago(800),
    opts.closedDaysAgo === null ? null : ago(opts.closedDaysAgo),
  ]);
  await db.query(`INSERT INTO report_pickup_codes (report_id, salt, code_hash) VALUES ($1, $2, $3)`, [report, randomBytes(16), randomBytes(32)]);
  for (const [i, c] of opts.contents.entries()) {
    const url = randomUUID();
    const content = randomUUID();
    seed.urls.push(url);
    seed.contents.push(content);
    await db.query(`INSERT INTO report_urls (id, report_id, position, url, state, final_url) VALUES ($1, $2, $3, $4, 'fetched', $4)`, [
      url,
      report,
      i,
      `https://img.example/${url}.png`,
    ]);
    await db.query(`INSERT INTO content_blobs (key, sealed, byte_size, created_at) VALUES ($1, $2, 3, $3)`, [
      `content/${content}`,
      randomBytes(40),
      ago(c.days),
    ]);
    await db.query(
      `INSERT INTO contents (id, report_id, item_id, origin, source_url, blob_key, mime, byte_size, state, sha256, created_at)
       VALUES ($1, $2, $3, 'url', $4, $5, 'image/png', 3, 'hashed', $6, $7)`,
      [content, report, url, `https://img.example/${url}.png`, `content/${content}`, randomBytes(32).toString('hex'), ago(c.days)],
    );
    const item = randomUUID();
    const sha = (await db.query<{ sha256: string }>('SELECT sha256 FROM contents WHERE id = $1', [content])).rows[0]!.sha256;
    await db.query(
      `INSERT INTO review_items (id, kind, sha256, content_id, report_id, status, decided_at, enqueued_at) VALUES ($1, 'content', $2, $3, $4, $5, $6, $7)`,
      [item, sha, content, report, c.decidedDaysAgo === null ? 'pending' : 'decided', c.decidedDaysAgo === null ? null : ago(c.decidedDaysAgo), ago(c.days)],
    );
    await db.query(`INSERT INTO review_sources (source_key, item_id, report_id, report_url_id, content_id) VALUES ($1, $2, $3, $4, $1)`, [
      content,
      item,
      report,
      url,
    ]);
    if (c.decidedDaysAgo !== null)
      await db.query(
        `INSERT INTO review_decisions (item_id, stage, verdict, iwf_category, note, decided_by, created_at) VALUES ($1, 'first', 'baseline', 'A', $2, $3, $4)`,
        [item, 'host in NL, notice sent', randomUUID(), ago(c.note?.daysAgo ?? c.decidedDaysAgo)],
      );
    if (c.held !== undefined) await db.query(`INSERT INTO retention_holds (content_id, holder, until) VALUES ($1, 'takedown', $2)`, [content, c.held]);
  }
  return seed;
}

const HOUR = 3_600_000;
const keys: VaultKeys = { identityVaultKey: randomBytes(32), identityIndexKey: randomBytes(32) };

/** A chat reporter's identity received `hours` before NOW, linked to `report` as chat-intake links it. */
async function seedIdentity(db: Db, hours: number, report?: string): Promise<string> {
  const id = await storeIdentity(
    db,
    keys,
    { platform: 'telegram', chatId: randomUUID(), userName: `user_${randomUUID().slice(0, 8)}`, phone: '+32 470 00 00 01' },
    new Date(NOW.getTime() - hours * HOUR),
  );
  if (report) await db.query(`INSERT INTO chat_reports (report_id, platform, identity_id) VALUES ($1, 'telegram', $2)`, [report, id]);
  return id;
}

describe('issue 10 item 5: retention', () => {
  let t: TestDb;
  let seeds: Record<string, Seed>;
  let identities: Record<'lost' | 'linked' | 'young', string>;
  let cases: Record<'oldRemoved' | 'recentRemoved' | 'oldActive', { id: string; keys: string[] }>;

  beforeAll(async () => {
    t = await createPgTestDb('retention');
    seeds = {
      // closed 7 months ago: anonymised; its content decided then: bytes go; its decision note is young
      oldReport: await seedReport(t.db, { closedDaysAgo: 213, contents: [{ days: 220, decidedDaysAgo: 213 }] }),
      // closed 2 months ago: kept; one content decided 40 days ago (bytes go), one 10 days ago (bytes stay)
      recentReport: await seedReport(t.db, {
        closedDaysAgo: 60,
        contents: [
          { days: 70, decidedDaysAgo: 40 },
          { days: 70, decidedDaysAgo: 10 },
        ],
      }),
      // open: report untouched; undecided bytes of 100 days stay, of 400 days go (cap), a held one of 400 days stays,
      // one whose hold ended goes
      openReport: await seedReport(t.db, {
        closedDaysAgo: null,
        contents: [
          { days: 100, decidedDaysAgo: null },
          { days: 400, decidedDaysAgo: null },
          { days: 400, decidedDaysAgo: null, held: null },
          { days: 400, decidedDaysAgo: 300, held: ago(1) },
        ],
      }),
      // decided and closed six years ago: everything due, the note too
      ancient: await seedReport(t.db, { closedDaysAgo: 6 * 365, contents: [{ days: 6 * 365 + 5, decidedDaysAgo: 6 * 365 }] }),
    };
    cases = {
      // removed 7 months ago: anonymised; removed 2 months ago: kept; still active after 7 months: kept
      oldRemoved: await seedCase(t.db, 'removed', 213),
      recentRemoved: await seedCase(t.db, 'removed', 60),
      oldActive: await seedCase(t.db, 'active', 213),
    };
    identities = {
      // past IDENTITY_MAX_HOURS (24): its deadline job was lost; destroyed by the scan
      lost: await seedIdentity(t.db, 30),
      // past it too, with an open report whose feedback never came: destroyed, the report stays
      linked: await seedIdentity(t.db, 24.5, seeds.openReport!.report),
      // 23 hours old: its feedback may still come; kept
      young: await seedIdentity(t.db, 23),
    };
  });
  afterAll(() => t.drop());

  let plan: PlannedRule[];
  const idsOf = (rule: string) => new Set(plan.find((p) => p.rule === rule)!.ids);

  it('the dry run selects exactly the rows the rules name, and changes nothing', async () => {
    const before = await dump(t.db);
    plan = await planRetention(t.db, rules, NOW);
    expect(await dump(t.db)).toEqual(before);
    const { oldReport, recentReport, openReport, ancient } = seeds;
    expect(idsOf('content_bytes')).toEqual(
      new Set([oldReport!.contents[0], recentReport!.contents[0], openReport!.contents[1], openReport!.contents[3], ancient!.contents[0]]),
    );
    expect(idsOf('closed_reports')).toEqual(new Set([oldReport!.report, ancient!.report]));
    const ancientDecision = (
      await t.db.query<{ id: string }>(
        `SELECT d.id::text AS id FROM review_decisions d JOIN review_sources s ON s.item_id = d.item_id WHERE s.content_id = $1`,
        [ancient!.contents[0]],
      )
    ).rows[0]!.id;
    expect(idsOf('decision_notes')).toEqual(new Set([ancientDecision]));
    expect(idsOf('reporter_identities')).toEqual(new Set([identities.lost, identities.linked]));
    expect(idsOf('closed_takedown_cases')).toEqual(new Set([cases.oldRemoved!.id]));
  });

  it('the real run changes exactly what the dry run listed, nothing else, and records counts only', async () => {
    const before = await dump(t.db);
    const clock = new ManualClock(NOW);
    const run = await runRetention(t.db, rules, { clock, trigger: 'cli', actor: 'cli', batchSize: 2 });
    const after = await dump(t.db);

    // What the plan implies, row by row.
    const expected = new Set<string>();
    for (const c of idsOf('content_bytes')) expected.add(`contents:${c}`).add(`content_blobs:content/${c}`);
    for (const r of idsOf('closed_reports')) {
      const seed = Object.values(seeds).find((s) => s.report === r)!;
      expected.add(`reports:${r}`).add(`report_pickup_codes:${r}`);
      for (const u of seed.urls) expected.add(`report_urls:${u}`);
      for (const c of seed.contents) expected.add(`contents:${c}`);
    }
    for (const d of idsOf('decision_notes')) expected.add(`review_decisions:${d}`);
    for (const k of cases.oldRemoved!.keys) expected.add(k);
    for (const i of idsOf('reporter_identities')) {
      expected.add(`reporter_identities:${i}`).add(`identity_deletions:${i}`);
      for (const k of before.keys()) if (k.startsWith('identity_index:') && k.endsWith(`/${i}`)) expected.add(k);
    }
    expect(changedKeys(before, after)).toEqual([...expected].sort());
    expect([...before.keys()].filter((k) => k.startsWith('identity_index:')).length).toBe(9);

    expect(run.counts).toEqual({ reporter_identities: 2, content_bytes: 5, closed_reports: 2, closed_takedown_cases: 1, decision_notes: 1 });
    const deletions = await t.db.query<{ identity_id: string; reason: string; deleted_at: Date }>(
      'SELECT identity_id, reason, deleted_at FROM identity_deletions ORDER BY identity_id',
    );
    expect(deletions.rows).toEqual([identities.lost, identities.linked].sort().map((identity_id) => ({ identity_id, reason: 'deadline', deleted_at: NOW })));
    expect((await t.db.query('SELECT 1 FROM chat_reports WHERE identity_id = $1', [identities.linked])).rows).toHaveLength(1);
    const row = (
      await t.db.query<{ trigger: string; counts: unknown; finished_at: Date | null }>(
        'SELECT trigger, counts, finished_at FROM retention_runs WHERE id = $1',
        [run.runId],
      )
    ).rows[0]!;
    expect(row).toEqual({ trigger: 'cli', counts: run.counts, finished_at: NOW });
    const audit = (await t.db.query<{ action: string; details: unknown }>(`SELECT action, details FROM audit_log ORDER BY seq DESC LIMIT 1`)).rows[0]!;
    expect(audit).toEqual({ action: 'retention.run', details: { trigger: 'cli', counts: run.counts } });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    // Counts only: no report or content id retention changed is in its records (decision ids are small numbers, like the counts).
    const records = JSON.stringify([row, audit]);
    for (const p of plan.filter((x) => x.rule !== 'decision_notes')) for (const id of p.ids) expect(records).not.toContain(id);
    expect(records).not.toContain('user_');
    expect(records).not.toContain('img.example');
  });

  it('keeps the figures: hashes, states, timestamps, verdicts; drops URLs, descriptions, notes', async () => {
    const { oldReport, ancient, recentReport } = seeds;
    const report = (await t.db.query('SELECT description, anonymised_at, received_at, closed_at FROM reports WHERE id = $1', [oldReport!.report])).rows[0];
    expect(report).toEqual({ description: null, anonymised_at: NOW, received_at: ago(800), closed_at: ago(213) });
    const url = (await t.db.query('SELECT url, final_url, state FROM report_urls WHERE report_id = $1', [oldReport!.report])).rows;
    expect(url).toEqual([{ url: REMOVED_URL, final_url: null, state: 'fetched' }]);
    const content = (
      await t.db.query<{ source_url: string | null; sha256: string | null; bytes_deleted_at: Date }>(
        'SELECT source_url, sha256, bytes_deleted_at FROM contents WHERE id = $1',
        [ancient!.contents[0]],
      )
    ).rows[0]!;
    expect(content.source_url).toBeNull();
    expect(content.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(content.bytes_deleted_at).toEqual(NOW);
    expect((await t.db.query('SELECT 1 FROM content_blobs WHERE key = $1', [`content/${ancient!.contents[0]}`])).rows).toHaveLength(0);
    const decisions = (
      await t.db.query<{ note: string | null; verdict: string; iwf_category: string }>(
        `SELECT d.note, d.verdict, d.iwf_category FROM review_decisions d JOIN review_sources s ON s.item_id = d.item_id WHERE s.report_id = ANY($1::uuid[]) ORDER BY d.note NULLS FIRST`,
        [[ancient!.report, recentReport!.report]],
      )
    ).rows;
    expect(decisions).toEqual([
      { note: null, verdict: 'baseline', iwf_category: 'A' },
      { note: 'host in NL, notice sent', verdict: 'baseline', iwf_category: 'A' },
      { note: 'host in NL, notice sent', verdict: 'baseline', iwf_category: 'A' },
    ]);
  });

  it('keeps a closed takedown case’s figures and drops its URL, trace, abuse address, referral document and details', async () => {
    const c = (
      await t.db.query('SELECT url, trace, abuse_email, country, provider_name, removed_at, anonymised_at FROM takedown_cases WHERE id = $1', [
        cases.oldRemoved!.id,
      ])
    ).rows[0];
    expect(c).toEqual({
      url: ANONYMISED_CASE_URL,
      trace: null,
      abuse_email: null,
      country: 'DE',
      provider_name: 'Hoster',
      removed_at: ago(213),
      anonymised_at: NOW,
    });
    expect((await t.db.query('SELECT document, address FROM takedown_referrals WHERE case_id = $1', [cases.oldRemoved!.id])).rows).toEqual([
      { document: null, address: null },
    ]);
    expect((await t.db.query('SELECT details FROM takedown_events WHERE case_id = $1', [cases.oldRemoved!.id])).rows).toEqual([{ details: {} }]);
    const kept = await t.db.query<{ url: string }>('SELECT url FROM takedown_cases WHERE id = ANY($1::uuid[])', [
      [cases.recentRemoved!.id, cases.oldActive!.id],
    ]);
    expect(kept.rows.every((r) => r.url.startsWith('https://img.example/'))).toBe(true);
  });

  it('a second run at the same time changes nothing', async () => {
    const before = await dump(t.db);
    const run = await runRetention(t.db, rules, { clock: new ManualClock(NOW), trigger: 'cli', actor: 'cli', batchSize: 2 });
    expect(run.counts).toEqual({ reporter_identities: 0, content_bytes: 0, closed_reports: 0, closed_takedown_cases: 0, decision_notes: 0 });
    expect(await dump(t.db)).toEqual(before);
    expect((await planRetention(t.db, rules, NOW)).every((p) => p.ids.length === 0)).toBe(true);
  });

  it('the CLI: retention --dry-run lists ids per rule, retention runs and prints counts', async () => {
    // A report closed long before today's real clock (the CLI runs on the system clock).
    const fresh = await seedReport(t.db, { closedDaysAgo: 2000, contents: [] });
    const dry = await cliOn(t, 'retention', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`  ${fresh.report}`);
    expect(dry.out.some((l) => /^closed_reports: \d+ row\(s\) — anonymise/.test(l))).toBe(true);
    const json = await cliOn(t, 'retention', '--dry-run', '--json');
    const listed = (JSON.parse(json.out.join('\n')) as PlannedRule[]).find((p) => p.rule === 'closed_reports')!.ids;
    expect(listed).toContain(fresh.report);
    const real = await cliOn(t, 'retention', '--json');
    expect(real.code).toBe(0);
    expect((JSON.parse(real.out[0]!) as { counts: Record<string, number> }).counts.closed_reports).toBe(listed.length);
    expect((await cliOn(t, 'retention', '--dry-run', '--json')).out.join('')).not.toContain(fresh.report);
  });

  it('the service runs the scan once a day on the durable timer', async () => {
    const fresh = await seedReport(t.db, { closedDaysAgo: 300, contents: [] });
    const logs = new LogCapture();
    const clock = new ManualClock('2027-06-16T04:00:00Z');
    const settings = testSettings({ DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: t.schema!, RETENTION_DAILY_AT: '03:30' });
    const ctx = await createContext(settings, { db: t.db, bus: inProcessTestBus(logs.logger), logger: logs.logger, clock });
    const running = await startServices(ctx, [createRetentionService]);
    try {
      const run = await waitFor(
        'the daily retention run',
        async () =>
          (await t.db.query<{ counts: Record<string, number> }>(`SELECT counts FROM retention_runs WHERE trigger = 'schedule' AND finished_at IS NOT NULL`))
            .rows[0],
      );
      expect(run.counts).toMatchObject({ closed_reports: 1 });
      expect((await t.db.query<{ anonymised_at: Date }>('SELECT anonymised_at FROM reports WHERE id = $1', [fresh.report])).rows[0]!.anonymised_at).toEqual(
        clock.now(),
      );
      const job = await t.db.query<{ key: string; state: string }>(`SELECT key, state FROM jobs WHERE name = 'retention.daily' ORDER BY run_at`);
      expect(job.rows).toEqual([
        { key: '2027-06-16', state: 'done' },
        { key: '2027-06-17', state: 'scheduled' },
      ]);
    } finally {
      await running.stop();
    }
  });
});
