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
