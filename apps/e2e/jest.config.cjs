const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  // extraction.spec.ts stops and inspects single units: it runs in the split topologies (jest.topology.cjs).
  // replicas.spec.ts needs PostgreSQL and NATS: it runs in jest.integration.config.cjs.
  // src/faults/ kills and restarts units and the machine's brokers: jest.faults.config.cjs only.
  // fuzz.spec.ts sends messages straight to units' TCP transport: it runs in split-tcp only (jest.split-tcp.config.cjs,
  // and jest.faults.config.cjs with more runs). drain.spec.ts needs PostgreSQL: jest.integration.config.cjs.
  testPathIgnorePatterns: [...preset.testPathIgnorePatterns, '/src/extraction\\.spec\\.ts$', '/src/replicas\\.spec\\.ts$', '/src/faults/', '/src/fuzz\\.spec\\.ts$', '/src/drain\\.spec\\.ts$'],
  displayName: 'e2e',
  rootDir: __dirname,
  // Each suite starts real processes: allow for start-up, keep two at a time on a 2-core machine.
  testTimeout: 60_000,
  maxWorkers: 2,
};
