module.exports = { ...require('../../jest.preset.cjs'), displayName: 'monolith', rootDir: __dirname };
