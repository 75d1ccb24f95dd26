module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'orders-http', rootDir: __dirname };
