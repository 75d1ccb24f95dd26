import { STATUS_CODES } from 'node:http';
import { DomainError } from '@foodcourt/platform-kernel';
import { STATUS_FOR_KIND } from './status-for-kind';

/** The body of every error answer, whatever produced it: clients branch on `code`. */
export interface ErrorResponseBody {
  statusCode: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Maps anything thrown while serving a request to a status and a body that never carries a stack trace. */
export function toErrorResponse(error: unknown): ErrorResponseBody {
  if (error instanceof DomainError) {
    const body: ErrorResponseBody = { statusCode: STATUS_FOR_KIND[error.kind], code: error.code, message: error.message };
    if (error.details !== undefined) body.details = error.details;
    return body;
  }
  const statusCode = statusOf(error);
  const report = statusCode === 503 ? healthReportOf(error) : undefined;
  if (report) return report;
  if (statusCode !== undefined && statusCode < 500) {
    return { statusCode, code: codeForStatus(statusCode), message: clientMessage(error, statusCode) };
  }
  return { statusCode: statusCode ?? 500, code: 'INTERNAL_ERROR', message: 'Internal server error' };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { getStatus?: () => number; statusCode?: unknown; status?: unknown };
  if (typeof candidate.getStatus === 'function') return candidate.getStatus();
  if (typeof candidate.statusCode === 'number') return candidate.statusCode;
  if (typeof candidate.status === 'number') return candidate.status;
  return undefined;
}

// Fastify and Nest describe client errors well ("Body is not valid JSON…"); keep their words, nothing more.
function clientMessage(error: unknown, statusCode: number): string {
  const response = (error as { getResponse?: () => unknown }).getResponse?.();
  if (response && typeof response === 'object' && 'message' in response) {
    const message = (response as { message: unknown }).message;
    return Array.isArray(message) ? message.join('; ') : String(message);
  }
  if (error instanceof Error && error.message) return error.message;
  return STATUS_CODES[statusCode] ?? 'Bad request';
}

function codeForStatus(statusCode: number): string {
  return (STATUS_CODES[statusCode] ?? 'ERROR').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/**
 * A failed readiness check (@nestjs/terminus's 503): which checks are down and why is what an
 * operator needs, so it is answered as NOT_READY naming them (database messages carry no secret:
 * the driver's own text, e.g. "unit payments: payments is unavailable (connection refused)").
 */
function healthReportOf(error: unknown): ErrorResponseBody | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const response = (error as { getResponse?: () => unknown }).getResponse?.() as { status?: unknown; error?: unknown; details?: unknown } | undefined;
  if (!response || response.status !== 'error' || typeof response.error !== 'object' || response.error === null) return undefined;
  const down = Object.entries(response.error as Record<string, { message?: unknown }>).map(([check, result]) => (typeof result?.message === 'string' ? `${check} (${result.message})` : check));
  return { statusCode: 503, code: 'NOT_READY', message: `not ready: ${down.join('; ')}`, details: { checks: response.details } };
}
