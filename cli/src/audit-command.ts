import { HotlineError, ValidationError, verifyAuditChain } from '@hotline/platform';
import type { Command } from './command';

/** `audit verify`: walks the hash chain of `audit_log` and names the first row that breaks it. */
export const auditCommand: Command = {
  name: 'audit',
  args: ['verify'],
  synopsis: 'audit verify',
  description: `Check the audit log's hash chain: exit 0 with the row count and the hash of the last row
(keep it elsewhere: rows deleted at the very end leave a valid, shorter chain), or exit 1 naming
the first modified, missing or inserted row.`,
  usesDatabase: true,
  async run({ io, args: [sub], db }) {
    if (sub !== 'verify') throw new ValidationError('audit needs verify');
    const verdict = await verifyAuditChain(await db());
    if (!verdict.ok) throw new HotlineError('audit_chain_broken', `audit log broken at seq ${verdict.seq}: ${verdict.problem}`);
    io.out(`audit log intact: ${verdict.rows} rows${verdict.head ? `, head ${verdict.head}` : ''}`);
  },
};

/** `audit-verify`: the same check under the name the issue uses. */
export const auditVerifyCommand: Command = {
  ...auditCommand,
  name: 'audit-verify',
  args: [],
  synopsis: 'audit-verify',
  description: 'The same as `audit verify`.',
  run: (ctx) => auditCommand.run({ ...ctx, args: ['verify'] }),
};
