import type { RequestHandler } from 'express';
import { CrossSiteError } from './errors';

/**
 * Refuses reports another website makes a visitor's browser send (a forged form or fetch): a POST
 * whose `Sec-Fetch-Site` is `cross-site`, or `same-site` from another origin (a sibling subdomain),
 * or whose `Origin` is another origin than the intake's own (INTAKE_PUBLIC_URL's origin, else the
 * request's Host), or `null` (what a sandboxed or data: page sends; our own pages use Referrer-Policy
 * `same-origin`, so our form sends its real Origin). Scripts and curl send neither header and pass.
 */
export function refuseCrossSite(publicUrl: string | undefined): RequestHandler {
  const fixedOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  return (req, _res, next) => {
    const site = req.get('sec-fetch-site')?.toLowerCase();
    const origin = req.get('origin');
    const ours = origin !== undefined && sameOrigin(origin, fixedOrigin, req.get('host'));
    if (site === 'cross-site') return next(new CrossSiteError());
    if (site === 'same-site' && !ours) return next(new CrossSiteError());
    if (origin !== undefined && !ours) return next(new CrossSiteError());
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
