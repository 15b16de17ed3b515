import type { Command } from './command';

const PREFIX = 'usage: npm run hotline -- ';
const DATABASE_NOTE = 'The database is DATABASE_URL, or the embedded one under DATA_DIR (stop `npm start` first).';

const indent = (text: string) => text.replace(/^/gm, '      ');

export function commandUsage(command: Command): string {
  return [`${PREFIX}${command.synopsis}`, '', indent(command.description), ...(command.usesDatabase ? ['', DATABASE_NOTE] : [])].join('\n');
}

export function overallUsage(commands: readonly Command[]): string {
  return [
    `${PREFIX}<command>   (help <command> or <command> --help for one command)`,
    '',
    'commands:',
    ...commands.map((c) => `  ${c.synopsis}\n${indent(c.description)}`),
    '',
    DATABASE_NOTE,
  ].join('\n');
}

/** What a wrong number of positionals gets told before the command's usage. */
export function argumentCountProblem(command: Command, got: number): string | undefined {
  if (got === command.args.length || (command.moreArgs && got > command.args.length)) return undefined;
  const takes =
    command.args.length === 0
      ? 'takes no arguments'
      : `takes ${command.moreArgs ? 'at least ' : ''}${command.args.length} argument${command.args.length === 1 ? '' : 's'} (${command.args.join(' ')})`;
  return `${command.name} ${takes}, got ${got}`;
}
