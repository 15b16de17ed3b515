import type { AddressInfo } from 'node:net';
import express from 'express';
import { InProcessBus, PgliteDb, type Db } from '../src';
import { opsRoutes } from '../src/http/ops-routes';
import { LogCapture } from '../../../test/support/pipeline';

/** A database whose `SELECT 1` hangs until released, counting how many were asked: a slow database under a probe flood. */
function slowDatabase(inner: Db): { db: Db; checks: () => number; release: () => void } {
  let checks = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const db = Object.create(inner) as Db;
  db.query = async (sql: string, params?: unknown[]) => {
    if (sql === 'SELECT 1') {
      checks++;
      await gate;
    }
    return inner.query(sql, params);
  };
  return { db, checks: () => checks, release };
}

describe('readiness probe', () => {
  it('review: a flood of /readyz while the database is slow keeps one database check in flight, not one per probe', async () => {
    const inner = await PgliteDb.open();
    const slow = slowDatabase(inner);
    const bus = new InProcessBus({ logger: new LogCapture().logger, maxAttempts: 1, retryBaseMs: 10 });
    const app = express();
    const router = express.Router();
    opsRoutes(router, { db: slow.db, bus });
    app.use(router);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`;
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(url).then((r) => r.status)));
      expect(answers).toEqual(Array(20).fill(503));
      expect(slow.checks()).toBe(1);
      slow.release();
      await new Promise((r) => setTimeout(r, 50));
      expect(await fetch(url).then((r) => r.status)).toBe(200);
      expect(slow.checks()).toBe(2);
    } finally {
      slow.release();
      server.close();
      await inner.close();
    }
  });
});
