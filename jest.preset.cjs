// One Jest preset for every project: swc transforms TypeScript (decorators + metadata for Nest DI)
// and the ESM-only @nestjs packages, and the tsconfig path aliases resolve to library sources.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias}$`] = path.join(__dirname, target);
}

const swcConfig = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcConfig] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@nats-io|file-type|load-esm|uid|strtok3|token-types|@tokenizer|cookie|jose|cockatiel)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // `*.pg.spec.ts` need PostgreSQL and `*.int.spec.ts` need the brokers (NATS, RabbitMQ):
  // they run in `npm run test:integration`, not in `npm test`.
  testPathIgnorePatterns: ['/node_modules/', '\\.pg\\.spec\\.ts$', '\\.int\\.spec\\.ts$'],
  clearMocks: true,
};
