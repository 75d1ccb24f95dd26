// Port calls and events between units over real brokers (run by `npm run test:integration`; needs NATS with JetStream on 4222 and RabbitMQ on 5672).
module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'platform-host-brokers',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 30_000,
};
