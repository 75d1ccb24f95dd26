module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'identity-core', rootDir: __dirname };
