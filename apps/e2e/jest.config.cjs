module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'e2e',
  rootDir: __dirname,
  // Each suite starts real processes: allow for start-up, keep two at a time on a 2-core machine.
  testTimeout: 60_000,
  maxWorkers: 2,
};
