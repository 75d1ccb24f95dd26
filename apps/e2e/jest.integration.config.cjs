// `npm run test:integration`: the journey suites again, with every domain on PostgreSQL
// (one database per suite, one schema per domain). Needs the machine's PostgreSQL on 5432.
const base = require('./jest.config.cjs');

process.env.FOODCOURT_E2E_POSTGRES ??= 'postgres://postgres@127.0.0.1:5432/postgres';

module.exports = {
  ...base,
  displayName: 'e2e-postgres',
  // replicas: two payments replicas on PostgreSQL over NATS, one killed under load.
  // drain: a rolling restart of every unit of split-tcp on PostgreSQL under load.
  testMatch: ['<rootDir>/src/{checkout,bad-input,crash,dead-letter,journey,consistency,replicas,drain}.spec.ts'],
  testPathIgnorePatterns: base.testPathIgnorePatterns.filter((pattern) => !pattern.includes('replicas') && !pattern.includes('drain')),
};
