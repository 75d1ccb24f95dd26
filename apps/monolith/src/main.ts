import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigError, configureHttp, loadTopology, MAX_BODY_BYTES, TopologyError } from '@foodcourt/platform-runtime';
import { AppModule } from './app.module';
import { appConfigFromEnv } from './config/app-config';
import { DOMAIN_MODULES, KNOWN_DOMAINS } from './hosted-domains';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Starts the unit this process is told to be (the whole monolith by default). */
async function main(): Promise<void> {
  const config = appConfigFromEnv();
  const resolved = loadTopology(config.topologyFile, config.unit, {
    knownDomains: KNOWN_DOMAINS,
    hostableDomains: Object.keys(DOMAIN_MODULES),
  });
  if (resolved.remoteDomains.length > 0) {
    throw new TopologyError(
      `topology file ${config.topologyFile}: unit "${config.unit}" needs ${resolved.remoteDomains.join(', ')} from other units; remote bindings are not available in this build`,
    );
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forUnit(resolved),
    new FastifyAdapter({ bodyLimit: MAX_BODY_BYTES, trustProxy: config.trustProxy }),
    { logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1), abortOnError: false },
  );
  configureHttp(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Foodcourt').setDescription(`Unit "${config.unit}" of topology "${resolved.topology.name}"`).setVersion('0.1.0').addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT (EdDSA), from POST /auth/login' }).build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  new Logger('Foodcourt').log(`unit "${config.unit}" (${resolved.unit.domains.join(', ')}) listening on ${await app.getUrl()}`);
}

main().catch((error: unknown) => {
  // One clear line for what an operator got wrong; the stack only for the unexpected.
  const operatorError = error instanceof TopologyError || error instanceof ConfigError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`foodcourt: cannot start: ${message}\n`);
  if (!operatorError && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
