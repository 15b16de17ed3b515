import { createUser, parseRole, qrTerminal } from '@hotline/accounts';
import { recordAudit, systemClock, ValidationError } from '@hotline/platform';
import type { Command } from './command';

/** `create-user`: the first admin (and any account) from the command line, audited as done by `cli`. */
export const createUserCommand: Command = {
  name: 'create-user',
  args: [],
  synopsis: 'create-user --name NAME --role analyst|senior|admin [--json]',
  description: `Create a review account. Prints its one-time password (to be changed at the first login) and
the otpauth:// URI of its TOTP secret, with a QR code to scan into an authenticator app; --json prints
{"username","password","otpauthUri"} only. Needs the review's REVIEW_ACCOUNTS_KEY (embedded default: its file
under DATA_DIR/secrets).`,
  usesDatabase: true,
  async run({ io, options, db, accountsKey }) {
    if (!options.name) throw new ValidationError('create-user needs --name NAME');
    const role = parseRole(options.role);
    const key = accountsKey();
    const database = await db();
    const u = await database.transaction(async (tx) => {
      const issued = await createUser(tx, key, systemClock, { username: options.name!, role });
      await recordAudit(tx, 'cli', 'user.created', issued.id, { username: issued.username, role });
      return issued;
    });
    if (options.json) {
      io.out(JSON.stringify({ username: u.username, password: u.password, otpauthUri: u.otpauthUri }));
      return;
    }
    io.out(`created ${role} ${u.username}`);
    io.out(`one-time password: ${u.password}   (changed at the first login)`);
    io.out(`TOTP:              ${u.otpauthUri}`);
    io.out(await qrTerminal(u.otpauthUri));
  },
};
