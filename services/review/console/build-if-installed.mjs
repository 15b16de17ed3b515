// The root `postinstall`: `npm ci && npm start` must show the console, so installing builds it. An install
// without dev dependencies (`npm ci --omit=dev`, the container's runtime stage) has no Vite: it skips the build
// and says so; the container image copies dist/ from its build stage instead. A failing build fails the install.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
let viteBin;
try {
  viteBin = path.join(path.dirname(createRequire(path.join(here, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
} catch {
  process.stdout.write('review console: Vite is not installed (dev dependencies omitted), not building the console\n');
  process.exit(0);
}
const run = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: here, stdio: 'inherit' });
if (run.status !== 0) {
  process.stderr.write('review console: the build failed (see above); `npm run build:console` runs it again\n');
  process.exit(run.status ?? 1);
}
process.stdout.write(`review console: built into ${path.join(here, 'dist')}\n`);
