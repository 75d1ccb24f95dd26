// `npm run test:faults`: the fault suite (apps/e2e/src/faults/): a bounded checkout load while units
// are killed, stalled and restarted, then invariants checked in each domain's database.
// Needs PostgreSQL and NATS for the split-nats part; one suite at a time on a 2-core machine.
const base = require('./jest.config.cjs');

process.env.FOODCOURT_E2E_FAULTS_POSTGRES ??= 'postgres://postgres@127.0.0.1:5432/postgres';

module.exports = {
  ...base,
  displayName: 'e2e-faults',
  testMatch: ['<rootDir>/src/faults/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 300_000,
  maxWorkers: 1,
};
