/**
 * One HTTP server of B3, run in its own child process:
 *   node -r @swc-node/register bench/src/servers/http-server.ts <variant>   (PORT in the environment)
 * Every variant serves GET /health and POST /products, which takes a catalog CreateProductInput body
 * and answers 200 {"sku": …, "accepted": true}. Variants differ only in the stack in front of it.
 */
import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Module, Post, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import Fastify from 'fastify';
import { CreateProductInput } from '@foodcourt/catalog-contract';
import { configureHttp, MAX_BODY_BYTES } from '@foodcourt/platform-http';
import { validateDto } from '@foodcourt/platform-kernel';
import { CREATE_PRODUCT_SCHEMA, HTTP_VARIANTS, type HttpVariant } from './http-variants';

@Controller()
class ProductsController {
  @Get('health')
  health(): { ok: true } {
    return { ok: true };
  }

  @Post('products')
  @HttpCode(200)
  create(@Body() body: CreateProductInput): { sku: string; accepted: true } {
    return { sku: body.sku, accepted: true };
  }
}

@Module({ controllers: [ProductsController] })
class BenchHttpModule {}

async function startFastify(variant: 'fastify-bare' | 'fastify-schema' | 'fastify-validatedto', port: number): Promise<void> {
  const app = Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES });
  app.get('/health', async () => ({ ok: true }));
  if (variant === 'fastify-schema') {
    app.post<{ Body: CreateProductInput }>('/products', { schema: { body: CREATE_PRODUCT_SCHEMA } }, async (request) => ({ sku: request.body.sku, accepted: true }));
  } else if (variant === 'fastify-validatedto') {
    // Our validator (the one DtoValidationPipe and the port bindings use) without Nest in front.
    app.post('/products', async (request, reply) => {
      try {
        const body = validateDto(CreateProductInput, request.body);
        return { sku: body.sku, accepted: true };
      } catch (error) {
        return reply.code(400).send({ statusCode: 400, message: (error as Error).message });
      }
    });
  } else {
    app.post<{ Body: CreateProductInput }>('/products', async (request) => ({ sku: request.body.sku, accepted: true }));
  }
  await app.listen({ port, host: '127.0.0.1' });
}

async function startNest(variant: 'nest-fastify-nopipe' | 'nest-fastify-validationpipe' | 'nest-express-validationpipe' | 'ours', port: number): Promise<void> {
  const logger = ['error', 'warn'] as const;
  let app: INestApplication;
  if (variant === 'nest-express-validationpipe') {
    app = await NestFactory.create(BenchHttpModule, new ExpressAdapter(), { logger: [...logger] });
  } else {
    app = await NestFactory.create(BenchHttpModule, new FastifyAdapter({ bodyLimit: MAX_BODY_BYTES }), { logger: [...logger] });
  }
  if (variant === 'ours') configureHttp(app);
  // The peers' usual set-up, with the same strictness as ours (unknown fields refused).
  if (variant === 'nest-fastify-validationpipe' || variant === 'nest-express-validationpipe') {
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  }
  await app.listen(port, '127.0.0.1');
}

async function main(): Promise<void> {
  const variant = process.argv[2] as HttpVariant;
  const port = Number(process.env['PORT']);
  if (!HTTP_VARIANTS.includes(variant) || !Number.isInteger(port)) {
    throw new Error(`usage: PORT=<port> http-server.ts <${HTTP_VARIANTS.join('|')}>`);
  }
  if (variant === 'fastify-bare' || variant === 'fastify-schema' || variant === 'fastify-validatedto') await startFastify(variant, port);
  else await startNest(variant, port);
  process.stdout.write(`${variant} listening on 127.0.0.1:${port}\n`);
  process.once('SIGTERM', () => process.exit(0));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`http-server: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
