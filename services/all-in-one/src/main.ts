import { runMain } from '@hotline/platform';
import { banner } from './banner';
import { ALL_SERVICES } from './services';

void runMain({
  name: 'hotline',
  services: ALL_SERVICES,
  standalone: false,
  afterStart: (ctx, services) => process.stdout.write(banner(ctx, services) + '\n'),
});
