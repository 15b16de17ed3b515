import { PgDb } from '@hotline/platform';

/**
 * Run by shared/platform/test/pg-db.test.ts as its own process: opens a PgDb, starts a transaction that
 * sleeps (or streams a slow COPY: `copy`), and says on stdout what happened when the test terminates its backend. A crash (an
 * unhandled 'error' event) shows as exit code 1 with no "rejected" line.
 */
async function main(): Promise<void> {
  const db = new PgDb({ connectionString: process.env.TEST_DATABASE_URL!, poolSize: 2 });
  try {
    await db.transaction(async (tx) => {
      const r = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      process.stdout.write(`pid ${r.rows[0]!.pid}\n`);
      if (process.argv[2] === 'copy') {
        // A COPY TO that streams slowly, as a matcher's start-up load of 10M hashes does.
        for await (const _ of tx.copyTo!('COPY (SELECT g, pg_sleep(0.01) FROM generate_series(1, 3000) g) TO STDOUT'));
      } else {
        await tx.query('SELECT pg_sleep(30)');
      }
    });
    process.stdout.write('committed\n');
  } catch (err) {
    process.stdout.write(`rejected ${(err as { code?: string }).code ?? (err as Error).message}\n`);
  }
  const after = await db.query<{ one: number }>('SELECT 1 AS one');
  process.stdout.write(`followup ${after.rows[0]!.one}\n`);
  await db.close();
}

void main();
