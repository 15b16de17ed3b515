import type { Router } from 'express';
import type { ServiceContext } from '../runtime/context';
import { withTimeout } from '../with-timeout';

/** A probe answers within this, whatever the database or the broker are doing. */
const READY_TIMEOUT_MS = 2000;

/**
 * `/healthz`: the process is alive (no dependency checked, so an orchestrator does not restart a
 * service for a database outage it waits out). `/readyz`: the database answers `SELECT 1` and the bus
 * reaches its broker, each within two seconds. A probe's 503 is a status report, not a failed request:
 * it is sent here rather than through the error handler, which would log every probe as an error.
 */
export function opsRoutes(router: Router, ctx: Pick<ServiceContext, 'db' | 'bus'>): void {
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, bus] = await Promise.all([
      withTimeout(ctx.db.query('SELECT 1'), READY_TIMEOUT_MS, 'database readiness check').then(
        () => true,
        () => false,
      ),
      ctx.bus.ready(READY_TIMEOUT_MS).catch(() => false),
    ]);
    const ready = database && bus;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', database: database ? 'ok' : 'unreachable', bus: bus ? 'ok' : 'unreachable' });
  });
}
