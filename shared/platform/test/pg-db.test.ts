import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { migrate, openDb, parseConfig, PgDb } from '@hotline/platform';
import { waitFor } from '../../../test/support/pipeline';

const ROOT = path.join(__dirname, '..', '..', '..');

describe('PgDb against a real PostgreSQL server', () => {
  it.each([
    ['a query', 'query', 'pg_sleep'],
    ['a COPY stream', 'copy', 'COPY'],
  ])('item 4: a connection dropped during %s in a transaction rejects the transaction instead of crashing the process', async (_, mode, running) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'support', 'db-drop-child.ts'), mode], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, TEST_DATABASE_URL: process.env.TEST_DATABASE_URL },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const pid = await waitFor('the child to start its transaction', async () => /pid (\d+)/.exec(out)?.[1], 30000, 50);
    const admin = new PgDb({ connectionString: process.env.TEST_DATABASE_URL! });
    try {
      // The statement must have started, or the terminate races the BEGIN.
      await waitFor(
        'the child to sleep',
        async () => (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND query LIKE $2`, [pid, `%${running}%`])).rowCount > 0,
        10000,
        50,
      );
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.close();
    }

    const code = await exited;
    expect({ code, out, err: err.slice(-2000) }).toMatchObject({ code: 0 });
    expect(out).toMatch(/rejected 57P01/); // admin_shutdown: the server's word for a terminated backend
    expect(out).toMatch(/followup 1/);
  });

  it('item 4: sets the statement timeout it was given on every connection, in and out of transactions', async () => {
    const db = new PgDb({ connectionString: process.env.TEST_DATABASE_URL!, statementTimeoutMs: 500, connectTimeoutMs: 5000 });
    try {
      expect((await db.query<{ statement_timeout: string }>('SHOW statement_timeout')).rows[0]!.statement_timeout).toBe('500ms');
      const inTx = await db.transaction((tx) => tx.query<{ statement_timeout: string }>('SHOW statement_timeout'));
      expect(inTx.rows[0]!.statement_timeout).toBe('500ms');
      await expect(db.query('SELECT pg_sleep(5)')).rejects.toMatchObject({ code: '57014' }); // query_canceled by the timeout
      expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('item 4: a service opens PostgreSQL with the configured timeouts', async () => {
    const schema = `t_pg_db_${randomBytes(3).toString('hex')}`;
    const db = await openDb(
      parseConfig({
        DATABASE_URL: process.env.TEST_DATABASE_URL,
        DATABASE_SCHEMA: schema,
        DATABASE_STATEMENT_TIMEOUT_MS: '7000',
        DATABASE_CONNECT_TIMEOUT_MS: '3000',
      }),
    );
    try {
      expect((await db.query<{ statement_timeout: string }>('SHOW statement_timeout')).rows[0]!.statement_timeout).toBe('7s');
      expect((db as PgDb).pool.options).toMatchObject({ connectionTimeoutMillis: 3000, keepAlive: true });
    } finally {
      await db.close();
      const admin = new PgDb({ connectionString: process.env.TEST_DATABASE_URL! });
      await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    }
  });

  it('item 4: migrations outlast the statement timeout (they queue behind each other and may rewrite big tables)', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `t_pg_db_mig_${randomBytes(3).toString('hex')}`;
    const admin = new PgDb({ connectionString: url });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    const db = new PgDb({ connectionString: url, schema, statementTimeoutMs: 200 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // Another process migrating: it holds the migration lock for longer than the timeout.
    const other = admin.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(72615320)');
      locked();
      await held;
    });
    try {
      await isLocked;
      const migrating = migrate(db);
      setTimeout(release, 600);
      expect((await migrating).length).toBeGreaterThan(0);
      await other;
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')).rows[0]!.n).toBeGreaterThan(0);
    } finally {
      release();
      await other.catch(() => {});
      await db.close();
      await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    }
  });
});
