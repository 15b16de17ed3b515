import { hashingConfig } from '@hotline/hashing';
import { accountsKeySecret } from '@hotline/accounts';
import { identityIndexKeySecret, identityVaultKeySecret } from '@hotline/identity-vault';
import { retentionRulesConfig } from '@hotline/retention-rules';
import { describeError, loadConfig, readEnv } from '@hotline/platform';
import { runCli } from './run-cli';

async function main(): Promise<void> {
  let code: number;
  try {
    code = await runCli(
      process.argv.slice(2),
      loadConfig({ ...hashingConfig, ...retentionRulesConfig }),
      {
        out: (l) => process.stdout.write(l + '\n'),
        err: (l) => process.stderr.write(l + '\n'),
      },
      readEnv([accountsKeySecret.variable, identityVaultKeySecret.variable, identityIndexKeySecret.variable]),
    );
  } catch (err) {
    process.stderr.write(`error: ${describeError(err)}\n`);
    code = 1;
  }
  process.exitCode = code;
}

void main();
