import type { LoggerService, LogLevel } from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { DOMAIN_KEY } from '../telemetry';
import { REDACTED, scrubSecrets } from './scrub-secrets';

/** LOG_LEVEL's values (Nest's names) as pino levels. */
const PINO_LEVELS = { error: 'error', warn: 'warn', log: 'info', debug: 'debug' } as const;
export type UnitLogLevel = keyof typeof PINO_LEVELS;

/** Structured fields that hold a secret wherever they appear (one and two levels deep). */
const SECRET_KEYS = ['password', 'newPassword', 'currentPassword', 'accessToken', 'refreshToken', 'token', 'secret', 'authorization', 'cookie', 'smtpPassword', 'databaseUrl'];
const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

export interface UnitLoggerOptions {
  unit: string;
  topology: string;
  level: UnitLogLevel;
  format: 'json' | 'pretty';
  /** Where lines go; stdout unless a test captures them. */
  destination?: NodeJS.WritableStream;
}

/**
 * The unit's pino logger: JSON lines (or pretty ones on a terminal) carrying `unit`, and, inside a
 * traced call, `traceId`, `spanId` and the `domain` whose code runs, so a trace id found in one
 * unit's log finds the same request in every other unit's.
 */
export function createUnitLogger(options: UnitLoggerOptions): Logger {
  const destination = options.destination ?? process.stdout;
  const stream = options.format === 'pretty' ? pretty({ colorize: Boolean((destination as { isTTY?: boolean }).isTTY), destination, sync: true }) : destination;
  return pino(
    {
      level: PINO_LEVELS[options.level],
      base: { unit: options.unit, topology: options.topology },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Free text may quote a secret (a URL with its password, a bearer header): scrubbed before it is written.
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg)) as Parameters<typeof method>);
        },
      },
      serializers: { err: (error: unknown) => serializeError(error) },
      mixin() {
        const active = context.active();
        const span = trace.getSpan(active);
        const domain = active.getValue(DOMAIN_KEY) as string | undefined;
        if (!span && !domain) return {};
        const fields: Record<string, string> = {};
        if (span) {
          const { traceId, spanId } = span.spanContext();
          fields['traceId'] = traceId;
          fields['spanId'] = spanId;
        }
        if (domain) fields['domain'] = domain;
        return fields;
      },
    },
    stream as pino.DestinationStream,
  );
}

function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return { type: error.name, message: scrubSecrets(error.message), stack: error.stack ? scrubSecrets(error.stack) : undefined };
}

const NEST_TO_PINO: Record<LogLevel, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Nest's logger interface over the unit's pino logger: every `new Logger(context).log(...)` in
 * the platform and the domains, and Nest's own start-up lines, become JSON lines with `context`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /**
   * Nest passes the context (the logger's name) last, and for `error` the stack before it:
   * `error(message, stack?, context?)`.
   */
  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    const pinoLevel = NEST_TO_PINO[level];
    if (!this.logger.isLevelEnabled(pinoLevel)) return;
    const params = [...rest];
    const fields: Record<string, unknown> = {};
    if (params.length > 0 && typeof params[params.length - 1] === 'string') fields['context'] = params.pop();
    if (level === 'error' && typeof params[0] === 'string') fields['stack'] = scrubSecrets(params.shift() as string);
    if (message instanceof Error) {
      fields['err'] = message;
      this.logger[pinoLevel](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[pinoLevel]({ ...fields, ...(message as object) });
    } else {
      this.logger[pinoLevel](fields, String(message));
    }
  }
}
