// The notifications migrations on PostgreSQL (run by `npm run test:integration`; needs PostgreSQL on 5432).
module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'notifications-core-postgres',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.pg.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 30_000,
};
