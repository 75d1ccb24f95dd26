/** A floor of B5: Nest + Fastify with one controller and no workspace import (no platform-runtime, no contract). */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

@Controller()
class HealthController {
  @Get('health')
  health(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [HealthController] })
class MinimalModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(MinimalModule, new FastifyAdapter(), { logger: ['error', 'warn'] });
  await app.listen(Number(process.env['PORT']), '127.0.0.1');
  process.once('SIGTERM', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`nest-minimal: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
