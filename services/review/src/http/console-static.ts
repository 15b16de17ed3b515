import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import type { CspDirectives } from '@hotline/platform';

/** Where `npm run build:console` (Vite) writes the console; the review service serves it from there. */
export const CONSOLE_DIST = path.resolve(__dirname, '../../console/dist');

/**
 * The console's CSP: only our own script and style files (the build has no inline script or style), images from
 * us and from blob:/data: (a revealed image is a blob URL, the TOTP QR code a data: URL), media from blob: only (a
 * revealed video), API calls to us only.
 */
export const CONSOLE_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  // A revealed video plays from a blob URL, as a revealed image shows from one.
  'media-src': ['blob:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The console's screens (services/review/console/src/router.ts): only these paths answer index.html, so an
 * unknown path — `/metrics`, a typo, a scanner's probe — stays the JSON 404 it is on every other app.
 */
const SCREEN_PATH = /^\/(?:(?:items|reports|takedown\/cases)\/[^/]+|dashboard|account|admin|files|takedown(?:\/statistics|\/directory)?)?\/?$/;

const NOT_BUILT = 'The review console is not built. Run `npm run build:console` (npm ci and npm install do it), then reload.\n';

/**
 * The single-page app after the API routes: hashed files under /assets are cached for a year (a new build has
 * new names), everything else — index.html above all — is no-store, so a deployment is picked up on reload. A GET
 * of a screen's path answers index.html, whose router shows that screen.
 */
export function serveConsole(router: Router, dist: string = CONSOLE_DIST): void {
  const index = path.join(dist, 'index.html');
  router.use(
    express.static(dist, {
      index: false,
      fallthrough: true,
      setHeaders(res, file) {
        const hashed = path.relative(dist, file).startsWith(`assets${path.sep}`);
        res.set('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-store');
      },
    }),
  );
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !SCREEN_PATH.test(req.path)) return next();
    // Checked per request: a console built after the service started is served without a restart.
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send(NOT_BUILT);
      return;
    }
    res.set('Cache-Control', 'no-store');
    res.sendFile(index);
  });
}
