import { recordAudit } from '@hotline/platform';
import { cliOn as cli } from './run-cli-on';
import { createPgTestDb, type TestDb } from '../../test/support/test-db';

describe('hotline CLI: audit verify', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createPgTestDb('cli_audit');
  });
  afterEach(async () => {
    await t.drop();
  });

  it('item 8: audit verify reports an intact chain with its head, and names the first bad row with exit 1', async () => {
    expect(await cli(t, 'audit', 'verify')).toMatchObject({ code: 0, out: ['audit log intact: 0 rows'] });
    for (const subject of ['list:a', 'list:b', 'list:c']) await t.db.transaction((tx) => recordAudit(tx, 'cli', 'list.disabled', subject, { by: 'test' }));
    const intact = await cli(t, 'audit', 'verify');
    expect(intact).toMatchObject({ code: 0, out: [expect.stringMatching(/^audit log intact: 3 rows, head [0-9a-f]{64}$/)] });

    await t.db.query(`UPDATE audit_log SET subject = 'list:x' WHERE seq = 2`);
    const broken = await cli(t, 'audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.err).toEqual([expect.stringMatching(/^error: audit log broken at seq 2: content modified/)]);
    expect(await cli(t, 'audit', 'check')).toMatchObject({ code: 2 });
  });
});
