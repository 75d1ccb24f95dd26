import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigError } from '@foodcourt/platform-kernel';
import { configureHttp, hardenHttp, httpServerOptions } from '@foodcourt/platform-http';
import { createUnitLogger, instrumentHttp, observabilityConfigFromEnv, PinoNestLogger, Telemetry } from '@foodcourt/platform-observability';
import { persistenceConfigFromEnv, type PersistenceConfig } from '@foodcourt/platform-persistence';
import { loadTopology, TopologyError, type ResolvedUnit } from '@foodcourt/platform-topology';
import { appConfigFromEnv } from './config/app-config';
import type { UnitBinary } from './unit-binary';
import { DrainState } from './drain/drain-state';
import { closeConnectionsWhileDraining, drainOnSignals } from './drain/drain-unit';
import { UnitModule } from './unit.module';

/**
 * Starts the unit this process is told to be (--unit/UNIT of --topology/TOPOLOGY), or exits
 * with one line saying what is wrong with the configuration.
 */
export function startUnit(binary: UnitBinary): void {
  run(binary).catch((error: unknown) => {
    // One clear line for what an operator got wrong; the stack only for the unexpected.
    const operatorError = error instanceof TopologyError || error instanceof ConfigError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`foodcourt: cannot start: ${message}\n`);
    if (!operatorError && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
}

/** Resolves the unit against what this binary contains; throws TopologyError naming the problem. */
export function resolveUnitOf(binary: UnitBinary, topologyFile: string, unitName: string): ResolvedUnit {
  const resolved = loadTopology(topologyFile, unitName, {
    knownDomains: Object.keys(binary.ports),
    hostableDomains: Object.keys(binary.cores),
    ports: binary.ports,
  });
  if (resolved.unit.http !== false && binary.http.length === 0) {
    throw new TopologyError(
      `topology file ${topologyFile}: unit "${unitName}" serves the HTTP API, which binary ${binary.name} does not contain (set http: false, or run it with the gateway or monolith binary)`,
    );
  }
  return resolved;
}

/**
 * Replicas of a unit share its databases and claim outbox and inbox rows with FOR UPDATE SKIP
 * LOCKED (docs/adr/0010): PostgreSQL only. SQLite files are one process's (its writes are queued
 * in-process), so replicas on SQLite would publish and handle events twice.
 */
export function assertReplicasShareDatabases(resolved: ResolvedUnit, persistence: Pick<PersistenceConfig, 'driver'>): void {
  const replicas = resolved.unit.replicas ?? 1;
  if (replicas > 1 && resolved.unit.domains.length > 0 && persistence.driver !== 'postgres') {
    throw new ConfigError(
      `unit "${resolved.unit.name}" has replicas: ${replicas}, which needs DB_DRIVER=postgres (replicas share the unit's databases; SQLite files cannot be shared safely)`,
    );
  }
}

async function run(binary: UnitBinary): Promise<void> {
  const config = appConfigFromEnv(process.argv.slice(2), process.env, binary.defaultUnit);
  const resolved = resolveUnitOf(binary, config.topologyFile, config.unit);
  assertReplicasShareDatabases(resolved, persistenceConfigFromEnv(process.env));
  const observability = observabilityConfigFromEnv(config.unit);
  const telemetry = new Telemetry(observability, config.unit, resolved.topology.name);
  const logger = createUnitLogger({ unit: config.unit, topology: resolved.topology.name, level: config.logLevel, format: observability.logFormat });
  const drain = new DrainState();
  const app = await NestFactory.create<NestFastifyApplication>(
    UnitModule.forUnit(resolved, binary, telemetry, drain),
    new FastifyAdapter(httpServerOptions(config.trustProxy)),
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  instrumentHttp(app.getHttpAdapter().getInstance(), telemetry, logger);
  configureHttp(app);
  await hardenHttp(app, { corsOrigins: config.corsOrigins });
  if (resolved.unit.http !== false) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Foodcourt')
        .setDescription(`Unit "${config.unit}" of topology "${resolved.topology.name}"`)
        .setVersion('0.1.0')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT (EdDSA), from POST /auth/login' })
        .build(),
    );
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  }
  // SIGTERM/SIGINT drain the unit, then exit 0 (not Nest's shutdown hooks, which close the transport
  // server and connections before HTTP and re-send the signal).
  closeConnectionsWhileDraining(app, drain);
  drainOnSignals(app, { state: drain, timeoutMs: config.drainTimeoutMs, logger: new Logger('Drain'), exit: (code) => process.exit(code) });
  await app.listen(config.port, config.host);
  const hosts = resolved.unit.domains.length > 0 ? resolved.unit.domains.join(', ') : 'no domain';
  new Logger('Foodcourt').log(`${binary.name}: unit "${config.unit}" (${hosts}) of topology "${resolved.topology.name}" listening on ${await app.getUrl()}`);
}
