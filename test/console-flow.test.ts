import { createReviewService } from '@hotline/review';
import { reviewDecided, type ReviewDecided } from '@hotline/platform';
import type { Locator, Page } from 'playwright-core';
import { addVirtualAuthenticator, firstLoginWithOtp, type ConsoleBrowser } from './support/browser';
import { consoleInChromium, FIRST_LOGIN_409 } from './support/console-suite';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { texturedPng } from './support/images';
import { LogCapture, postReport, waitFor, type RunningPipeline } from './support/pipeline';
import { createUser, totpNow, type TestUser } from './support/review-session';
import type { TestDb } from './support/test-db';
import { createFetcherService } from '@hotline/fetcher';
import { createHasherService } from '@hotline/hasher';
import { createIntakeService } from '@hotline/intake-web';
import { createMatcherService } from '@hotline/matcher';

/**
 * Issue 9 end to end: reports of two synthetic images reach the queue through the real pipeline, and analysts work
 * them in Debian's Chromium against the real review service — TOTP login with the first-login password change,
 * an admin turning four-eyes on behind re-authentication, claim, server-blurred thumbnails, an audited reveal,
 * classification by keyboard, and a second analyst confirming with a passkey. The steps share one browser and
 * build on each other, in order.
 */
describe('review console: the analyst flow in Chromium', () => {
  const logs = new LogCapture();
  let site: HostingSite;
  let running: { testDb: TestDb; pipeline: RunningPipeline };
  let b: ConsoleBrowser;
  let origin: string;
  let admin: TestUser;
  let analystA: TestUser;
  let analystB: TestUser;
  let reportId: string;
  let firstItem: string;
  const decided: ReviewDecided[] = [];
  const requests: string[] = [];

  const suite = consoleInChromium(logs, {
    async embedded() {
      site = await startHostingSite({
        '/one.png': { headers: { 'content-type': 'image/png' }, body: await texturedPng(400, 300, 11) },
        '/two.png': { headers: { 'content-type': 'image/png' }, body: await texturedPng(360, 360, 29) },
      });
      return {
        env: { FETCH_ALLOW_HOSTS: site.hostPort },
        factories: [createIntakeService, createFetcherService, createHasherService, createMatcherService, createReviewService],
      };
    },
    async prepare(r) {
      running = r;
      await running.pipeline.ctx.bus.subscribe(reviewDecided, { group: 'test-observer' }, async (e) => void decided.push(e));
      const key = running.pipeline.ctx.secrets.accountsKey;
      const db = running.testDb.db;
      admin = await createUser(db, key, { role: 'admin' });
      analystA = await createUser(db, key, { role: 'analyst' });
      analystB = await createUser(db, key, { role: 'analyst' });

      const res = await postReport(running.pipeline.intakeUrl, { urls: [`${site.url}/one.png`, `${site.url}/two.png`], description: 'console flow test' });
      expect(res.status).toBe(202);
      reportId = ((await res.json()) as { reportId: string }).reportId;
      await waitFor('both images queued', async () => {
        const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_items WHERE kind = 'content' AND status = 'pending'`);
        return r.rows[0]!.n === 2;
      });
    },
    cleanup: async () => site?.close(),
    // The first login's password change, and the user list refused until the admin re-authenticates.
    allowed: [FIRST_LOGIN_409, /status of 403 .*\/api\/users\)$/],
  });
  beforeAll(() => {
    ({ b, origin } = suite);
    b.page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  });

  it('an admin logs in with TOTP, sets a password, and turns four-eyes on after re-authenticating', async () => {
    await firstLoginAs(b.page, origin, admin, 'admin');
    // The first login (password set, second factor proved) counts as a re-authentication: the user list loads at once.
    await b.page.getByTestId('nav-admin').click();
    await b.page.getByTestId('user-list').getByText(analystA.username).waitFor();
    expect(await b.page.getByTestId('reauth-dialog').count()).toBe(0);
    // Ten minutes later (REVIEW_REAUTH_MINUTES is 5) that proof is stale.
    await running.testDb.db.query(`UPDATE sessions SET reauthenticated_at = reauthenticated_at - interval '10 minutes'`);
    await b.page.getByTestId('nav-queue').click();
    await b.page.getByTestId('nav-admin').click();
    // The user list needs a recent re-authentication: the dialog asks for it, then the list loads.
    await b.page.getByTestId('reauth-dialog').waitFor();
    await b.page.getByTestId('reauth-password').fill(admin.password);
    await b.page.getByTestId('reauth-otp').fill(await totpNow(admin.totpSecret));
    await b.screenshot('flow-01-admin-reauth');
    await b.page.getByTestId('reauth-submit').click();
    await b.page.getByTestId('user-list').getByText(analystA.username).waitFor();
    await b.page.getByTestId('setting-four-eyes').check();
    await b.page.getByTestId('settings-save').click();
    await b.page.getByTestId('settings-form').getByText('Saved.').waitFor();
    await b.screenshot('flow-02-admin-four-eyes');
    const s = await running.testDb.db.query<{ four_eyes: boolean }>('SELECT four_eyes FROM review_settings');
    expect(s.rows[0]!.four_eyes).toBe(true);
  });

  it('the admin’s dashboard, closed files and account screens load', async () => {
    await b.page.getByTestId('nav-dashboard').click();
    await b.page.getByTestId('chart-open').waitFor();
    expect(await b.page.getByTestId('dashboard').textContent()).toContain('Decisions today');
    await b.screenshot('flow-03-dashboard');
    await b.page.getByTestId('nav-files').click();
    await b.page.getByTestId('closed-reports').waitFor({ state: 'attached' });
    await b.screenshot('flow-04-closed-files');
    await b.page.getByTestId('nav-account').click();
    await b.page.getByTestId('passkey-list').waitFor({ state: 'attached' });
    await b.page.getByTestId('token-list').waitFor({ state: 'attached' });
    await b.screenshot('flow-05-account');
    await logout(b.page);
  });

  it('analyst A logs in with TOTP (first login: new password) and sees the queue with server-blurred thumbnails only', async () => {
    requests.length = 0;
    await firstLoginAs(b.page, origin, analystA, 'analyst');
    await b.page.getByTestId('queue-list').waitFor();
    expect(await b.page.getByTestId('queue-item').count()).toBe(2);
    const thumbs = b.page.locator('[data-testid="queue-item"] img');
    await waitFor(
      'thumbnails decoded',
      async () => (await thumbs.evaluateAll((imgs) => imgs.every((i) => (i as any).complete && (i as any).naturalWidth > 0))) || undefined,
    );
    for (const src of await thumbs.evaluateAll((imgs) => imgs.map((i) => (i as any).getAttribute('src') as string)))
      expect(src).toMatch(/^\/api\/items\/[0-9a-f-]{36}\/thumbnail$/);
    // What the browser received is what the server blurred: grey (r = g = b) and small.
    // (The root tsconfig has no DOM types: this runs in the page.)
    const pixels = await thumbs.first().evaluate((img: any) => {
      const c = (globalThis as any).document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const d: Uint8ClampedArray = g.getImageData(0, 0, c.width, c.height).data;
      let colour = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i]! - d[i + 1]!) > 2 || Math.abs(d[i + 1]! - d[i + 2]!) > 2) colour++;
      return { w: img.naturalWidth as number, h: img.naturalHeight as number, colour };
    });
    expect(pixels).toMatchObject({ colour: 0 });
    expect(Math.max(pixels.w, pixels.h)).toBeLessThanOrEqual(160);
    await b.screenshot('flow-06-queue');
    expect(requests.filter((p) => p.endsWith('/image'))).toEqual([]);
  });

  it('A claims the next item; nothing full-size loads before Reveal, and the reveal is audited', async () => {
    await b.page.getByTestId('next-item').click();
    await b.page.getByTestId('item-view').waitFor();
    await b.page.getByTestId('classification-form').waitFor();
    firstItem = /\/items\/([0-9a-f-]{36})/.exec(b.page.url())![1]!;
    expect(await b.page.getByTestId('item-view').getAttribute('data-status')).toBe('pending');
    expect(await b.page.getByTestId('image-meta').textContent()).toMatch(/image\/png · \d+×\d+/);
    await b.screenshot('flow-07-item-before-reveal');
    expect(requests.filter((p) => p.endsWith('/image'))).toEqual([]);

    const image = b.page.waitForResponse((r) => r.url().endsWith(`/api/items/${firstItem}/image`));
    await b.page.getByTestId('reveal').click();
    expect((await image).status()).toBe(200);
    await b.page.getByTestId('image').waitFor();
    expect(await b.page.getByTestId('image').getAttribute('data-clear')).toBe('false');
    await b.page.getByTestId('exposure-counter').getByText('Viewed today: 1').waitFor();
    await b.screenshot('flow-08-item-revealed');
    const audit = await running.testDb.db.query<{ username: string | null }>(
      `SELECT u.username FROM audit_log a LEFT JOIN users u ON u.id::text = a.actor WHERE a.action = 'item.revealed' AND a.subject = $1`,
      [firstItem],
    );
    expect(audit.rows).toEqual([{ username: analystA.username }]);
  });

  it('A classifies it as baseline by keyboard (b, 1, Enter): with four-eyes it awaits a second analyst', async () => {
    await b.page.locator('body').click({ position: { x: 5, y: 5 } });
    await b.page.keyboard.press('b');
    await b.page.keyboard.press('1');
    expect(await b.page.getByTestId('verdict-baseline').getAttribute('aria-pressed')).toBe('true');
    await b.page.keyboard.press('Enter');
    await b.page.getByTestId('decision-recorded').waitFor();
    expect(await b.page.getByTestId('item-view').getAttribute('data-status')).toBe('awaiting_second');
    await b.screenshot('flow-09-awaiting-second');
    const row = await running.testDb.db.query<{ status: string }>('SELECT status FROM review_items WHERE id = $1', [firstItem]);
    expect(row.rows[0]!.status).toBe('awaiting_second');
  });

  it('A opens the report of the item, then takes the other image and decides it not illegal (x, Enter)', async () => {
    await b.page.goto(`${origin}/reports/${reportId}`);
    await b.page.getByTestId('report-view').waitFor();
    expect(await b.page.getByTestId('report-description').textContent()).toBe('console flow test');
    expect(await b.page.getByTestId('report-urls').locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await b.page.getByTestId('report-items').locator('li').count()).toBe(2);
    await b.screenshot('flow-10-report');

    await b.page.getByTestId('nav-queue').click();
    await b.page.getByTestId('next-item').click();
    await b.page.getByTestId('classification-form').waitFor();
    expect(b.page.url()).not.toContain(firstItem);
    await b.page.locator('body').click({ position: { x: 5, y: 5 } });
    await b.page.keyboard.press('x');
    await b.page.keyboard.press('Enter');
    await b.page.getByTestId('decision-recorded').waitFor();
    expect(await b.page.getByTestId('item-view').getAttribute('data-status')).toBe('decided');
    // A decided both: nothing is left for A (the first awaits someone else).
    await b.page.getByTestId('after-decision-queue').click();
    await b.page.getByTestId('next-item').click();
    await b.page.getByTestId('queue-empty').waitFor();
    await logout(b.page);
  });

  it('analyst B logs in, adds a passkey on the Account screen, and logs in again with it', async () => {
    await firstLoginAs(b.page, origin, analystB, 'analyst');
    const authenticator = await addVirtualAuthenticator(b.page);
    await b.page.getByTestId('nav-account').click();
    await b.page.getByTestId('passkey-name').fill('virtual authenticator');
    await b.page.getByTestId('passkey-add').click();
    await shown(b.page, b.page.getByTestId('passkey-list').getByText('virtual authenticator'));
    expect(await authenticator.credentials()).toHaveLength(1);
    await b.screenshot('flow-11-passkey-added');
    await logout(b.page);

    await b.page.getByTestId('login-username').fill(analystB.username);
    await b.page.getByTestId('login-password').fill(analystB.password);
    await b.page.getByTestId('login-continue').click();
    await b.page.getByTestId('login-passkey').click();
    await b.page.getByTestId('logout').waitFor();
    const login = await running.testDb.db.query<{ details: unknown }>(
      `SELECT details FROM audit_log WHERE action = 'login.succeeded' AND actor = $1 ORDER BY seq`,
      [analystB.id],
    );
    expect(JSON.stringify(login.rows.at(-1)!.details)).toContain('passkey');
  });

  it('B claims the item awaiting a second look, confirms it by keyboard, and review.decided is published', async () => {
    await b.page.getByTestId('next-item').click();
    await b.page.getByTestId('four-eyes-first').waitFor();
    expect(b.page.url()).toContain(firstItem);
    expect(await b.page.getByTestId('four-eyes-first').textContent()).toContain('baseline');
    await b.screenshot('flow-12-four-eyes-second');
    await b.page.locator('body').click({ position: { x: 5, y: 5 } });
    await b.page.keyboard.press('b');
    await b.page.keyboard.press('1');
    await b.page.keyboard.press('Enter');
    await b.page.getByTestId('decision-recorded').waitFor();
    expect(await b.page.getByTestId('item-view').getAttribute('data-status')).toBe('decided');
    await b.screenshot('flow-13-decided');
    const row = await running.testDb.db.query<{ status: string }>('SELECT status FROM review_items WHERE id = $1', [firstItem]);
    expect(row.rows[0]!.status).toBe('decided');
    const event = await waitFor('review.decided of the item on the bus', async () => decided.find((e) => e.itemId === firstItem));
    expect(event).toMatchObject({ kind: 'content', reportIds: [reportId], classification: { verdict: 'baseline', iwfCategory: 'A' }, autoResolved: false });
    await logout(b.page);
    await b.screenshot('flow-14-logged-out');
  });
});

/**
 * Page problems less the refusals the flow provokes on purpose, which Chromium logs as failed loads: the session
 * probe while logged out, the one-time password's 409, and the 403 that opens the re-authentication dialog.
 */

/** The first login, and the header then names the user with their role. */
async function firstLoginAs(page: Page, origin: string, user: TestUser, role: string): Promise<void> {
  await firstLoginWithOtp(page, origin, user);
  expect(await page.getByTestId('current-user').textContent()).toBe(`${user.username} (${role})`);
}

/** Waits for `what`, or fails at once with the error the console shows instead. */
async function shown(page: Page, what: Locator): Promise<void> {
  const alert = page.getByRole('alert').first();
  const failed = alert.waitFor().then(
    async () => {
      throw new Error(`the console showed an error: ${await alert.textContent()}`);
    },
    () => new Promise<never>(() => {}),
  );
  await Promise.race([what.waitFor(), failed]);
}

async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
}
