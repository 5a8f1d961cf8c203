/**
 * Logger options: JSON lines, no personal data. Requests are logged by our own hook with the route pattern,
 * never the query string or body; headers that carry credentials are redacted if anything logs them.
 */
import type { LoggerOptions } from 'pino';

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.email',
        '*.phone',
        '*.token',
      ],
      censor: '[redacted]',
    },
    base: { service: 'frontdoor' },
  };
}
