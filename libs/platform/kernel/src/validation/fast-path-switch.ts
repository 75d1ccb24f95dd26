/**
 * Kill switch of the compiled fast path: `FOODCOURT_FAST_VALIDATION=off` sends every call through
 * class-transformer + class-validator, to debug a suspected difference or to benchmark the gain.
 * Read once at load: the check sits on every port call, and the setting is per process anyway.
 */
export const FAST_VALIDATION_ENABLED = process.env['FOODCOURT_FAST_VALIDATION'] !== 'off';
