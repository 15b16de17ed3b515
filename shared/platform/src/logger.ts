import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Belt and braces: code never hands request objects or reporter data to the logger, and these
 * paths are censored should one slip through.
 */
export const REDACTED_PATHS = [
  'req',
  'request',
  'headers',
  '*.headers',
  'ip',
  '*.ip',
  'ips',
  'remoteAddress',
  '*.remoteAddress',
  'userAgent',
  '*.userAgent',
  'reporter',
  '*.reporter',
  'cookie',
  '*.cookie',
  'authorization',
  '*.authorization',
];

export function createLogger(opts: { level: string; name?: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: opts.level,
      name: opts.name,
      base: undefined,
      redact: { paths: REDACTED_PATHS, remove: true },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination,
  );
}
