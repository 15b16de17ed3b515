import { auditCommand, auditVerifyCommand } from './audit-command';
import type { Command } from './command';
import { createUserCommand } from './create-user-command';
import { dlqCommand } from './dlq-command';
import { hashFileCommand } from './hash-file-command';
import { importHashesCommand } from './import-hashes-command';
import { importVideoListCommand } from './import-video-list-command';
import { listsCommand } from './lists-command';
import { queueCommand } from './queue-command';
import { retentionCommand } from './retention-command';
import { subjectCommand } from './subject-command';
import { autoNoticeCommand, takedownKeyCommand } from './takedown-commands';
import { disableHashCommand, disableListCommand, enableHashCommand, enableListCommand } from './switch-commands';

/** Every command, in the order help lists them. A new command: its file, and one line here. */
export const COMMANDS: readonly Command[] = [
  importHashesCommand,
  importVideoListCommand,
  disableHashCommand,
  enableHashCommand,
  disableListCommand,
  enableListCommand,
  listsCommand,
  hashFileCommand,
  queueCommand,
  dlqCommand,
  auditCommand,
  auditVerifyCommand,
  createUserCommand,
  retentionCommand,
  subjectCommand,
  autoNoticeCommand,
  takedownKeyCommand,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
