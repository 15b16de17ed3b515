import type { RequestHandler } from 'express';
import { CrossSiteError } from './errors';

/**
 * Refuses reports another website makes a visitor's browser send (a forged form or fetch): a POST
 * whose `Sec-Fetch-Site` is `cross-site`, or whose `Origin` is another origin than the intake's own
 * (INTAKE_PUBLIC_URL's origin, else the request's own scheme and Host). Scripts and curl send
 * neither header and pass. `Origin: null` is what our own form sends, because its page asks for
 * `no-referrer`; it proves nothing either way, so `Sec-Fetch-Site` decides.
 */
export function refuseCrossSite(publicUrl: string | undefined): RequestHandler {
  const fixedOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  return (req, _res, next) => {
    if (req.get('sec-fetch-site')?.toLowerCase() === 'cross-site') return next(new CrossSiteError());
    const origin = req.get('origin');
    if (origin && origin !== 'null') {
      const own = fixedOrigin ?? `${req.protocol}://${req.get('host') ?? ''}`;
      if (origin.toLowerCase() !== own.toLowerCase()) return next(new CrossSiteError());
    }
    next();
  };
}
