import { FileMailer, secretFile, type Service } from '@hotline/platform';
import { REVIEW_TOKEN_FILE } from '@hotline/review';
import type { AllServicesContext } from './services';

interface HasUrl extends Service {
  url(): string;
}

/** What a newcomer needs after `npm start`: where things are, and how to reach the review API. */
export function banner(ctx: AllServicesContext, services: Service[]): string {
  const url = (name: string) => (services.find((s) => s.name === name) as HasUrl | undefined)?.url() ?? '(not running)';
  const intake = url('intake-web');
  const review = url('review');
  // Never the token itself: stdout ends up in container logs.
  const tokenFile = secretFile(ctx.cfg, REVIEW_TOKEN_FILE);
  const token = {
    generated: `new review API token in ${tokenFile} (mode 0600)`,
    env: 'review API token: from REVIEW_API_TOKEN',
    file: `review API token: in ${tokenFile}`,
  }[ctx.secretSources.reviewApiToken];
  return [
    '',
    `Hotline triage pipeline running (${ctx.bus.kind} bus, ${ctx.db.kind === 'pglite' ? `embedded PostgreSQL in ${ctx.cfg.dataDir}` : 'PostgreSQL'})`,
    `  report form:   ${intake}/`,
    `  report API:    POST ${intake}/api/reports   {"urls": ["https://…"], "description": "…"}`,
    `  review console: ${review}/`,
    `  review queue:  GET  ${review}/api/queue      (Authorization: Bearer <token>)`,
    ...(ctx.cfg.METRICS_PORT === undefined ? [] : [`  metrics:       ${url('metrics')}/metrics   (also /healthz, /readyz)`]),
    `  ${token}`,
    `  mail:          ${ctx.mailer instanceof FileMailer ? `not sent, written as ${ctx.mailer.describe}` : ctx.mailer.describe}`,
    '  import hashes: npm run hotline -- import-hashes --list NAME --type sha256 FILE   (stop this process first in embedded mode)',
    '',
  ].join('\n');
}
