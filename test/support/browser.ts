/**
 * Browser tests of the review console: Debian's Chromium driven by playwright-core (no downloaded browser build).
 *
 * Stable data-testids of the console (keep this list in step with services/review/console/src):
 *   login:    login-form, login-username, login-password, login-continue, login-passkey, login-otp, login-submit,
 *             login-error, login-notice, password-change-form, login-new-password, login-new-password-repeat,
 *             login-change-password
 *   header:   nav-queue, nav-dashboard, nav-files, nav-account, nav-admin, exposure-counter, current-user, logout,
 *             break-dialog, break-dismiss
 *   queue:    queue-kind, next-item, queue-empty, queue-total, queue-list, queue-item, queue-bytes-deleted
 *   item:     item-view (data-status), item-status, back-to-queue, lease-lost, prefill-banner, four-eyes-first,
 *             item-url, url-reason, item-sources, source-report, item-matches, image-meta, reveal, image
 *             (data-clear="true" while held), image-error, decision-recorded, after-decision-queue, decision-error,
 *             item-not-visible, lease-required, lease-required-queue, lease-expired, lease-expired-reload,
 *             content-missing, item-match, false-positive, false-positive-confirm, false-positive-done,
 *             false-positive-error, disputed-decisions, disputed-first, disputed-second, decision-verdict,
 *             decision-history, revise-decision, revision-form, video-meta, frame-strip, matched-frame
 *             (data-timestamp-ms), video-matches, video-match, no-matched-frames, video (data-clear), video-error,
 *             video-matched-note
 *   classify: classification-form, verdict-baseline, verdict-national, verdict-not_illegal, verdict-not_reachable,
 *             iwf-category, industry, age-group, content-type, site-type, decision-note, submit-decision, show-help,
 *             help-overlay
 *   report:   report-view, report-description, report-urls, report-items, bulk-decision, bulk-recorded, bulk-decided,
 *             bulk-skipped (li data-code)
 *   takedown: nav-takedown, case-tabs, case-tab-<all|state>, case-list, case-row (data-state), case-link, case-url, cases-empty,
 *             takedown-statistics-link, case-view (data-state), case-state, case-reason, case-cleared, case-removed,
 *             case-actions, case-clear, case-retrace, case-cancel, case-cancel-form, case-cancel-reason,
 *             case-cancel-confirm, case-error, case-trace, trace-ip, trace-country, trace-asn, trace-provider, trace-abuse,
 *             trace-abuse-source, trace-cdn, case-timeline, timeline-event, timeline-notice, timeline-check,
 *             timeline-referral, takedown-statistics, stats-from, stats-to, stats-apply, stats-csv, stats-cases,
 *             stats-removed, stats-open, stats-median, stats-p90, stats-within-3-days, chart-confirmed, chart-removed,
 *             chart-country, stats-by-country, stats-by-provider, stats-notices
 *   other:    dashboard, decisions-today, chart-open, chart-per-day, closed-reports, closed-report, closed-report-link, blur-strength, blur-save,
 *             passkey-list, passkey-name, passkey-add, totp-start, totp-qr, totp-uri, totp-confirm-otp, totp-confirm,
 *             token-list, token-name, token-create, token-created, user-list, new-user-name, new-user-role,
 *             new-user-create, new-user-secret, new-user-password, settings-form, setting-four-eyes, settings-save,
 *             reauth-dialog, reauth-password, reauth-passkey, reauth-otp, reauth-submit, reauth-error, admin-error
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { totpNow, type TestUser } from './review-session';

const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CONSOLE_DIST = path.join(ROOT, 'services/review/console/dist');
export const ARTIFACTS = path.join(ROOT, 'test/artifacts/console');

/**
 * The built console, or a build now: CI's `npm ci` builds it (postinstall), but a developer who changed the
 * console's sources or removed dist/ gets a fresh one. A failing build fails the test with Vite's output.
 */
export function ensureConsoleBuilt(): void {
  if (fs.existsSync(path.join(CONSOLE_DIST, 'index.html')) && !sourcesNewerThanBuild()) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'services/review/console/build-if-installed.mjs')], { cwd: ROOT, stdio: 'pipe' });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`building the review console failed (npm run build:console):\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`, { cause: err });
  }
  if (!fs.existsSync(path.join(CONSOLE_DIST, 'index.html')))
    throw new Error('the review console was not built: is Vite installed? Run npm ci, then npm run build:console.');
}

