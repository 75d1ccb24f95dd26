// Domain databases on PostgreSQL (run by `npm run test:integration`; needs PostgreSQL on 5432).
module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'platform-persistence-postgres',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.pg.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 30_000,
};
