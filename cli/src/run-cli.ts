import { describeError, HotlineError, openDb, type Config, type Db } from '@hotline/shared';
import { parse, USAGE } from './args';
import { dlqCommand } from './dlq-command';
import { hashFileCommand, importHashesCommand, listsCommand, queueCommand, setEnabledCommand, type Io } from './commands';

/** Runs one CLI invocation; returns the exit code. Importable so tests drive the real commands. */
export async function runCli(argv: string[], cfg: Config, io: Io): Promise<number> {
  let db: Db | undefined;
  try {
    if (argv[0] === 'dlq') {
      db = await openDb(cfg);
      await dlqCommand(db, io, argv.slice(1));
      return 0;
    }
    const { values, positionals } = parse(argv);
    const [command, file] = positionals;
    if (values.help || !command) {
      io.out(USAGE);
      return command || values.help ? 0 : 2;
    }
    switch (command) {
      case 'hash-file':
        await hashFileCommand(cfg, io, file);
        return 0;
      case 'import-hashes':
        db = await openDb(cfg);
        await importHashesCommand(db, io, { ...values, file });
        return 0;
      case 'queue':
        db = await openDb(cfg);
        await queueCommand(db, io, values);
        return 0;
      case 'lists':
        db = await openDb(cfg);
        await listsCommand(db, io);
        return 0;
      case 'disable-hash':
      case 'enable-hash':
      case 'disable-list':
      case 'enable-list':
        db = await openDb(cfg);
        await setEnabledCommand(db, io, command.endsWith('hash') ? 'hash' : 'list', command.startsWith('enable'), { list: values.list, hash: file });
        return 0;
      default:
        io.err(`unknown command ${command}\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    io.err(`error: ${describeError(err)}`);
    return err instanceof HotlineError && err.status < 500 ? 2 : 1;
  } finally {
    await db?.close();
  }
}
