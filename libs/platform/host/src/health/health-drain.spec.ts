import 'reflect-metadata';
import { ServiceUnavailableException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { DrainState } from '../drain/drain-state';
import { DatabaseHealth } from './database-health';
import { HealthController } from './health.controller';

describe('readiness of a draining unit', () => {
  async function controllerWith(drain: DrainState) {
    const module = await Test.createTestingModule({
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        { provide: DatabaseHealth, useValue: { all: async () => ({ payments: { status: 'up' } }), local: async () => ({ payments: { status: 'up' } }) } },
        { provide: DrainState, useValue: drain },
      ],
    }).compile();
    return module.get(HealthController);
  }

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
