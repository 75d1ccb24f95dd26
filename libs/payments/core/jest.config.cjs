module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'payments-core', rootDir: __dirname };
