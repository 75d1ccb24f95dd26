import { DependencyUnavailableError } from '@foodcourt/platform-kernel';
import type { IdentityApi } from '@foodcourt/identity-contract';
import { IdentityPortJwksSource } from './identity-port-jwks-source';

const KEY = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', kid: 'k1', alg: 'EdDSA', use: 'sig' };

describe('the key set of a unit that does not host identity', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps serving the last good key set when identity is down, and asks again only every 10 s', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-07T10:00:00Z') });
    let up = true;
    const publicKeys = jest.fn(async () => {
      if (!up) throw new DependencyUnavailableError('identity is unavailable (connection refused); try again later', { dependency: 'identity' });
      return { keys: [KEY] };
    });
    const source = new IdentityPortJwksSource({ publicKeys } as unknown as IdentityApi);
    expect((await source.keySet()).keys).toEqual([KEY]);

    up = false;
    jest.setSystemTime(new Date('2026-12-07T10:06:00Z')); // the cache is stale
    expect((await source.keySet()).keys).toEqual([KEY]);
    expect((await source.keySet(true)).keys).toEqual([KEY]);
    expect(publicKeys).toHaveBeenCalledTimes(2); // the failed refresh, then nothing for 10 s

    up = true;
    jest.setSystemTime(new Date('2026-12-07T10:06:11Z'));
    await source.keySet();
    expect(publicKeys).toHaveBeenCalledTimes(3);
  });

  it('fails while it never had a key set (a unit started during an identity outage)', async () => {
    const source = new IdentityPortJwksSource({ publicKeys: async () => Promise.reject(new DependencyUnavailableError('identity is unavailable', { dependency: 'identity' })) } as unknown as IdentityApi);
    await expect(source.keySet()).rejects.toBeInstanceOf(DependencyUnavailableError);
  });
});
