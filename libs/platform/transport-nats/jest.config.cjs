module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'platform-transport-nats', rootDir: __dirname, passWithNoTests: true };
