export * from './db';
export { PgDb } from './pg-db';
export { PgliteDb } from './pglite-db';
export { migrate, listMigrations } from './migrate';
export { openDb } from './create-db';
export { CopyTextReader, CopyTextRow, unescapeCopy } from './copy-text';
export { ADVISORY_LOCKS } from './advisory-locks';
