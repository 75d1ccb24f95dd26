import 'reflect-metadata';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable, Module } from '@nestjs/common';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingConfig, OutboxEventRecord } from '@foodcourt/platform-messaging';
import { PersistenceModule } from '@foodcourt/platform-persistence';
import { startDomainTestApp, TEST_MESSAGING, type DomainTestApp } from './domain-test-app';
import { thrownBy } from './thrown-by';

const GREETING = Symbol('GREETING');
const NAME = Symbol('NAME');

@Injectable()
class Greeter {
  constructor(@Inject(GREETING) private readonly greeting: string, @Inject(NAME) private readonly name: string) {}
  greet(): string {
    return `${this.greeting}, ${this.name}`;
  }
}

@Module({
  imports: [PersistenceModule.forDomain({ domain: 'probe', entities: [...MESSAGING_ENTITIES], migrations: [...MESSAGING_MIGRATIONS] })],
  providers: [Greeter, { provide: NAME, useValue: 'world' }],
})
class ProbeCoreModule {}

describe('startDomainTestApp', () => {
  let t: DomainTestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('runs the module on SQLite in a temp dir, with global providers, overrides and test messaging', async () => {
    t = await startDomainTestApp({
      imports: [ProbeCoreModule],
      providers: [{ provide: GREETING, useValue: 'hello' }],
      overrides: [{ provide: NAME, useValue: 'Ada' }],
      messaging: { relayEnabled: false },
      tempDirPrefix: 'probe-core-',
    });
    expect(t.app.get(Greeter).greet()).toBe('hello, Ada');
    expect(t.app.get(MessagingConfig)).toEqual({ ...TEST_MESSAGING, relayEnabled: false });
    expect(t.dataDir).toMatch(/probe-core-/);
    expect(existsSync(join(t.dataDir, 'probe.sqlite'))).toBe(true);
    await expect(t.database('probe').read((m) => m.count(OutboxEventRecord))).resolves.toBe(0);
    expect(() => t!.database('nope')).toThrow('database of domain "nope" is not open in this process');
  });

  it('defaults to a relaying, fast-polling messaging config', async () => {
    t = await startDomainTestApp({ imports: [ProbeCoreModule], providers: [{ provide: GREETING, useValue: 'hi' }] });
    expect(t.app.get(MessagingConfig)).toEqual({ relayEnabled: true, pollIntervalMs: 20, maxAttempts: 3, retryBaseMs: 10, retryMaxMs: 50 });
  });

  it('close() is idempotent and deletes the temp dir it made', async () => {
    const app = await startDomainTestApp({ imports: [ProbeCoreModule], providers: [{ provide: GREETING, useValue: 'hi' }] });
    await Promise.all([app.close(), app.close()]);
    await app.close();
    expect(existsSync(app.dataDir)).toBe(false);
  });

  it('keeps a data dir it was given, so a restart finds the same database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'probe-restart-'));
    try {
      const first = await startDomainTestApp({ imports: [ProbeCoreModule], providers: [{ provide: GREETING, useValue: 'hi' }], dataDir });
      await first.database('probe').transaction((m) =>
        m.insert(OutboxEventRecord, { id: 'e1', type: 'probe.happened', payload: '{}', occurredAt: new Date(), attempts: 0 } as never),
      );
      await first.close();
      expect(existsSync(join(dataDir, 'probe.sqlite'))).toBe(true);

      t = await startDomainTestApp({ imports: [ProbeCoreModule], providers: [{ provide: GREETING, useValue: 'hi' }], dataDir, messaging: { relayEnabled: false } });
      expect(t.dataDir).toBe(dataDir);
      await expect(t.database('probe').read((m) => m.count(OutboxEventRecord))).resolves.toBe(1);
    } finally {
      await t?.close();
      t = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('rethrows a failed start and deletes its temp dir', async () => {
    const before = new Set(tempDirs());
    const error = await thrownBy(startDomainTestApp({ imports: [ProbeCoreModule], tempDirPrefix: 'probe-failing-' }));
    expect(error.message).toMatch(/GREETING/);
    expect(tempDirs().filter((dir) => !before.has(dir))).toEqual([]);
  });
});

function tempDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('probe-failing-'));
}
