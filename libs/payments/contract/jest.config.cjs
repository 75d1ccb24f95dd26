module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'payments-contract', rootDir: __dirname };
