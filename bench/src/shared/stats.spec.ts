import { formatInt, formatMb, formatMs, formatNs, formatPercent, formatRatio, median, pairedRatio, percentile, ratio, rotate } from './stats';
import { renderTable } from './report';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('ignores values that are not finite, and is NaN for none', () => {
    expect(median([Number.NaN, 2, Infinity, 4])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 0)).toBe(7);
  });
});

describe('ratio and its formatting', () => {
  it('divides by the reference and prints two decimals with ×', () => {
    expect(formatRatio(ratio(93, 100))).toBe('0.93×');
    expect(formatRatio(ratio(250, 100))).toBe('2.50×');
    expect(formatRatio(ratio(1, 3), 1)).toBe('0.3×');
  });

  it('pairs rounds: the median of per-round ratios, so a slow round slows subject and reference alike', () => {
    // Round 2 ran on a busy machine: both halved. Ratios per round: 0.5, 0.5, 0.6.
    expect(pairedRatio([50, 25, 60], [100, 50, 100])).toBeCloseTo(0.5);
    expect(pairedRatio([1, 2], [])).toBeNaN();
  });

  it('prints a dash when the ratio cannot be computed', () => {
    expect(ratio(1, 0)).toBeNaN();
    expect(formatRatio(ratio(Number.NaN, 2))).toBe('—');
  });
});

describe('unit formatting', () => {
  it('picks the unit of a nanosecond duration', () => {
    expect(formatNs(183.4)).toBe('183 ns');
    expect(formatNs(4_210)).toBe('4.21 µs');
    expect(formatNs(1_500_000)).toBe('1.50 ms');
    expect(formatNs(Number.NaN)).toBe('—');
  });

  it('prints milliseconds, megabytes, counts and percentages', () => {
    expect(formatMs(850.2)).toBe('850 ms');
    expect(formatMs(1_420)).toBe('1.42 s');
    expect(formatMb(97.34)).toBe('97.3 MB');
    expect(formatInt(12_345.6)).toBe('12,346');
    expect(formatPercent(0.318)).toBe('31.8 %');
  });
});

describe('rotate', () => {
  it('starts each round with a different subject', () => {
    expect(rotate(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(rotate(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
    expect(rotate([], 2)).toEqual([]);
  });
});

describe('renderTable', () => {
  it('renders a markdown table with numbers right-aligned and pipes escaped', () => {
    expect(renderTable({ headers: ['subject', 'ratio'], rows: [['a|b', '0.93×']] })).toBe('| subject | ratio |\n|---|---:|\n| a\\|b | 0.93× |');
  });
});
