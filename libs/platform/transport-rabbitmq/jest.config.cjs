module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'platform-transport-rabbitmq', rootDir: __dirname, passWithNoTests: true };
