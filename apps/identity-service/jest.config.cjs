module.exports = { ...require('../../jest.preset.cjs'), displayName: 'identity-service', rootDir: __dirname };
