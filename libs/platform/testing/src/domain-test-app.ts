import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModuleMetadata, Provider } from '@nestjs/common';
import { Test, type TestingModule, type TestingModuleBuilder } from '@nestjs/testing';
import { MessagingModule, type MessagingConfig } from '@foodcourt/platform-messaging';
import { DomainDatabases, PersistenceModule, type DomainDatabase, type PersistenceConfig } from '@foodcourt/platform-persistence';

/** Fast polling and retries, relay on: events published in a test are delivered within milliseconds. */
export const TEST_MESSAGING: MessagingConfig = { relayEnabled: true, pollIntervalMs: 20, maxAttempts: 3, retryBaseMs: 10, retryMaxMs: 50 };

/** What a domain core spec runs: its module(s), on real persistence and messaging. */
export interface DomainTestAppOptions {
  /** The core module(s) under test; PersistenceModule and MessagingModule are added before them. */
  imports: NonNullable<ModuleMetadata['imports']>;
  /** Provided (and exported) globally, like an application binds the ports of other domains. */
  providers?: Provider[];
  /** Providers of the imported modules replaced by a value (a fake, a config). */
  overrides?: Array<{ provide: Parameters<TestingModuleBuilder['overrideProvider']>[0]; useValue: unknown }>;
  /** Merged over TEST_MESSAGING. */
  messaging?: Partial<MessagingConfig>;
  /** Reuse a data dir (e.g. a restart); a fresh temp dir, deleted by close(), by default. */
  dataDir?: string;
  /** Prefix of the temp dir's name (default `domain-test-`). */
  tempDirPrefix?: string;
  /** PostgreSQL instead of SQLite files in the data dir. */
  database?: { driver: 'postgres'; databaseUrl: string };
}

/** A running domain core. */
export interface DomainTestApp {
  app: TestingModule;
  dataDir: string;
  /** The open database of `domain`. */
  database(domain: string): DomainDatabase;
  /** Closes the app, then deletes the data dir if it was a temp dir made here. Idempotent. */
  close(): Promise<void>;
}

const SILENT = { log() {}, error() {}, warn() {} };

/** Compiles and initializes the modules on a real database, with fast in-process messaging and a silent logger. */
export async function startDomainTestApp(options: DomainTestAppOptions): Promise<DomainTestApp> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), options.tempDirPrefix ?? 'domain-test-'));
  const removeDataDir = () => {
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const persistence: PersistenceConfig = options.database ? { ...options.database, dataDir } : { driver: 'sqlite', dataDir };
  const providers = options.providers ?? [];
  const bindings = { module: class DomainTestBindings {}, global: true, providers, exports: providers.map(tokenOf) };

  let app: TestingModule | undefined;
  try {
    let builder = Test.createTestingModule({
      imports: [PersistenceModule.forRoot(persistence), MessagingModule.forRoot({ ...TEST_MESSAGING, ...options.messaging }), bindings, ...options.imports],
    }).setLogger(SILENT);
    for (const { provide, useValue } of options.overrides ?? []) builder = builder.overrideProvider(provide).useValue(useValue);
    app = await builder.compile();
    await app.init();
  } catch (error) {
    await app?.close().catch(() => undefined);
    // A failed compile does not wait for sibling factories: let a database open finish before deleting its dir.
    await new Promise((resolve) => setTimeout(resolve, 100));
    removeDataDir();
    throw error;
  }

  const started = app;
  let closing: Promise<void> | undefined;
  return {
    app: started,
    dataDir,
    database: (domain) => started.get(DomainDatabases).get(domain),
    close: () =>
      (closing ??= (async () => {
        try {
          await started.close();
        } finally {
          removeDataDir();
        }
      })()),
  };
}

function tokenOf(provider: Provider): NonNullable<ModuleMetadata['exports']>[number] {
  return typeof provider === 'function' ? provider : provider.provide;
}
