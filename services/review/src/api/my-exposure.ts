import { readExposure, readSettings } from '@hotline/reports';
import { caller } from '../http/params';
import type { RouteSpec } from '../http/route';

export const myExposureRoute: RouteSpec = {
  method: 'get',
  path: '/api/me/exposure',
  summary: 'Full images the caller revealed today, the daily limit, and whether a break is due.',
  access: 'analyst',
  async handler(_req, res, { ctx, principal }) {
    const now = ctx.clock.now();
    const settings = await readSettings(ctx.db);
    const e = await readExposure(ctx.db, caller(principal).userId, now);
    const breakDue = e.streakStartedAt !== null && now.getTime() - new Date(e.streakStartedAt).getTime() >= settings.breakEveryMinutes * 60_000;
    res.json({ today: e.today, limit: settings.dailyExposureLimit, breakDue, breakEveryMinutes: settings.breakEveryMinutes });
  },
};
