import { recordAudit } from '@hotline/platform';
import { readSettings, writeSettings, type ReviewSettings } from '@hotline/reports';
import { caller } from '../http/params';
import type { RouteSpec } from '../http/route';
import { settingsBody } from './settings-body';

export const updateSettingsRoute: RouteSpec = {
  method: 'put',
  path: '/api/settings',
  summary: 'Changes the console settings (admin, recent re-authentication). Audited with the old and new values.',
  access: 'admin',
  reauth: true,
  body: settingsBody,
  async handler(_req, res, { ctx, principal, body }) {
    const next = body as ReviewSettings;
    await ctx.db.transaction(async (tx) => {
      const before = await readSettings(tx);
      await writeSettings(tx, next);
      await recordAudit(tx, caller(principal).userId, 'settings.changed', 'review_settings', { before: { ...before }, after: { ...next } });
    });
    res.json(await readSettings(ctx.db));
  },
};
