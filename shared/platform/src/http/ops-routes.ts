import type { Router } from 'express';
import type { Db } from '../db/db';
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
/**
 * One database check in flight per database, whatever the number of probes: the intake's probe is public,
 * and a flood of probes while the database is slow must not queue queries in front of reporters' reports.
 */
const databaseChecks = new WeakMap<Db, Promise<boolean>>();

function databaseReachable(db: Db): Promise<boolean> {
  let check = databaseChecks.get(db);
  if (!check) {
    check = db.query('SELECT 1').then(
      () => true,
      () => false,
    );
    databaseChecks.set(db, check);
    void check.finally(() => databaseChecks.delete(db));
  }
  return withTimeout(check, READY_TIMEOUT_MS, 'database readiness check').catch(() => false);
}

export function opsRoutes(router: Router, ctx: Pick<ServiceContext, 'db' | 'bus'>): void {
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, bus] = await Promise.all([databaseReachable(ctx.db), ctx.bus.ready(READY_TIMEOUT_MS).catch(() => false)]);
    const ready = database && bus;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', database: database ? 'ok' : 'unreachable', bus: bus ? 'ok' : 'unreachable' });
  });
}
