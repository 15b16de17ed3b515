import sharp from 'sharp';
import { startHostingSite, type HostingSite } from './support/hosting-site';
import { reencodeJpeg, texturedPng } from './support/images';
import { getReport, LogCapture, postReport, startEmbedded, stopEmbedded, waitFor, type RunningPipeline } from './support/pipeline';
import type { TestDb } from './support/test-db';

describe('item 9: the review console in the pipeline (embedded)', () => {
  let site: HostingSite;
  let running: { testDb: TestDb; pipeline: RunningPipeline };
  let api: (path: string, init?: RequestInit) => Promise<Response>;
  let png: Buffer;
  const logs = new LogCapture();

  beforeAll(async () => {
    png = await texturedPng(480, 360, 91);
    site = await startHostingSite({
      '/image.png': { headers: { 'content-type': 'image/png' }, body: png },
      '/again.png': { headers: { 'content-type': 'image/png' }, body: png },
      '/copy.jpg': { headers: { 'content-type': 'image/jpeg' }, body: await reencodeJpeg(png, 70) },
      '/empty.html': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><html><body><p>nothing to see</p></body></html>' },
    });
    running = await startEmbedded(logs, { env: { FETCH_ALLOW_HOSTS: site.hostPort, MATCH_REFRESH_MS: '100' } });
    api = (path, init = {}) =>
      fetch(`${running.pipeline.reviewUrl}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${running.pipeline.reviewToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
      });
  });

  afterAll(async () => {
    await stopEmbedded(running);
    await site?.close();
  });

  async function report(urls: string[]): Promise<string> {
    const res = await postReport(running.pipeline.intakeUrl, { urls, description: 'console test' });
    expect(res.status).toBe(202);
    return ((await res.json()) as { reportId: string }).reportId;
  }

  async function itemsOf(reportId: string, n: number): Promise<Array<Record<string, any>>> {
    return waitFor(`${n} review item(s) of the report`, async () => {
      const r = await getReport(running.pipeline.reviewUrl, reportId);
      return r.reviewItems.length === n ? (r.reviewItems as Array<Record<string, any>>) : undefined;
    });
  }

  it('brings a URL that failed to fetch and a page without images to an analyst as url items with their reason', async () => {
    const reportId = await report([`${site.url}/gone.png`, `${site.url}/empty.html`]);
    const items = await itemsOf(reportId, 2);
    expect(items.every((i) => i.kind === 'url' && i.status === 'pending')).toBe(true);
    const gone = items.find((i) => i.url.endsWith('/gone.png'))!;
    const empty = items.find((i) => i.url.endsWith('/empty.html'))!;
    expect(gone.reason).toMatch(/404/);
    expect(empty.reason).toMatch(/0 fetched/);
    const q = (await (await api('/api/queue?kind=url&limit=500')).json()) as { items: Array<{ id: string }> };
    expect(q.items.map((i) => i.id)).toEqual(expect.arrayContaining([gone.id, empty.id]));
    // Decide them for the report at once: the report closes.
    const bulk = await api(`/api/reports/${reportId}/decision`, { method: 'POST', body: JSON.stringify({ verdict: 'not_reachable' }) });
    expect(bulk.status).toBe(200);
    expect(((await bulk.json()) as { decided: unknown[] }).decided).toHaveLength(2);
    expect((await getReport(running.pipeline.reviewUrl, reportId)).closed).toBe(true);
  });

  it('shows a blurred grayscale thumbnail, audits a reveal, and after an illegal decision the next copy is auto-resolved or known', async () => {
    const first = await report([`${site.url}/image.png`]);
    const [item] = await itemsOf(first, 1);
    const claimed = await api('/api/queue/claim', { method: 'POST' });
    expect(claimed.status).toBe(200);
    expect(((await claimed.json()) as { id: string }).id).toBe(item!.id);

    const thumb = await api(`/api/items/${item!.id}/thumbnail`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('cache-control')).toBe('no-store');
    const raw = await sharp(Buffer.from(await thumb.arrayBuffer()))
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(Math.max(raw.info.width, raw.info.height)).toBeLessThanOrEqual(160);
    expect(raw.info.channels).toBe(3);
    for (let p = 0; p < raw.data.length; p += 3) expect(raw.data[p] === raw.data[p + 1] && raw.data[p + 1] === raw.data[p + 2]).toBe(true);

    const full = await api(`/api/items/${item!.id}/image`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/png');
    expect(full.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await full.arrayBuffer()).equals(png)).toBe(true);
    const exposure = (await (await api('/api/me/exposure')).json()) as { today: number; limit: number };
    expect(exposure).toMatchObject({ today: 1, limit: 200 });
    const audit = await running.testDb.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject = $1`, [item!.id]);
    expect(audit.rows.map((r) => r.action)).toContain('item.revealed');

    const decided = await api(`/api/items/${item!.id}/decision`, {
      method: 'POST',
      body: JSON.stringify({ verdict: 'baseline', iwfCategory: 'A', industry: 'A1' }),
    });
    expect(decided.status).toBe(200);
    const same = await api(`/api/items/${item!.id}/decision`, {
      method: 'POST',
      body: JSON.stringify({ verdict: 'baseline', iwfCategory: 'A', industry: 'A1' }),
    });
    expect(same.status).toBe(200);
    const other = await api(`/api/items/${item!.id}/decision`, { method: 'POST', body: JSON.stringify({ verdict: 'not_illegal' }) });
    expect(other.status).toBe(409);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('already_decided');

    // The same bytes again, from another address: resolved on arrival, never in the queue.
    const second = await report([`${site.url}/again.png`]);
    const [again] = await itemsOf(second, 1);
    expect(again).toMatchObject({ id: item!.id, status: 'decided', autoResolved: true });
    await waitFor('the second report closed', async () => (await getReport(running.pipeline.reviewUrl, second)).closed === true);

    // A re-encoded copy (other bytes): the hotline's own PDQ/blockhash lists make it known material
    // once the matcher has followed hash_changes (every MATCH_REFRESH_MS).
    await new Promise((r) => setTimeout(r, 1000));
    const third = await report([`${site.url}/copy.jpg`]);
    const [copy] = await itemsOf(third, 1);
    const detail = (await (await api(`/api/items/${copy!.id}`)).json()) as { knownMaterial: boolean; matches: Array<{ listName: string }>; prefill: unknown };
    expect(detail.knownMaterial).toBe(true);
    expect(detail.matches.map((m) => m.listName)).toEqual(expect.arrayContaining(['hotline-own-pdq']));
    expect(detail.prefill).toMatchObject({ verdict: 'baseline', iwfCategory: 'A' });
  }, 60000);

  it('answers a bad item id with 400 and an unknown one with 404', async () => {
    expect((await api('/api/items/not-a-uuid')).status).toBe(400);
    expect((await api('/api/items/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api('/api/items/00000000-0000-4000-8000-000000000000/decision', { method: 'POST', body: JSON.stringify({ verdict: 'maybe' }) })).status).toBe(
      400,
    );
  });
});
