module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'identity-http', rootDir: __dirname };
