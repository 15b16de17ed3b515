import { listen, type Listening, type Service } from '@hotline/platform';
import { buildIntakeApp } from './app';
import type { IntakeContext } from './config';

export interface IntakeService extends Service {
  url(): string;
}

export function createIntakeService(ctx: IntakeContext): IntakeService {
  let http: Listening | undefined;
  return {
    name: 'intake-web',
    async start() {
      http = await listen(buildIntakeApp(ctx), ctx.cfg.INTAKE_HOST, ctx.cfg.INTAKE_PORT, 'INTAKE_PORT');
      ctx.logger.info({ service: 'intake-web', url: http.url }, 'intake listening');
    },
    async stop() {
      await http?.close();
    },
    url() {
      if (!http) throw new Error('intake-web is not started');
      return http.url;
    },
  };
}
