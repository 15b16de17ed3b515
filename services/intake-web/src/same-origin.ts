import type { RequestHandler } from 'express';
import { CrossSiteError } from './errors';

/**
 * Refuses reports another website makes a visitor's browser send (a forged form or fetch): a POST
 * whose `Sec-Fetch-Site` is `cross-site`, or whose `Origin` is another origin than the intake's own
 * (INTAKE_PUBLIC_URL's origin, else the request's Host). Scripts and curl send
 * neither header and pass. `Origin: null` is what our own form sends, because its page asks for
 * `no-referrer`; it proves nothing either way, so `Sec-Fetch-Site` decides.
 */
export function refuseCrossSite(publicUrl: string | undefined): RequestHandler {
  const fixedOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  return (req, _res, next) => {
    if (req.get('sec-fetch-site')?.toLowerCase() === 'cross-site') return next(new CrossSiteError());
    const origin = req.get('origin');
    if (origin && origin !== 'null' && !sameOrigin(origin, fixedOrigin, req.get('host'))) return next(new CrossSiteError());
    next();
  };
}

/**
 * Without INTAKE_PUBLIC_URL only the host is compared: behind a TLS-terminating proxy the intake
 * sees http while the browser's Origin says https, and refusing our own form would be worse.
 */
function sameOrigin(origin: string, fixedOrigin: string | undefined, host: string | undefined): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  if (fixedOrigin) return u.origin === fixedOrigin;
  return !!host && u.host === host.toLowerCase().replace(/:(80|443)$/, '');
}
