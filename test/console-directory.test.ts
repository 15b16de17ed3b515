import { createReviewService } from '@hotline/review';
import { firstLoginWithOtp, type ConsoleBrowser } from './support/browser';
import { consoleInChromium } from './support/console-suite';
import { LogCapture, type RunningPipeline } from './support/pipeline';
import { createUser, type TestUser } from './support/review-session';
import { seedHeldCase } from './support/takedown-seed';
import type { TestDb } from './support/test-db';

const HELD_URL = 'https://held.example/gallery/1.jpg';

/**
 * Issue 11's provider directory in Chromium against the real review service: a senior keeps the directory, an
 * analyst corrects a case's trace with a CDN origin rule and traces it again. The steps build on each other, in order.
 */
describe('review console: the provider directory and trace corrections in Chromium', () => {
  const logs = new LogCapture();
  let running: { testDb: TestDb; pipeline: RunningPipeline };
  let b: ConsoleBrowser;
  let origin: string;
  let senior: TestUser;
  let analyst: TestUser;
  let held: string;
  const db = () => running.testDb.db;

  const suite = consoleInChromium(logs, {
    embedded: () => ({ factories: [createReviewService] }),
    async prepare(r) {
      running = r;
      senior = await createUser(db(), running.pipeline.ctx.secrets.accountsKey, { role: 'senior' });
      analyst = await createUser(db(), running.pipeline.ctx.secrets.accountsKey, { role: 'analyst' });
      held = await seedHeldCase(db(), new Date(), HELD_URL);
      await db().query(
        `INSERT INTO rdap_cache (key, range_start, range_end, network, abuse_email, name, handle, country, fetched_at)
           VALUES ('ip:192.0.2.0/24', '192.0.2.0', '192.0.2.255', '192.0.2.0/24', 'abuse@registry-answer.example', 'Doc Net', 'DOC-1', 'NL', $1)`,
        [new Date(Date.now() - 3 * 3600_000 - 60_000).toISOString()],
      );
    },
  });
  beforeAll(() => ({ b, origin } = suite));

  it('a senior adds a provider on the directory screen, reached from the takedown sub-navigation', async () => {
    await firstLoginWithOtp(b.page, origin, senior);
    await b.page.getByTestId('nav-takedown').click();
    await b.page.getByTestId('takedown-directory-link').click();
    await b.page.getByTestId('directory-view').waitFor();
    expect(new URL(b.page.url()).pathname).toBe('/takedown/directory');
    // The cached RDAP answer, with its age in human form.
    expect(await b.page.getByTestId('cached-row').textContent()).toContain('abuse@registry-answer.example');
    expect(await b.page.getByTestId('cached-age').textContent()).toBe('3 h');

    await b.page.getByTestId('provider-name').fill('Polder Hosting');
    await b.page.getByTestId('provider-abuseEmail').fill('abuse@polder-hosting.example');
    await b.page.getByTestId('provider-language').fill('nl');
    await b.page.getByTestId('provider-country').fill('nl');
    await b.page.getByTestId('provider-asn').fill('AS64500');
    await b.page.getByTestId('provider-save').click();
    await b.page.getByTestId('provider-row').waitFor();
    expect(await b.page.getByTestId('provider-row').textContent()).toContain('abuse@polder-hosting.example');
    expect(await b.page.getByTestId('provider-row').textContent()).toContain('64500');
    // A bad address is refused with the field named, and nothing is added.
    await b.page.getByTestId('provider-name').fill('Broken Hosting');
    await b.page.getByTestId('provider-abuseEmail').fill('nobody');
    await b.page.getByTestId('provider-save').click();
    await b.page.getByTestId('directory-error').waitFor();
    expect(await b.page.getByTestId('directory-error').textContent()).toContain('abuseEmail');
    expect(await b.page.getByTestId('provider-row').count()).toBe(1);
    const rows = await db().query<{ name: string; country: string; asn: string }>('SELECT name, country, asn::text AS asn FROM hosting_providers');
    expect(rows.rows).toEqual([{ name: 'Polder Hosting', country: 'NL', asn: '64500' }]);
    // Chromium logs the refused request as a failed load: that one, and nothing else, is expected here.
    const refused = b.problems.filter((p) => /status of 400 .*\/api\/takedown\/directory\/providers\)$/.test(p));
    expect(refused).toHaveLength(1);
    b.problems.splice(b.problems.indexOf(refused[0]!), 1);
  });

  it('a senior adds a network override pointing at that provider', async () => {
    await b.page.getByTestId('override-kind').selectOption('network');
    await b.page.getByTestId('override-target').fill('192.0.2.0/24');
    await b.page.getByTestId('override-provider').selectOption({ label: 'Polder Hosting (abuse@polder-hosting.example)' });
    await b.page.getByTestId('override-country').fill('NL');
    await b.page.getByTestId('override-save').click();
    await b.page.getByTestId('override-row').waitFor();
    expect(await b.page.getByTestId('override-row').textContent()).toContain('192.0.2.0/24');
    expect(await b.page.getByTestId('override-row').textContent()).toContain('Polder Hosting');
    expect(await b.page.locator('main a[href^="http"], main img').count()).toBe(0);
    await b.screenshot('directory-01-senior');
    const audit = await db().query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log WHERE action LIKE 'directory.%' ORDER BY seq`);
    expect(audit.rows).toEqual([
      { action: 'directory.provider_created', actor: senior.id },
      { action: 'directory.override_set', actor: senior.id },
    ]);
  });

  it('an analyst sees the directory without the senior forms', async () => {
    await b.page.getByTestId('logout').click();
    await firstLoginWithOtp(b.page, origin, analyst);
    await b.page.goto(`${origin}/takedown/directory`);
    await b.page.getByTestId('provider-row').waitFor();
    expect(await b.page.getByTestId('provider-form').count()).toBe(0);
    expect(await b.page.getByTestId('override-form').count()).toBe(0);
    expect(await b.page.getByTestId('override-delete').count()).toBe(0);
    expect(await b.page.getByTestId('cached-forget').count()).toBe(0);
    expect(await b.page.getByTestId('cdn-form').count()).toBe(1);
  });

  it('an analyst adds a CDN origin rule from the case’s trace panel, sees the entries that now apply, and re-traces', async () => {
    await b.page.goto(`${origin}/takedown/cases/${held}`);
    await b.page.getByTestId('trace-correction').waitFor();
    await b.page.getByTestId('correct-cdn').waitFor();
    // The network override the senior set already applies to this case's network; the override form is a senior's.
    expect(await b.page.getByTestId('applies-network-override').textContent()).toContain('192.0.2.0/24 → Polder Hosting · NL');
    expect(await b.page.getByTestId('correct-override').count()).toBe(0);
    expect(await b.page.getByTestId('retrace-prompt').count()).toBe(0);

    await b.page.getByTestId('correct-cdn-origin').fill('origin.polder-hosting.example');
    await b.page.getByTestId('correct-cdn-provider').selectOption({ label: 'Polder Hosting (abuse@polder-hosting.example)' });
    await b.page.getByTestId('correct-cdn-save').click();
    await b.page.getByTestId('applies-cdn').waitFor();
    expect(await b.page.getByTestId('applies-cdn').textContent()).toBe('CDN origin rule: held.example → origin.polder-hosting.example (Polder Hosting)');
    await b.page.getByTestId('retrace-prompt').waitFor();
    await b.screenshot('directory-02-case-corrected');
    const rules = await db().query<{ host: string; origin: string; created_by: string }>('SELECT host, origin, created_by FROM cdn_origin_rules');
    expect(rules.rows).toEqual([{ host: 'held.example', origin: 'origin.polder-hosting.example', created_by: analyst.id }]);

    await b.page.getByTestId('correction-retrace').click();
    await b.page.locator('[data-testid="case-view"][data-state="tracing"]').waitFor();
    expect(await b.page.getByTestId('retrace-prompt').count()).toBe(0);
    expect(await b.page.getByTestId('case-state').textContent()).toBe('tracing');
    const state = await db().query<{ state: string }>('SELECT state FROM takedown_cases WHERE id = $1', [held]);
    expect(state.rows).toEqual([{ state: 'tracing' }]);
    const jobs = await db().query<{ payload: { caseId: string } }>(`SELECT payload FROM jobs WHERE name = 'takedown.trace'`);
    expect(jobs.rows.map((j) => j.payload.caseId)).toEqual([held]);
    // The URL and hosts stay text: nothing on the page leads out or shows an image.
    expect(await b.page.locator('main a[href^="http"], main img').count()).toBe(0);
    await b.screenshot('directory-03-retraced');
  });
});
