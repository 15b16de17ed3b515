import { FileMailer, type Service } from '@hotline/platform';
import type { AllServicesContext } from './services';

interface HasUrl extends Service {
  url(): string;
}

/** What a newcomer needs after `npm start`: where things are, and how to reach the review API. */
export function banner(ctx: AllServicesContext, services: Service[]): string {
  const url = (name: string) => (services.find((s) => s.name === name) as HasUrl | undefined)?.url() ?? '(not running)';
  const intake = url('intake-web');
  const review = url('review');
  return [
    '',
    `Hotline triage pipeline running (${ctx.bus.kind} bus, ${ctx.db.kind === 'pglite' ? `embedded PostgreSQL in ${ctx.cfg.dataDir}` : 'PostgreSQL'})`,
    `  report form:   ${intake}/`,
    `  report API:    POST ${intake}/api/reports   {"urls": ["https://…"], "description": "…"}`,
    // Passkeys refuse IP addresses: the console is opened by name (REVIEW_RP_ID defaults to localhost).
    `  review console: ${review.replace('//127.0.0.1:', '//localhost:')}/`,
    `  review API:    ${review}/api/openapi.json   (log in: POST /api/session; scripts: an API token of an account)`,
    ...(ctx.cfg.METRICS_PORT === undefined ? [] : [`  metrics:       ${url('metrics')}/metrics   (also /healthz, /readyz)`]),
    '  first admin:   npm run hotline -- create-user --name admin --role admin   (stop this process first in embedded mode)',
    `  mail:          ${ctx.mailer instanceof FileMailer ? `not sent, written as ${ctx.mailer.describe}` : ctx.mailer.describe}`,
    '  import hashes: npm run hotline -- import-hashes --list NAME --type sha256 FILE   (stop this process first in embedded mode)',
    '',
  ].join('\n');
}
