import 'reflect-metadata';
import { Controller, Get, Post, Body } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { configureHttp } from './configure-http';
import { hardenHttp, httpServerOptions, MAX_HEADER_BYTES } from './harden-http';

@Controller('things')
class ThingsController {
  @Get()
  list(): { items: string[] } {
    return { items: ['a'] };
  }

  @Post()
  create(@Body() body: unknown): unknown {
    return body;
  }
}

/** A unit's HTTP server as start-unit builds it, on a free loopback port. */
async function serve(corsOrigins: string[]): Promise<{ url: string; close(): Promise<void> }> {
  const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(httpServerOptions(false)), { logger: false });
  configureHttp(app);
  await hardenHttp(app, { corsOrigins });
  await app.listen(0, '127.0.0.1');
  return { url: await app.getUrl(), close: () => app.close() };
}

const preflight = (url: string, origin: string) =>
  fetch(`${url}/things`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' } });

describe('hardenHttp', () => {
  describe('without CORS_ORIGINS', () => {
    let server: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => (server = await serve([])));
    afterAll(() => server.close());

    it('sends the security headers on every answer, errors included', async () => {
      for (const response of [await fetch(`${server.url}/things`), await fetch(`${server.url}/nowhere`)]) {
        const h = response.headers;
        expect(h.get('x-content-type-options')).toBe('nosniff');
        expect(h.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(h.get('strict-transport-security')).toMatch(/^max-age=\d+/);
        expect(h.get('referrer-policy')).toBe('no-referrer');
        expect(h.get('cross-origin-resource-policy')).toBe('same-origin');
        const csp = h.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("object-src 'none'");
        // Plain HTTP behind the ingress's TLS: the browser must not be told to upgrade subresources.
        expect(csp).not.toContain('upgrade-insecure-requests');
        expect(h.get('x-powered-by')).toBeNull();
      }
    });

    it('lets no other origin read a response', async () => {
      const response = await preflight(server.url, 'https://evil.example');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const get = await fetch(`${server.url}/things`, { headers: { origin: 'https://evil.example' } });
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
    });

    it(`answers 431 to a request head over ${MAX_HEADER_BYTES} bytes, before any handler`, async () => {
      const response = await fetch(`${server.url}/things`, { headers: { 'x-padding': 'x'.repeat(MAX_HEADER_BYTES + 1) } });
      expect(response.status).toBe(431);
      expect((await fetch(`${server.url}/things`, { headers: { 'x-padding': 'x'.repeat(2_000) } })).status).toBe(200);
    });

    it('answers 413 to a body over the limit', async () => {
      const response = await fetch(`${server.url}/things`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ x: 'y'.repeat(70 * 1024) }) });
      expect(response.status).toBe(413);
    });
  });

  describe('with CORS_ORIGINS', () => {
    let server: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => (server = await serve(['https://shop.example.com', 'http://localhost:5173'])));
    afterAll(() => server.close());

    it('lets a listed origin call the API with its headers, no cookies', async () => {
      const response = await preflight(server.url, 'https://shop.example.com');
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')).toContain('idempotency-key');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      const get = await fetch(`${server.url}/things`, { headers: { origin: 'http://localhost:5173' } });
      expect(get.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(get.headers.get('vary')).toMatch(/origin/i);
      expect(get.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    });

    it('still refuses an origin not listed', async () => {
      expect((await preflight(server.url, 'https://shop.example.com.evil.example')).headers.get('access-control-allow-origin')).toBeNull();
      expect((await fetch(`${server.url}/things`, { headers: { origin: 'http://localhost:5174' } })).headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
