module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'orders-contract', rootDir: __dirname };
