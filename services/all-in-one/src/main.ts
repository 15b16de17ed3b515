import { runMain } from '@hotline/platform';
import { banner } from './banner';
import { ALL_SERVICES } from './factories';

void runMain({
  name: 'hotline',
  factories: ALL_SERVICES,
  standalone: false,
  afterStart: (ctx, services) => process.stdout.write(banner(ctx, services) + '\n'),
});
