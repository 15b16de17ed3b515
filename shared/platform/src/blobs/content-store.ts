import type { Queryable } from '../db/db';
import { HotlineError } from '../errors';
import { seal, unseal } from './seal';

/**
 * Encrypted content store in PostgreSQL: every service reaches it when they run as separate
 * processes, and it is backed up and retained with the rest of the case data. Bytes never travel
 * on the bus; events carry the key.
 */
export class ContentStore {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('content encryption key must be 32 bytes');
  }

  async put(tx: Queryable, blobKey: string, bytes: Buffer): Promise<void> {
    await tx.query('INSERT INTO content_blobs (key, sealed, byte_size) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [
      blobKey,
      seal(this.key, bytes, blobKey),
      bytes.length,
    ]);
  }

  async get(db: Queryable, blobKey: string): Promise<Buffer> {
    const r = await db.query<{ sealed: Uint8Array }>('SELECT sealed FROM content_blobs WHERE key = $1', [blobKey]);
    const row = r.rows[0];
    if (!row) throw new HotlineError('content_missing', `content ${blobKey} is not in the store`);
    try {
      return unseal(this.key, Buffer.from(row.sealed), blobKey);
    } catch {
      throw new HotlineError('content_unreadable', `content ${blobKey} cannot be decrypted with the configured key`);
    }
  }
}

/**
 * Deletes sealed bytes for good (retention). Needs no key: whoever deletes never reads. Returns how
 * many rows went; keys already gone are skipped, so a repeated call is harmless.
 */
export async function deleteContentBlobs(tx: Queryable, blobKeys: string[]): Promise<number> {
  if (blobKeys.length === 0) return 0;
  const r = await tx.query('DELETE FROM content_blobs WHERE key = ANY($1::text[])', [blobKeys]);
  return r.rowCount;
}
