import fs from 'node:fs';
import { hashImage, sniffImage, ValidationError, type Config, type Db } from '@hotline/shared';
import { detectFormat, HASH_TYPES, importList, listLists, setHashEnabled, setListEnabled, type HashType, type ImportPhase } from '@hotline/matcher';
import { listQueue } from '@hotline/review';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

function readFile(file: string | undefined): Buffer {
  if (!file) throw new ValidationError('a FILE argument is required');
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new ValidationError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

const PROGRESS: Record<ImportPhase, (rows: string) => string> = {
  read: (n) => `read ${n} rows`,
  merging: (n) => `read all ${n} rows; adding the new ones to the list`,
  indexing: (n) => `loaded ${n} rows; rebuilding the unique index`,
};

export async function importHashesCommand(
  db: Db,
  io: Io,
  opts: { list?: string; type?: string; source?: string; format?: string; file?: string },
): Promise<void> {
  if (!opts.list) throw new ValidationError('--list NAME is required');
  if (!HASH_TYPES.includes(opts.type as HashType)) throw new ValidationError(`--type must be one of ${HASH_TYPES.join(', ')}`);
  if (!opts.file) throw new ValidationError('a FILE argument is required');
  const started = Date.now();
  const result = await importList(
    db,
    { list: opts.list, source: opts.source, type: opts.type as HashType, file: opts.file, format: detectFormat(opts.file, opts.format) },
    (phase, rows) => io.err(PROGRESS[phase](rows.toLocaleString('en'))),
  );
  io.out(`list ${result.list}: ${result.added} new of ${result.rows} hashes in the file (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

export async function setEnabledCommand(db: Db, io: Io, what: 'hash' | 'list', enabled: boolean, opts: { list?: string; hash?: string }): Promise<void> {
  if (!opts.list) throw new ValidationError('--list NAME is required');
  if (what === 'list') await setListEnabled(db, opts.list, enabled);
  else {
    if (!opts.hash) throw new ValidationError('a HASH argument is required');
    await setHashEnabled(db, opts.list, opts.hash, enabled);
  }
  io.out(`${what} ${what === 'hash' ? opts.hash : opts.list} ${enabled ? 'enabled' : 'disabled'}; running matchers follow within seconds`);
}

export async function listsCommand(db: Db, io: Io): Promise<void> {
  for (const l of await listLists(db)) {
    io.out(`${l.name}\t${l.source}\t${l.hashType}\t${l.enabled ? 'enabled' : 'DISABLED'}\t${l.hashes} hashes (${l.disabledHashes} disabled)`);
  }
}

export async function hashFileCommand(cfg: Config, io: Io, file: string | undefined): Promise<void> {
  const bytes = readFile(file);
  const hashed = await hashImage(bytes, { maxInputPixels: cfg.HASH_MAX_INPUT_PIXELS });
  io.out(JSON.stringify({ file, mime: sniffImage(bytes), bytes: bytes.length, width: hashed.width, height: hashed.height, ...hashed.hashes }, null, 2));
}

export async function queueCommand(db: Db, io: Io, opts: { limit?: string; json?: boolean }): Promise<void> {
  const limit = opts.limit ? Number(opts.limit) : 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ValidationError('--limit must be 1–500');
  const queue = await listQueue(db, { limit, offset: 0 });
  if (opts.json) {
    io.out(JSON.stringify(queue, null, 2));
    return;
  }
  io.out(`${queue.total} item(s) awaiting review${queue.total > queue.items.length ? `, first ${queue.items.length} shown` : ''}`);
  for (const [i, item] of queue.items.entries()) {
    const match = item.matches[0];
    const why = match ? `${item.matches.length} match(es), best ${match.hashType} d=${match.distance} in ${match.listName}` : 'new content';
    io.out(`${String(i + 1).padStart(3)}. ${item.knownMaterial ? 'KNOWN' : 'new  '} ${why} | report ${item.reportId} | ${item.url ?? `(${item.origin})`}`);
  }
}
