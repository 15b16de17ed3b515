import { randomBytes, randomUUID } from 'node:crypto';
import { ManualClock } from '@hotline/platform';
import {
  beginAttempt,
  clearFailures,
  createUser,
  insertApiToken,
  lockedFor,
  newToken,
  recordFailure,
  resetUser,
  resumeSession,
  startSession,
  tokenHash,
  tokenOwner,
  totpCode,
  totpStep,
  unsealTotp,
  updateUser,
  userByName,
  useTotpStep,
} from '../src';
import { createPgliteTestDb, createPgTestDb, type TestDb } from '../../../test/support/test-db';

const key = randomBytes(32);

describe.each([
  ['PostgreSQL', () => createPgTestDb('accounts_stores')],
  ['PGlite', () => createPgliteTestDb()],
])('accounts stores on %s', (_name, open) => {
  let t: TestDb;
  const clock = new ManualClock('2026-11-30T08:00:00Z');
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('creates a user with a sealed TOTP secret, a code of which is accepted once', async () => {
    const issued = await t.db.transaction((tx) => createUser(tx, key, clock, { username: ' Alice ', role: 'senior' }));
    const row = (await userByName(t.db, 'alice'))!;
    expect(row).toMatchObject({
      id: issued.id,
      username: 'alice',
      role: 'senior',
      mustChangePassword: true,
      totpLastStep: null,
      disabled: false,
      hasPasskey: false,
    });
    expect(Buffer.from(row.totpSealed!).includes(Buffer.from(issued.totpSecret))).toBe(false);
    const secret = unsealTotp(key, row.id, row.totpSealed!);
    expect(secret).toBe(issued.totpSecret);
    expect(() => unsealTotp(randomBytes(32), row.id, row.totpSealed!)).toThrow();

    const code = await totpCode(secret, clock.now());
    const step = (await totpStep(secret, code, clock.now(), null))!;
    expect(await useTotpStep(t.db, row.id, step)).toBe(true);
    expect(await useTotpStep(t.db, row.id, step)).toBe(false);
    expect(await totpStep(secret, code, clock.now(), step)).toBeNull();
    await expect(t.db.transaction((tx) => createUser(tx, key, clock, { username: 'ALICE', role: 'analyst' }))).rejects.toMatchObject({ code: 'user_exists' });

    const reset = await t.db.transaction((tx) => resetUser(tx, key, row));
    expect(reset.totpSecret).not.toBe(secret);
    expect((await userByName(t.db, 'alice'))!.totpLastStep).toBeNull();
  });

  it('sessions expire when idle and at their absolute limit; API tokens of a disabled user stop working', async () => {
    const u = await t.db.transaction((tx) => createUser(tx, key, clock, { username: 'bob', role: 'analyst' }));
    const limits = { idleMs: 60_000, maxMs: 180_000 };
    const s = await startSession(t.db, u.id, clock.now());
    clock.advance(59_000);
    expect(await resumeSession(t.db, s.token, clock.now(), limits)).toMatchObject({ userId: u.id, username: 'bob', role: 'analyst', csrfToken: s.csrfToken });
    clock.advance(59_000);
    expect(await resumeSession(t.db, s.token, clock.now(), limits)).not.toBeNull();
    clock.advance(59_000);
    expect(await resumeSession(t.db, s.token, clock.now(), limits)).not.toBeNull();
    // Never idle for long, but 180 s after the login: the absolute limit ends it.
    clock.advance(3_000);
    expect(await resumeSession(t.db, s.token, clock.now(), limits)).toBeNull();
    const s2 = await startSession(t.db, u.id, clock.now());
    clock.advance(60_000);
    expect(await resumeSession(t.db, s2.token, clock.now(), limits)).toBeNull();

    const token = newToken('hlt_');
    await insertApiToken(t.db, { id: randomUUID(), userId: u.id, name: 't', tokenHash: tokenHash(token), now: clock.now() });
    expect(await tokenOwner(t.db, tokenHash(token), clock.now())).toMatchObject({ userId: u.id, role: 'analyst' });
    await updateUser(t.db, u.id, { disabled: true });
    expect(await tokenOwner(t.db, tokenHash(token), clock.now())).toBeNull();
  });

  it('locks a name after five failures, for a minute, then two', async () => {
    for (let i = 0; i < 4; i++) await recordFailure(t.db, 'mallory', clock.now());
    expect(await lockedFor(t.db, 'mallory', clock.now())).toBe(0);
    await recordFailure(t.db, 'mallory', clock.now());
    expect(await lockedFor(t.db, 'mallory', clock.now())).toBe(60);
    clock.advance(60_000);
    for (let i = 0; i < 5; i++) await recordFailure(t.db, 'mallory', clock.now());
    expect(await lockedFor(t.db, 'mallory', clock.now())).toBe(120);
    await clearFailures(t.db, 'mallory');
    expect(await lockedFor(t.db, 'mallory', clock.now())).toBe(0);
  });

  it('counts attempts before they are checked: of 30 begun at once only five may go ahead, and the name is locked once', async () => {
    const waits = await Promise.all(Array.from({ length: 30 }, () => beginAttempt(t.db, 'trudy', clock.now())));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(new Set(waits.filter((w) => w > 0))).toEqual(new Set([60]));
    const row = await t.db.query<{ lockouts: number }>(`SELECT lockouts FROM login_throttle WHERE username = 'trudy'`);
    expect(row.rows[0]!.lockouts).toBe(1);
  });
});
