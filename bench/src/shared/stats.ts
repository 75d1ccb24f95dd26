/** Small, pure statistics and formatting helpers shared by every benchmark (unit-tested in stats.spec.ts). */

/** Median of the values (mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (0–100) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** `value / reference`, NaN when either is missing or the reference is 0. */
export function ratio(value: number, reference: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(reference) || reference === 0) return Number.NaN;
  return value / reference;
}

/**
 * Median over rounds of the per-round ratio `values[i] / references[i]`: each round's subject and its
 * reference ran seconds apart, so a change of machine load between rounds cancels out.
 */
export function pairedRatio(values: readonly number[], references: readonly number[]): number {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(values.length, references.length); i++) ratios.push(ratio(values[i]!, references[i]!));
  return median(ratios);
}

/** A ratio as `0.93×` (two decimals), or `—` when it cannot be computed. */
export function formatRatio(value: number, digits = 2): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)}×` : '—';
}

/** A count with thousands separators: `12,345`. */
export function formatInt(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return Math.round(value).toLocaleString('en-US');
}

/** A duration given in nanoseconds, in the unit that reads best: `183 ns`, `4.21 µs`, `1.50 ms`. */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  if (ns < 1_000) return `${ns.toFixed(0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(2)} µs`;
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toFixed(2)} ms`;
  return `${(ns / 1_000_000_000).toFixed(2)} s`;
}

/** Milliseconds as `850 ms` or `1.42 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms < 1_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1_000).toFixed(2)} s`;
}

/** Megabytes (MiB) with one decimal: `97.3 MB`. */
export function formatMb(mb: number): string {
  return Number.isFinite(mb) ? `${mb.toFixed(1)} MB` : '—';
}

/** A fraction as a percentage: `0.318` → `31.8 %`. */
export function formatPercent(fraction: number, digits = 1): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)} %` : '—';
}

/** Rotates `items` left by `by` places: round r of an alternating benchmark starts with a different subject. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = ((by % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
