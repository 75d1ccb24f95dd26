// Login limits shared in Redis (run by `npm run test:integration`; needs Redis on 6379, REDIS_URL to override).
module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'identity-core-redis',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 30_000,
};
