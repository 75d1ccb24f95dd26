module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'platform-wire', rootDir: __dirname, passWithNoTests: true };
