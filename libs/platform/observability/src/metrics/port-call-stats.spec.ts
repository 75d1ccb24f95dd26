import { quantileMs } from './port-call-stats';

describe('quantileMs', () => {
  it('interpolates inside the bucket holding the rank, as histogram_quantile does', () => {
    // 10 calls: 4 under 1 ms, 6 more under 5 ms.
    const buckets: [number, number][] = [
      [0.001, 4],
      [0.005, 10],
      [Infinity, 10],
    ];
    expect(quantileMs(buckets, 0.5)).toBeCloseTo(1 + 4 * (1 / 6), 5);
    expect(quantileMs(buckets, 0.99)).toBeCloseTo(1 + 4 * (5.9 / 6), 5);
    expect(quantileMs([[Infinity, 0]], 0.5)).toBeNull();
  });
});
