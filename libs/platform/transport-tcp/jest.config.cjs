module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'platform-transport-tcp', rootDir: __dirname, passWithNoTests: true };
