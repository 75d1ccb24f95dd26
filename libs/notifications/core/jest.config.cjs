module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'notifications-core', rootDir: __dirname };
