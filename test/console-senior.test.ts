import { createReviewService, type ReviewContext } from '@hotline/review';
import type { Page } from 'playwright-core';
import { firstLoginWithOtp, type ConsoleBrowser } from './support/browser';
import { consoleInChromium } from './support/console-suite';
import { texturedPng } from './support/images';
import { LogCapture, type RunningPipeline } from './support/pipeline';
import { seedContent } from './support/review-seed';
import { createUser, type TestUser } from './support/review-session';
import type { TestDb } from './support/test-db';

/**
 * Issue 9's senior side and the console's answers to the back end's refusals, in Chromium against the real review
 * service (items seeded straight into its database, no fetch pipeline): the break reminder, four-eyes
 * disagreement → disputed → a senior settles it side by side, a senior revision, a bulk decision with a skipped
 * item, the passive files, and an item whose bytes retention deleted. The steps build on each other, in order.
 */
describe('review console: seniors, disputes, bulk decisions and wellness in Chromium', () => {
  const logs = new LogCapture();
  let running: { testDb: TestDb; pipeline: RunningPipeline };
  let ctx: ReviewContext;
  let b: ConsoleBrowser;
  let origin: string;
  let analystA: TestUser;
  let analystB: TestUser;
  let senior: TestUser;
  let disputed: { reportId: string; itemId: string };
  const db = () => running.testDb.db;
  const itemOf = async (contentId: string) =>
    (await db().query<{ id: string }>('SELECT item_id AS id FROM review_sources WHERE content_id = $1', [contentId])).rows[0]!.id;
  const status = async (itemId: string) => (await db().query<{ status: string }>('SELECT status FROM review_items WHERE id = $1', [itemId])).rows[0]!.status;

  const suite = consoleInChromium(logs, {
    embedded: () => ({ factories: [createReviewService] }),
    async prepare(r) {
      running = r;
      ctx = running.pipeline.ctx as unknown as ReviewContext;
      const key = running.pipeline.ctx.secrets.accountsKey;
      analystA = await createUser(db(), key, { role: 'analyst' });
      analystB = await createUser(db(), key, { role: 'analyst' });
      senior = await createUser(db(), key, { role: 'senior' });
      // Four-eyes on, and the shortest break interval the settings allow.
      await db().query('UPDATE review_settings SET four_eyes = true, break_every_minutes = 5');
      const c = await seedContent(ctx, { blob: await texturedPng(240, 180, 41) });
      disputed = { reportId: c.reportId, itemId: await itemOf(c.contentId) };
    },
  });
  beforeAll(() => ({ b, origin } = suite));

  it('reminds analyst A to take a break when a reveal makes one due, then A decides baseline (awaiting a second analyst)', async () => {
    await firstLoginWithOtp(b.page, origin, analystA);
    // A has been viewing for ten minutes without a pause (break_every_minutes is 5): the next reveal makes a break due.
    const now = Date.now();
    await db().query(`INSERT INTO review_exposure (user_id, day, reveals, streak_started_at, last_reveal_at) VALUES ($1, $2, 3, $3, $4)`, [
      analystA.id,
      new Date(now).toISOString().slice(0, 10),
      new Date(now - 10 * 60_000),
      new Date(now - 60_000),
    ]);
    await b.page.getByTestId('next-item').click();
    await b.page.getByTestId('classification-form').waitFor();
    expect(b.page.url()).toContain(disputed.itemId);
    expect(await b.page.getByTestId('break-dialog').count()).toBe(0);
    await b.page.getByTestId('reveal').click();
    await b.page.getByTestId('break-dialog').waitFor();
    expect(await b.page.getByTestId('break-dialog').textContent()).toContain('5 minutes');
    await b.screenshot('senior-01-break-reminder');
    await b.page.getByTestId('break-dismiss').click();
    await b.page.getByTestId('break-dialog').waitFor({ state: 'detached' });

    await b.page.locator('body').click({ position: { x: 5, y: 5 } });
    await b.page.keyboard.press('b');
    await b.page.keyboard.press('1');
    await b.page.keyboard.press('Enter');
    await b.page.getByTestId('decision-recorded').waitFor();
    expect(await status(disputed.itemId)).toBe('awaiting_second');
    await logout(b.page);
  });

  it('analyst B disagrees (not illegal): the item is disputed and B sees both decisions but no form', async () => {
    await firstLoginWithOtp(b.page, origin, analystB);
    await b.page.getByTestId('next-item').click();
    await b.page.getByTestId('four-eyes-first').waitFor();
    expect(b.page.url()).toContain(disputed.itemId);
    await b.page.locator('body').click({ position: { x: 5, y: 5 } });
    await b.page.keyboard.press('x');
    await b.page.keyboard.press('Enter');
    await b.page.getByTestId('disputed-decisions').waitFor();
    expect(await status(disputed.itemId)).toBe('disputed');
    expect(await b.page.getByTestId('disputed-first').getByTestId('decision-verdict').textContent()).toBe('baseline');
    expect(await b.page.getByTestId('disputed-second').getByTestId('decision-verdict').textContent()).toBe('not illegal');
    expect(await b.page.getByTestId('disputed-second').textContent()).toContain('by you');
    expect(await b.page.getByTestId('classification-form').count()).toBe(0);
  });

  it('B decides a whole report at once: the items nobody holds are decided, the one another analyst holds is skipped with the reason', async () => {
    const first = await seedContent(ctx, { blob: await texturedPng(64, 64, 50) });
    const report = first.reportId;
    const contents = [first];
    for (const seed of [51, 52]) contents.push(await seedContent(ctx, { reportId: report, blob: await texturedPng(64, 64, seed) }));
    // One of the report's items is held by A right now.
    const items = await Promise.all(contents.map((c) => itemOf(c.contentId)));
    await db().query(`UPDATE review_items SET claimed_by = $2, lease_until = now() + interval '10 minutes' WHERE id = $1`, [items[2], analystA.id]);

    await b.page.goto(`${origin}/reports/${report}`);
    await b.page.getByTestId('bulk-decision').waitFor();
    await b.page.getByTestId('bulk-decision').getByTestId('verdict-not_illegal').click();
    await b.page.getByTestId('bulk-decision').getByTestId('submit-decision').click();
    await b.page.getByTestId('bulk-recorded').waitFor();
    expect(await b.page.getByTestId('bulk-decided').locator('li').count()).toBe(2);
    const skipped = b.page.getByTestId('bulk-skipped').locator('li');
    expect(await skipped.count()).toBe(1);
    expect(await skipped.first().getAttribute('data-code')).toBe('leased_by_other');
    expect(await skipped.first().textContent()).toContain('Another analyst holds this item.');
    await b.screenshot('senior-02-bulk-decision');
    expect(await Promise.all(items.map(status))).toEqual(['decided', 'decided', 'pending']);
    await logout(b.page);
  });

  it('a senior claims the disputed item, sees both decisions side by side, and settles it', async () => {
    await firstLoginWithOtp(b.page, origin, senior);
    await b.page.getByTestId('next-item').click();
    await b.page.getByTestId('disputed-decisions').waitFor();
    expect(b.page.url()).toContain(disputed.itemId);
    expect(await b.page.getByTestId('disputed-first').getByTestId('decision-verdict').textContent()).toBe('baseline');
    expect(await b.page.getByTestId('disputed-second').getByTestId('decision-verdict').textContent()).toBe('not illegal');
    await b.screenshot('senior-03-disputed-side-by-side');
    await b.page.locator('body').click({ position: { x: 5, y: 5 } });
    await b.page.keyboard.press('b');
    await b.page.keyboard.press('2');
    await b.page.keyboard.press('Enter');
    await b.page.getByTestId('decision-recorded').waitFor();
    expect(await status(disputed.itemId)).toBe('decided');
    await b.page.getByTestId('decision-history').waitFor();
    expect(await b.page.getByTestId('decision-history').locator('li').count()).toBe(3);
  });

  it('the senior revises the decided item from the item view; the revision joins the history', async () => {
    await b.page.goto(`${origin}/items/${disputed.itemId}`);
    await b.page.getByTestId('revise-decision').click();
    await b.page.getByTestId('revision-form').waitFor();
    // The form starts with the effective decision (baseline, IWF B); the senior changes the verdict.
    expect(await b.page.getByTestId('verdict-baseline').getAttribute('aria-pressed')).toBe('true');
    expect(await b.page.getByTestId('iwf-category').inputValue()).toBe('B');
    await b.page.getByTestId('verdict-national').click();
    await b.page.getByTestId('decision-note').fill('illegal here, not everywhere');
    await b.page.getByTestId('submit-decision').click();
    await b.page.getByTestId('decision-recorded').waitFor();
    const history = b.page.getByTestId('decision-history').locator('li');
    await waitForCount(history, 4);
    expect(await history.last().locator('[data-stage]').getAttribute('data-stage')).toBe('revision');
    expect(await history.last().getByTestId('decision-verdict').textContent()).toBe('national');
    await b.screenshot('senior-04-revision');
    const rows = await db().query<{ stage: string; verdict: string }>('SELECT stage, verdict FROM review_decisions WHERE item_id = $1 ORDER BY id', [
      disputed.itemId,
    ]);
    expect(rows.rows).toEqual([
      { stage: 'first', verdict: 'baseline' },
      { stage: 'second', verdict: 'not_illegal' },
      { stage: 'senior', verdict: 'baseline' },
      { stage: 'revision', verdict: 'national' },
    ]);
  });

  it('the senior finds the closed report in the passive files and opens it', async () => {
    await b.page.getByTestId('nav-files').click();
    const link = b.page.getByTestId('closed-reports').locator(`a[href="/reports/${disputed.reportId}"]`);
    await link.waitFor();
    await b.screenshot('senior-05-closed-reports');
    await link.click();
    await b.page.getByTestId('report-view').waitFor();
    expect(await b.page.getByTestId('report-view').textContent()).toContain('closed');
    expect(await b.page.getByTestId('report-items').locator('li').count()).toBe(1);
  });

  it('an item whose bytes retention deleted says so instead of offering Reveal', async () => {
    const c = await seedContent(ctx, { blob: await texturedPng(64, 48, 77) });
    const itemId = await itemOf(c.contentId);
    await db().query('UPDATE contents SET bytes_deleted_at = now() WHERE id = $1', [c.contentId]);
    await db().query('DELETE FROM content_blobs WHERE key = $1', [`content/${c.contentId}`]);
    // Retention's upper limit (RETENTION_CONTENT_MAX_DAYS) can reach an item still waiting: it is claimed as any other.
    await b.page.getByTestId('nav-queue').click();
    await b.page.getByTestId('next-item').click();
    await b.page.getByTestId('content-missing').waitFor();
    expect(b.page.url()).toContain(itemId);
    await b.page.getByTestId('classification-form').waitFor();
    expect(await b.page.getByTestId('content-missing').textContent()).toContain('deleted under the retention rules; hashes remain');
    expect(await b.page.getByTestId('reveal').count()).toBe(0);
    await b.screenshot('senior-06-content-missing');
    await logout(b.page);
  });
});

async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
}

async function waitForCount(locator: ReturnType<Page['locator']>, n: number): Promise<void> {
  await locator.nth(n - 1).waitFor();
  expect(await locator.count()).toBe(n);
}
