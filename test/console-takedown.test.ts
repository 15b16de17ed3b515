import fs from 'node:fs';
import { createReviewService } from '@hotline/review';
import { firstLoginWithOtp, type ConsoleBrowser } from './support/browser';
import { consoleInChromium } from './support/console-suite';
import { LogCapture, type RunningPipeline } from './support/pipeline';
import { createUser, type TestUser } from './support/review-session';
import { seedHeldCase, seedRemovedCase } from './support/takedown-seed';
import type { TestDb } from './support/test-db';

const HELD_URL = 'https://held.example/gallery/1.jpg';
const REMOVED_URL = 'https://cdn.example/media/2.jpg';

/**
 * Issue 11's console side in Chromium against the real review service: two cases seeded straight into the database
 * (the takedown service does not run), a senior reads them, clears the held one, and reads the removal statistics.
 * The steps build on each other, in order.
 */
describe('review console: takedown cases, clearance and statistics in Chromium', () => {
  const logs = new LogCapture();
  let running: { testDb: TestDb; pipeline: RunningPipeline };
  let b: ConsoleBrowser;
  let origin: string;
  let senior: TestUser;
  let held: string;
  let removed: string;
  const db = () => running.testDb.db;

  const suite = consoleInChromium(logs, {
    embedded: () => ({ factories: [createReviewService] }),
    async prepare(r) {
      running = r;
      senior = await createUser(db(), running.pipeline.ctx.secrets.accountsKey, { role: 'senior' });
      held = await seedHeldCase(db(), new Date(), HELD_URL);
      removed = await seedRemovedCase(db(), new Date(), REMOVED_URL);
    },
  });
  beforeAll(() => ({ b, origin } = suite));

  it('lists the cases by state with counts, each URL as text: no link out, no image', async () => {
    await firstLoginWithOtp(b.page, origin, senior);
    await b.page.getByTestId('nav-takedown').click();
    await b.page.getByTestId('case-list').waitFor();
    expect(await b.page.getByTestId('case-row').count()).toBe(2);
    expect(await b.page.getByTestId('case-tab-all').textContent()).toBe('all 2');
    expect(await b.page.getByTestId('case-tab-held').textContent()).toBe('held 1');
    expect(await b.page.getByTestId('case-tab-removed').textContent()).toBe('removed 1');
    expect((await b.page.getByTestId('case-url').allTextContents()).sort()).toEqual([REMOVED_URL, HELD_URL].sort());
    // The only links in the list are the console's own case pages; nothing on the page is an image.
    const hrefs = await b.page
      .getByTestId('case-list')
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.sort()).toEqual([`/takedown/cases/${held}`, `/takedown/cases/${removed}`].sort());
    expect(await b.page.locator('img').count()).toBe(0);
    await b.page.getByTestId('case-tab-held').click();
    await b.page.locator('[data-testid="case-row"][data-state="held"]').waitFor();
    expect(await b.page.getByTestId('case-row').count()).toBe(1);
    await b.screenshot('takedown-01-cases');
  });

  it('opens the held case: trace (IP, country, ASN, provider, abuse contact and its source) and timeline', async () => {
    await b.page.getByTestId('case-link').click();
    await b.page.getByTestId('case-view').waitFor();
    expect(b.page.url()).toContain(held);
    expect(await b.page.getByTestId('case-state').textContent()).toBe('held');
    expect(await b.page.getByTestId('case-url').textContent()).toBe(HELD_URL);
    expect(await b.page.getByTestId('trace-ip').textContent()).toBe('192.0.2.10');
    expect(await b.page.getByTestId('trace-country').textContent()).toContain('NL');
    expect(await b.page.getByTestId('trace-asn').textContent()).toContain('64500');
    expect(await b.page.getByTestId('trace-provider').textContent()).toBe('Polder Hosting');
    expect(await b.page.getByTestId('trace-abuse').textContent()).toContain('abuse@polder-hosting.example');
    expect(await b.page.getByTestId('trace-abuse-source').textContent()).toContain('RDAP');
    expect(await b.page.getByTestId('timeline-referral').textContent()).toContain('National Police');
    expect(await b.page.getByTestId('timeline-referral').textContent()).toContain('signed with key hotline-2026');
    expect(await b.page.getByTestId('timeline-event').allTextContents()).toEqual([
      expect.stringContaining('opened'),
      expect.stringContaining('traced'),
      expect.stringContaining('routed'),
      expect.stringContaining('referral sent'),
    ]);
    expect(await b.page.getByTestId('timeline-notice').count()).toBe(0);
    expect(await b.page.locator('main a[href^="http"], main img').count()).toBe(0);
    await b.screenshot('takedown-02-held-case');
  });

  it('Clear makes the held case active and puts the provider notice in line', async () => {
    await b.page.getByTestId('case-clear').click();
    await b.page.locator('[data-testid="case-view"][data-state="active"]').waitFor();
    expect(await b.page.getByTestId('case-clear').count()).toBe(0);
    expect(await b.page.getByTestId('timeline-notice').textContent()).toContain('provider → abuse@polder-hosting.example · pending');
    const row = await db().query<{ state: string; cleared_by: string }>('SELECT state, cleared_by FROM takedown_cases WHERE id = $1', [held]);
    expect(row.rows).toEqual([{ state: 'active', cleared_by: senior.id }]);
    const notices = await db().query<{ notice_number: number; level: string; state: string }>(
      'SELECT notice_number, level, state FROM takedown_notice_items WHERE case_id = $1',
      [held],
    );
    expect(notices.rows).toEqual([{ notice_number: 1, level: 'provider', state: 'pending' }]);
    await b.screenshot('takedown-03-cleared');
  });

  it('shows the removed case’s CDN origin, notices, checks and referral', async () => {
    await b.page.goto(`${origin}/takedown/cases/${removed}`);
    await b.page.getByTestId('case-view').waitFor();
    expect(await b.page.getByTestId('case-state').textContent()).toBe('removed');
    expect(await b.page.getByTestId('trace-cdn').textContent()).toBe('cdn.example → origin.rhein-hosting.example');
    expect(await b.page.getByTestId('trace-abuse-source').textContent()).toContain('CDN origin rule');
    expect(await b.page.getByTestId('timeline-notice').allTextContents()).toEqual([
      expect.stringContaining('notice 1 provider → abuse@rhein-hosting.example · sent'),
      expect.stringContaining('notice 2 provider → abuse@rhein-hosting.example · sent'),
    ]);
    expect(await b.page.getByTestId('timeline-check').allTextContents()).toEqual([
      expect.stringContaining('present · HTTP 200'),
      expect.stringContaining('absent · HTTP 404'),
      expect.stringContaining('absent · HTTP 404'),
    ]);
    expect(await b.page.getByTestId('timeline-referral').textContent()).toContain('Hotline DE DE via email · pending · signed with key hotline-2026');
    // A closed case offers no action.
    expect(await b.page.getByTestId('case-actions').count()).toBe(0);
    await b.screenshot('takedown-04-removed-case');
  });

  it('shows the removal statistics with charts, and downloads a CSV without any URL', async () => {
    await b.page.getByTestId('nav-takedown').click();
    await b.page.getByTestId('takedown-statistics-link').click();
    await b.page.getByTestId('stats-removed').waitFor();
    expect(await b.page.getByTestId('stats-cases').textContent()).toBe('2');
    expect(await b.page.getByTestId('stats-removed').textContent()).toBe('1');
    expect(await b.page.getByTestId('stats-open').textContent()).toBe('1');
    // First reported 52 h ago, removed 23 h ago.
    expect(await b.page.getByTestId('stats-median').textContent()).toBe('29.0 h');
    expect(await b.page.getByTestId('stats-within-3-days').textContent()).toBe('100 %');
    expect(await b.page.getByTestId('chart-removed').locator('svg rect').count()).toBe(30);
    expect(await b.page.getByTestId('stats-notices').textContent()).toContain('Rhein Hosting');
    await b.screenshot('takedown-05-statistics');

    const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.getByTestId('stats-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^takedown-statistics-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[1]).toMatch(/^overall,all,2,1,1,104400,104400,1,1,1,2,,$/);
    expect(csv).toContain('provider,Rhein Hosting,1,1,0');
    expect(csv).not.toMatch(/https?:|@|\.example|192\.0\.2|198\.51\.100/);
  });
});
