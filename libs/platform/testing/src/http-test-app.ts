import type { ModuleMetadata, Provider, Type } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AuthModule, JwksSource } from '@foodcourt/platform-auth';
import { configureHttp } from '@foodcourt/platform-http';
import { TestIdentity } from './test-identity';

/** What a spec serves: the HTTP modules under test, and the providers the application would bind (ports, ...). */
export interface HttpTestAppOptions {
  imports?: ModuleMetadata['imports'];
  /** Provided (and exported) globally, like an application binds its ports. */
  providers?: Provider[];
  controllers?: Type[];
  /** Who signs the tokens the app accepts; a fresh TestIdentity when omitted. */
  identity?: TestIdentity;
}

/** One HTTP request to the app: a JSON body, a bearer token and extra headers, all optional. */
export interface HttpTestRequest {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

/** What the app answered; `body` is the parsed JSON (the raw text if not JSON, undefined if empty). */
export interface HttpTestResponse<B = Record<string, unknown>> {
  status: number;
  body: B;
  headers: Headers;
}

/** A running app under test. */
export interface HttpTestApp {
  app: NestFastifyApplication;
  /** Base URL, e.g. http://127.0.0.1:54321. */
  url: string;
  identity: TestIdentity;
  request<B = Record<string, unknown>>(method: string, path: string, options?: HttpTestRequest): Promise<HttpTestResponse<B>>;
  close(): Promise<void>;
}

/**
 * Starts a unit's HTTP layer as an application would: Fastify, the global AuthModule verifying
 * `identity`'s tokens, configureHttp's validation and error body, on a free loopback port. Real HTTP,
 * because Fastify's inject() loads the ESM-only `cookie`, which the Jest preset does not transform.
 */
export async function startHttpTestApp(options: HttpTestAppOptions = {}): Promise<HttpTestApp> {
  const identity = options.identity ?? (await TestIdentity.create());
  const providers: Provider[] = [...(options.providers ?? []), { provide: JwksSource, useValue: identity.jwksSource }];
  const bindings = { module: class HttpTestBindings {}, global: true, providers, exports: providers.map(tokenOf) };
  const moduleRef = await Test.createTestingModule({
    imports: [bindings, AuthModule.forRoot(), ...(options.imports ?? [])],
    controllers: options.controllers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  configureHttp(app);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();

  async function request<B>(method: string, path: string, { body, token, headers }: HttpTestRequest = {}): Promise<HttpTestResponse<B>> {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: parseBody(await response.text()) as B, headers: response.headers };
  }

  return { app, url, identity, request, close: () => app.close() };
}

function tokenOf(provider: Provider): NonNullable<ModuleMetadata['exports']>[number] {
  return typeof provider === 'function' ? provider : provider.provide;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
