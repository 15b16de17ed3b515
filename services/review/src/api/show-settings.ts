import { readSettings } from '@hotline/reports';
import type { RouteSpec } from '../http/route';

export const showSettingsRoute: RouteSpec = {
  method: 'get',
  path: '/api/settings',
  summary: 'Four-eyes, lease length, break interval and daily exposure limit (every analyst may read them).',
  access: 'analyst',
  async handler(_req, res, { ctx }) {
    res.json(await readSettings(ctx.db));
  },
};
