import { randomBytes } from 'node:crypto';
import { ContentStore } from '../src';
import { createPgliteTestDb, type TestDb } from '../../test/support/test-db';

describe('the encrypted content store', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createPgliteTestDb();
  });
  afterAll(async () => t.drop());

  it('stores only ciphertext and gives the bytes back with the right key', async () => {
    const store = new ContentStore(randomBytes(32));
    const bytes = Buffer.from('synthetic content bytes '.repeat(20));
    await t.db.transaction((tx) => store.put(tx, 'content/a', bytes));
    const raw = await t.db.query<{ sealed: Uint8Array }>(`SELECT sealed FROM content_blobs WHERE key = 'content/a'`);
    expect(Buffer.from(raw.rows[0]!.sealed).includes(Buffer.from('synthetic content'))).toBe(false);
    expect((await store.get(t.db, 'content/a')).equals(bytes)).toBe(true);
  });

  it('refuses to decrypt with another key or under another name', async () => {
    const store = new ContentStore(randomBytes(32));
    await t.db.transaction((tx) => store.put(tx, 'content/b', Buffer.from('x')));
    await expect(new ContentStore(randomBytes(32)).get(t.db, 'content/b')).rejects.toThrow(/cannot be decrypted/);
    await t.db.query(`INSERT INTO content_blobs (key, sealed, byte_size) SELECT 'content/c', sealed, byte_size FROM content_blobs WHERE key = 'content/b'`);
    await expect(store.get(t.db, 'content/c')).rejects.toThrow(/cannot be decrypted/);
  });
});
