module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'platform-ports', rootDir: __dirname, passWithNoTests: true };
