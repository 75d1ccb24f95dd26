import 'reflect-metadata';
import { ServiceUnavailableException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { DrainState } from '../drain/drain-state';
import { DatabaseHealth } from './database-health';
import { HealthController } from './health.controller';

/** The health controller over databases where payments (this unit's) is up and orders (another unit's) is down. */
async function controllerWith(drain = new DrainState()) {
  const module = await Test.createTestingModule({
    imports: [TerminusModule.forRoot({ logger: false })],
    controllers: [HealthController],
    providers: [
      {
        provide: DatabaseHealth,
        useValue: { all: async () => ({ payments: { status: 'up' }, orders: { status: 'down', message: 'unit orders: connection refused' } }), local: async () => ({ payments: { status: 'up' } }) },
      },
      { provide: DrainState, useValue: drain },
    ],
  }).compile();
  return module.get(HealthController);
}

describe('readiness', () => {
  it('is ready while the unit runs, and answers 503 "draining" from the moment it is told to stop', async () => {
    const drain = new DrainState();
    const health = await controllerWith(drain);
    await expect(health.ready('unit')).resolves.toMatchObject({ status: 'ok', details: { 'database:payments': { status: 'up' } } });

    drain.begin();
    const refusal = await health.ready('unit').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ServiceUnavailableException);
    expect((refusal as ServiceUnavailableException).getResponse()).toMatchObject({ status: 'error', error: { unit: { status: 'down', state: 'draining' } } });
    // Alive all the same: an orchestrator must not kill it for draining.
    await expect(health.live()).resolves.toMatchObject({ status: 'ok' });
  });
});

describe('readiness scope', () => {
  it('answers for the unit itself by default, for every domain with ?scope=topology, and refuses another scope naming it', async () => {
    const health = await controllerWith();
    await expect(health.ready()).resolves.toMatchObject({ status: 'ok' });
    await expect(health.ready('unit')).resolves.toMatchObject({ status: 'ok' });
    const topology = await health.ready('topology').catch((error: unknown) => error);
    expect((topology as ServiceUnavailableException).getResponse()).toMatchObject({ error: { 'database:orders': { status: 'down', message: 'unit orders: connection refused' } } });
    await expect(health.ready('everything')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { violations: [{ field: 'scope' }] } });
  });
});
