import { createContext, createLogger, InProcessBus, loadSettings, PgDb, startServices, type ServiceFactory } from '@hotline/platform';
import { takedownService } from '@hotline/takedown-service';

/**
 * Run by test/takedown-crash.test.ts as its own process: the takedown service alone, on the test's schema, sending
 * through the test's SMTP server. The test kills it with SIGKILL in the middle of a batch of notices.
 * argv: schema, SMTP URL, signing key (base64 seed), FETCH_ALLOW_HOSTS.
 */
async function main(): Promise<void> {
  const [schema, smtpUrl, signingKey, allowHosts] = process.argv.slice(2);
  const settings = loadSettings(
    [takedownService],
    { name: 'takedown-child', standalone: false },
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: '/nonexistent',
      SMTP_URL: smtpUrl!,
      MAIL_FROM: 'notices@hotline.test',
      TAKEDOWN_SIGNING_KEY: signingKey!,
      TAKEDOWN_HOTLINE_EMAIL: 'notices@hotline.test',
      TAKEDOWN_NOTICE_EVERY_SECONDS: '1',
      FETCH_ALLOW_HOSTS: allowHosts!,
      JOBS_POLL_MS: '50',
      JOBS_LEASE_MS: '1500',
    },
  );
  const logger = createLogger({ level: 'silent' });
  const db = new PgDb({ connectionString: process.env.TEST_DATABASE_URL!, schema, poolSize: 4 });
  const ctx = await createContext(settings, { db, logger, bus: new InProcessBus({ logger, maxAttempts: 3, retryBaseMs: 50, db }) });
  await startServices(ctx, [takedownService.create as ServiceFactory<typeof ctx>]);
  process.stdout.write('started\n');
}

void main();
