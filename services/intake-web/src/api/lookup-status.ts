import type { Router } from 'express';
import type { IntakeContext } from '../config';
import { lookUpStatus, statusBodyParser } from '../status-lookup';

/**
 * POST /api/status — JSON `{ reference, code }` → 200 `{ reference, status }` with status `received`,
 * `being_assessed` or `assessed`; anything else → 404 `status_not_found`, the same for every reason.
 */
export function lookupStatus(router: Router, ctx: IntakeContext): void {
  router.post('/api/status', statusBodyParser('json'), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    res.json(await lookUpStatus(ctx, body.reference, body.code));
  });
}
