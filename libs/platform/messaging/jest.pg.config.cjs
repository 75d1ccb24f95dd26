// Messaging on PostgreSQL: replicas sharing one database (run by `npm run test:integration`; needs PostgreSQL on 5432).
module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'platform-messaging-postgres',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.pg.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 60_000,
};
