import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/**
 * Access log without the client: method, path (no query string), status and duration. No IP, no
 * user agent, no headers, no cookies — reporters stay anonymous even to whoever reads the logs.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
