module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'payments-http', rootDir: __dirname };
