import type { HashingConfig } from '@hotline/hashing';
import type { VaultKeys } from '@hotline/identity-vault';
import type { ReferralSigningKey } from '@hotline/takedown';
import type { Config, Db } from '@hotline/platform';
import type { RetentionRulesConfig } from '@hotline/retention-rules';
import type { Options } from './args';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export interface CommandContext {
  /** The platform's variables, the decoding limits `hash-file` shares with the hasher and the limits `retention` shares with the retention service. */
  cfg: Config & HashingConfig & RetentionRulesConfig;
  io: Io;
  options: Options;
  /** The positionals after the command name, as many as the command declares (runCli checks). */
  args: string[];
  /** Opened on first use and closed by runCli, so commands that need no database never open one. */
  db(): Promise<Db>;
  /**
   * The review's accounts key (REVIEW_ACCOUNTS_KEY, or in the embedded default its file under DATA_DIR/secrets),
   * loaded on first use: the one secret the CLI may hold, for `create-user`.
   */
  accountsKey(): Buffer;
  /**
   * Chat-intake's vault keys (IDENTITY_VAULT_KEY and IDENTITY_INDEX_KEY, or in the embedded default their files
   * under DATA_DIR/secrets), loaded on first use, for `subject` (data-subject requests) only.
   */
  vaultKeys(): VaultKeys;
  /** Takedown's referral signing key (TAKEDOWN_SIGNING_KEY, or its file), loaded on first use, for `takedown-key` only. */
  signingKey(): ReferralSigningKey;
}

/** One CLI command: a file exporting this, plus a line in registry.ts. */
export interface Command {
  name: string;
  /** Names of the positionals, all required; more or fewer is a usage error (exit 2). */
  args: string[];
  /** Further positionals may follow the declared ones (e.g. ids), named in the synopsis. */
  moreArgs?: boolean;
  /** The synopsis after `npm run hotline -- `, e.g. `hash-file FILE`. */
  synopsis: string;
  /** A few lines on what it does. */
  description: string;
  usesDatabase: boolean;
  run(ctx: CommandContext): Promise<void>;
}
