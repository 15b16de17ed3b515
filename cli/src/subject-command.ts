import { CHAT_PLATFORMS, destroyIdentity, findIdentities, identityRecords, readIdentity, type ChatPlatformName } from '@hotline/identity-vault';
import { recordAudit, systemClock, ValidationError, type Queryable } from '@hotline/platform';
import type { Command } from './command';

const OPERATIONS = ['find', 'export', 'delete'] as const;
type Operation = (typeof OPERATIONS)[number];

/**
 * `subject find|export|delete --platform P --id ID`: a data-subject request about a chat reporter, answered from
 * the vault's blind index, so only the records whose own chat id, user name or phone number is ID are ever read.
 * The ID given is printed nowhere and recorded nowhere: the audit entry (actor `cli`, action `subject.<op>`) and
 * the line on stderr name the platform, the count and the opaque ids only.
 */
export const subjectCommand: Command = {
  name: 'subject',
  args: ['find|export|delete'],
  synopsis: 'subject find|export|delete --platform telegram|whatsapp|viber|signal --id ID [--json]',
  description: `A data-subject request (admin): the reporter identities in the vault whose chat id, user name or
phone number on that platform is ID (found by the keyed blind index; \`@Name\` and \`name\` are one user name,
\`+31 6…\` and \`316…\` one number). find prints each record's opaque id, when it was received and the
reports made with it (--json: as JSON); export prints the records decrypted, as JSON, for the data
subject; delete destroys them (recorded in identity_deletions, reason subject_request). Each call is
audited (subject.find|export|delete) with the count and the opaque ids, never the ID. Needs chat-intake's
IDENTITY_VAULT_KEY and IDENTITY_INDEX_KEY (embedded default: their files under DATA_DIR/secrets).`,
  usesDatabase: true,
  async run({ io, options, args: [sub], db, vaultKeys }) {
    const op = parseOperation(sub);
    const platform = parsePlatform(options.platform);
    if (!options.id?.trim()) throw new ValidationError('subject needs --id ID (a chat id, user name or phone number)');
    const keys = vaultKeys();
    const database = await db();
    const now = systemClock.now();
    const audit = (tx: Queryable, ids: string[]) =>
      recordAudit(tx, 'cli', `subject.${op}`, `identities:${ids.length}`, { platform, identityIds: ids }, { at: now });

    const result = await database.transaction(async (tx) => {
      const ids = await findIdentities(tx, keys, platform, options.id!);
      const records = await identityRecords(tx, ids);
      if (op === 'delete') for (const r of records) await destroyIdentity(tx, r.identityId, 'subject_request', now);
      const exported =
        op === 'export' ? await Promise.all(records.map(async (r) => ({ ...r, identity: await readIdentity(tx, keys, r.identityId) }))) : undefined;
      await audit(
        tx,
        records.map((r) => r.identityId),
      );
      return { records, exported };
    });

    const ids = result.records.map((r) => r.identityId);
    io.err(`subject ${op} on ${platform}: ${ids.length} record(s)${ids.length ? ` (${ids.join(', ')})` : ''}; audited as subject.${op}`);
    if (op === 'export') return io.out(JSON.stringify({ platform, records: result.exported }, null, 2));
    if (op === 'delete') return io.out(options.json ? JSON.stringify({ platform, deleted: ids }) : `destroyed ${ids.length} record(s)`);
    if (options.json) return io.out(JSON.stringify({ platform, records: result.records }, null, 2));
    if (ids.length === 0) return io.out(`no records on ${platform}`);
    for (const r of result.records) io.out(`${r.identityId}  received ${r.createdAt}  reports ${r.reports.length ? r.reports.join(', ') : '(none yet)'}`);
  },
};

function parseOperation(sub: string | undefined): Operation {
  if (!OPERATIONS.includes(sub as Operation)) throw new ValidationError(`subject needs find, export or delete, not ${JSON.stringify(sub)}`);
  return sub as Operation;
}

function parsePlatform(platform: string | undefined): ChatPlatformName {
  if (!CHAT_PLATFORMS.includes(platform as ChatPlatformName)) throw new ValidationError(`subject needs --platform ${CHAT_PLATFORMS.join('|')}`);
  return platform as ChatPlatformName;
}
