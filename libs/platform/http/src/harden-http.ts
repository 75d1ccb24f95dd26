import helmet from '@fastify/helmet';
import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MAX_BODY_BYTES } from './configure-http';

/**
 * Largest request head (request line and headers together) a unit reads; a larger one is answered
 * 431 by Node before any handler runs. An access token and a traceparent fit many times over.
 */
export const MAX_HEADER_BYTES = 8 * 1024;

/** Fastify's settings for a unit's HTTP server: the body and header limits, and whether a proxy's X-Forwarded-For is believed. */
export function httpServerOptions(trustProxy: boolean): FastifyHttpOptions<Server> {
  return { bodyLimit: MAX_BODY_BYTES, trustProxy, http: { maxHeaderSize: MAX_HEADER_BYTES } };
}

/** Headers a browser page may send cross-origin: the API's own, beside the CORS-safelisted ones. */
const CORS_REQUEST_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'traceparent', 'tracestate'];
/** Response headers a cross-origin page may read beside the safelisted ones. */
const CORS_EXPOSED_HEADERS = ['retry-after', 'location'];

export interface HttpHardening {
  /** Origins allowed to call the API from a browser page (CORS_ORIGINS); empty: no cross-origin access. */
  corsOrigins: readonly string[];
}

/**
 * Security headers (helmet) and CORS on a unit that serves HTTP (docs/security.md). The content
 * security policy lets the dashboard and the OpenAPI page load their own scripts and styles only;
 * `upgrade-insecure-requests` is off because a unit speaks plain HTTP behind the TLS of its ingress
 * (with it, a browser on http://127.0.0.1 would ask for the dashboard's script over https).
 */
export async function hardenHttp(app: NestFastifyApplication, { corsOrigins }: HttpHardening): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'upgrade-insecure-requests': null,
        // The OpenAPI page (swagger-ui) sets inline styles; no page here needs inline scripts.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
      },
    },
    // Cross-origin pages may still be allowed to read responses (CORS below).
    crossOriginResourcePolicy: { policy: corsOrigins.length > 0 ? 'cross-origin' : 'same-origin' },
  });
  if (corsOrigins.length > 0) {
    app.enableCors({
      origin: [...corsOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: CORS_REQUEST_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      // Tokens travel in Authorization, never in cookies.
      credentials: false,
      maxAge: 600,
    });
  }
}