function sourcesNewerThanBuild(): boolean {
  const built = fs.statSync(path.join(CONSOLE_DIST, 'index.html')).mtimeMs;
  const dir = path.join(ROOT, 'services/review/console');
  const newest = (d: string): number =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .map((e) => (e.isDirectory() ? newest(path.join(d, e.name)) : fs.statSync(path.join(d, e.name)).mtimeMs))
      .reduce((a, b) => Math.max(a, b), 0);
  return (
    Math.max(newest(path.join(dir, 'src')), fs.statSync(path.join(dir, 'index.html')).mtimeMs, fs.statSync(path.join(dir, 'vite.config.ts')).mtimeMs) > built
  );
}

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far, for `expect(problems).toEqual([])`. */
  problems: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile, nothing phoning home, and every page problem collected. */
export async function launchConsoleBrowser(): Promise<ConsoleBrowser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does it), or set CHROMIUM_PATH`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-chromium-'));
  // A persistent context is how Playwright takes a user-data-dir: a fresh one per launch, removed on close.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}${msg.location().url ? ` (${msg.location().url})` : ''}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  // CSP violations reach the console as errors too, but a listener in the page sees every one, with its directive.
  await page.exposeFunction('__hotlineCspViolation', (text: string) => problems.push(`CSP violation: ${text}`));
  // A string, not a function: the root tsconfig has no DOM types (the code runs in the page, not in Node).
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => window.__hotlineCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));`,
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    page,
    problems,
    async screenshot(name) {
      const file = path.join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The problems a test should see none of, less the session probe's refusal: the console asks GET /api/session at
 * load, and a logged-out browser's 401 (404 until the accounts back end is merged) is logged by Chromium as a
 * failed resource load.
 */
export function unexpectedProblems(problems: string[]): string[] {
  return problems.filter((p) => !/status of 40[14] .*\/api\/session\)$/.test(p));
}

export interface VirtualAuthenticator {
  cdp: CDPSession;
  authenticatorId: string;
  /** The credentials the authenticator holds (to check a passkey was made, or to remove it). */
  credentials(): Promise<Array<{ credentialId: string; rpId?: string; userHandle?: string; signCount: number }>>;
  remove(): Promise<void>;
}

/**
 * A CTAP2 platform authenticator that says yes by itself (user presence and verification simulated): passkey
 * registration and login then run in headless Chromium as with a real one, for this page only.
 */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    cdp,
    authenticatorId,
    async credentials() {
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      return credentials;
    },
    async remove() {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
    },
  };
}

/** The console's origin for a review URL: `localhost`, not 127.0.0.1, because WebAuthn refuses IP-address origins. */
export function consoleOrigin(reviewUrl: string): string {
  const u = new URL(reviewUrl);
  return `http://localhost:${u.port}`;
}

/** First login with a TOTP code: the one-time password is then replaced through the password-change form (`user.password` follows). */
export async function firstLoginWithOtp(page: Page, origin: string, user: TestUser): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByTestId('login-username').fill(user.username);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-continue').click();
  await page.getByTestId('login-otp').fill(await totpNow(user.totpSecret));
  await page.getByTestId('login-submit').click();
  await page.getByTestId('password-change-form').waitFor();
  user.password = `${user.username}-own-password-1`;
  await page.getByTestId('login-new-password').fill(user.password);
  await page.getByTestId('login-new-password-repeat').fill(user.password);
  await page.getByTestId('login-change-password').click();
  await page.getByTestId('logout').waitFor();
}

/** Logs in through the login screen with a TOTP code (the full flow test computes the code from the enrolment). */
export async function loginWithOtp(page: Page, origin: string, username: string, password: string, otp: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-continue').click();
  await page.getByTestId('login-otp').fill(otp);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor();
}

/** Logs in with a passkey held by the page's virtual authenticator. */
export async function loginWithPasskey(page: Page, origin: string, username: string, password: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-continue').click();
  await page.getByTestId('login-passkey').click();
  await page.getByTestId('logout').waitFor();
}
