import { createReviewService } from '@hotline/review';
import { consoleOrigin, ensureConsoleBuilt, launchConsoleBrowser, unexpectedProblems, type ConsoleBrowser } from './support/browser';
import { LogCapture, startEmbedded, stopEmbedded } from './support/pipeline';

/**
 * Issue 9: the console in a real browser (Debian's Chromium) against the real review service. The full analyst
 * flow (log in with TOTP and with a passkey, claim, reveal, classify by shortcut, four-eyes, log out) lands with
 * the accounts and queue back ends; test/support/browser.ts has its helpers.
 */
describe('review console in Chromium', () => {
  const logs = new LogCapture();
  let running: Awaited<ReturnType<typeof startEmbedded>>;
  let b: ConsoleBrowser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    running = await startEmbedded(logs, { factories: [createReviewService] });
    b = await launchConsoleBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await stopEmbedded(running);
  });

  it('loads at / and shows the login screen, with no console error and no CSP violation', async () => {
    const origin = consoleOrigin(running.pipeline.reviewUrl);
    const res = await b.page.goto(`${origin}/`);
    expect(res?.status()).toBe(200);
    await b.page.getByTestId('login-form').waitFor();
    expect(await b.page.getByTestId('login-username').isVisible()).toBe(true);
    expect(await b.page.getByTestId('login-password').isVisible()).toBe(true);
    // The stylesheet applied: the page is the dark theme, not the browser's white default.
    expect(await b.page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(27, 29, 33)');
    await b.screenshot('login');
    expect(unexpectedProblems(b.problems)).toEqual([]);
  });

  it('asks for the second factor after the password, with the passkey first', async () => {
    const origin = consoleOrigin(running.pipeline.reviewUrl);
    await b.page.goto(`${origin}/`);
    await b.page.getByTestId('login-username').fill('analyst1');
    await b.page.getByTestId('login-password').fill('not-a-real-password');
    await b.page.getByTestId('login-continue').click();
    await b.page.getByTestId('login-passkey').waitFor();
    expect(await b.page.getByTestId('login-otp').isVisible()).toBe(true);
    expect(unexpectedProblems(b.problems)).toEqual([]);
  });
});
