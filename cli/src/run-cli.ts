import { accountsSecrets } from '@hotline/accounts';
import { identityVaultSecrets } from '@hotline/identity-vault';
import { referralSigningKeySecret } from '@hotline/takedown';
import { describeError, HotlineError, loadSecrets, openDb, type Db, type RawEnv } from '@hotline/platform';
import { parse } from './args';
import type { CommandContext, Io } from './command';
import { COMMANDS, findCommand } from './registry';
import { argumentCountProblem, commandUsage, overallUsage } from './usage';

/**
 * Runs one CLI invocation; returns the exit code (0 done, 1 failed, 2 usage or input error). Importable so tests
 * drive the real commands. `secretEnv` holds the secret variables the CLI may read (REVIEW_ACCOUNTS_KEY, IDENTITY_VAULT_KEY, IDENTITY_INDEX_KEY).
 */
export async function runCli(argv: string[], cfg: CommandContext['cfg'], io: Io, secretEnv: RawEnv = {}): Promise<number> {
  let db: Db | undefined;
  try {
    let parsed;
    try {
      parsed = parse(argv);
    } catch (err) {
      io.err(`error: ${describeError(err)}\n\n${overallUsage(COMMANDS)}`);
      return 2;
    }
    const { values, positionals } = parsed;
    const [name, ...args] = positionals;
    if (!name) {
      if (values.help) io.out(overallUsage(COMMANDS));
      else io.err(overallUsage(COMMANDS));
      return values.help ? 0 : 2;
    }
    if (name === 'help') return help(io, args);
    const command = findCommand(name);
    if (!command) {
      io.err(`unknown command ${name}\n\n${overallUsage(COMMANDS)}`);
      return 2;
    }
    if (values.help) {
      io.out(commandUsage(command));
      return 0;
    }
    const problem = argumentCountProblem(command, args.length);
    if (problem) {
      io.err(`error: ${problem}\n\n${commandUsage(command)}`);
      return 2;
    }
    // Outside the embedded default the key must come from the environment, as review's does: a key made up
    // here would seal TOTP secrets the review cannot open.
    const accountsKey = () => loadSecrets(secretEnv, accountsSecrets, { dataDir: cfg.dataDir, envOnly: !cfg.embedded }).values.accountsKey;
    // The same for chat-intake's vault keys: made-up keys would find nothing and open nothing.
    const vaultKeys = () => loadSecrets(secretEnv, identityVaultSecrets, { dataDir: cfg.dataDir, envOnly: !cfg.embedded }).values;
    // And takedown's signing key: `takedown-key` prints its public half for partners.
    const signingKey = () =>
      loadSecrets(secretEnv, { signingKey: referralSigningKeySecret }, { dataDir: cfg.dataDir, envOnly: !cfg.embedded }).values.signingKey;
    await command.run({ cfg, io, options: values, args, db: async () => (db ??= await openDb(cfg)), accountsKey, vaultKeys, signingKey });
    return 0;
  } catch (err) {
    io.err(`error: ${describeError(err)}`);
    return err instanceof HotlineError && err.status < 500 ? 2 : 1;
  } finally {
    await db?.close();
  }
}

function help(io: Io, args: string[]): number {
  if (args.length === 0) {
    io.out(overallUsage(COMMANDS));
    return 0;
  }
  const command = args.length === 1 ? findCommand(args[0]!) : undefined;
  if (!command) {
    io.err(`unknown command ${args.join(' ')}\n\n${overallUsage(COMMANDS)}`);
    return 2;
  }
  io.out(commandUsage(command));
  return 0;
}
