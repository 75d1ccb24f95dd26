module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'platform-topology', rootDir: __dirname, passWithNoTests: true };
