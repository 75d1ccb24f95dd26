module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'catalog-http', rootDir: __dirname };
