module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'search-http', rootDir: __dirname };
