module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'orders-core', rootDir: __dirname };
