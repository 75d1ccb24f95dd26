module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'platform-kernel', rootDir: __dirname, passWithNoTests: true };
