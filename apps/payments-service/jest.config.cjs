module.exports = { ...require('../../jest.preset.cjs'), displayName: 'payments-service', rootDir: __dirname };
