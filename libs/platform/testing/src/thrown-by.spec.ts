import { thrownBy } from './thrown-by';

describe('thrownBy', () => {
  it('returns the error a promise rejects with', async () => {
    const error = new TypeError('nope');
    await expect(thrownBy(Promise.reject(error))).resolves.toBe(error);
  });

  it('returns the error a function throws, synchronously or asynchronously', async () => {
    const sync = new RangeError('sync');
    await expect(thrownBy(() => { throw sync; })).resolves.toBe(sync);
    await expect(thrownBy(async () => { throw new Error('async'); })).resolves.toMatchObject({ message: 'async' });
  });

  it('returns a thrown non-Error value as it is', async () => {
    await expect(thrownBy(Promise.reject('a string'))).resolves.toBe('a string');
  });

  it('fails when nothing is thrown', async () => {
    await expect(thrownBy(Promise.resolve(42))).rejects.toThrow('expected an error, but none was thrown');
    await expect(thrownBy(() => 42)).rejects.toThrow('expected an error, but none was thrown');
  });
});
