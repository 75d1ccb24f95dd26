import { applyEnv } from './env';

describe('applyEnv', () => {
  afterEach(() => {
    delete process.env['FOODCOURT_ENV_PROBE_A'];
    delete process.env['FOODCOURT_ENV_PROBE_B'];
  });

  it('sets and deletes variables, and restores the previous values', () => {
    process.env['FOODCOURT_ENV_PROBE_A'] = 'before';
    const restore = applyEnv({ FOODCOURT_ENV_PROBE_A: undefined, FOODCOURT_ENV_PROBE_B: 'set' });
    expect(process.env['FOODCOURT_ENV_PROBE_A']).toBeUndefined();
    expect(process.env['FOODCOURT_ENV_PROBE_B']).toBe('set');
    restore();
    expect(process.env['FOODCOURT_ENV_PROBE_A']).toBe('before');
    expect('FOODCOURT_ENV_PROBE_B' in process.env).toBe(false);
  });
});
