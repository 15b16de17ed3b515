import { randomBytes } from 'node:crypto';
import { ContentStore } from '../src';
import { seal, unseal } from '../src/blobs/seal';
import { createPgliteTestDb, type TestDb } from '../../../test/support/test-db';

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

  it('item 16: a sealed blob with a truncated tag is refused, even where GCM would verify the shortened tag', async () => {
    const key = randomBytes(32);
    const sealed = seal(key, Buffer.alloc(0), 'content/d');
    expect(unseal(key, sealed, 'content/d')).toHaveLength(0);
    // nonce + the first 12 bytes of the tag: a valid GCM tag of 96 bits for the empty ciphertext.
    expect(() => unseal(key, sealed.subarray(0, 12 + 12), 'content/d')).toThrow();
    expect(() => unseal(key, sealed.subarray(0, 12 + 4), 'content/d')).toThrow();
    expect(() => unseal(key, Buffer.alloc(0), 'content/d')).toThrow();

    const store = new ContentStore(key);
    await t.db.query(`INSERT INTO content_blobs (key, sealed, byte_size) VALUES ('content/d', $1, 0)`, [sealed.subarray(0, 24)]);
    await expect(store.get(t.db, 'content/d')).rejects.toThrow(/cannot be decrypted/);
  });
});
