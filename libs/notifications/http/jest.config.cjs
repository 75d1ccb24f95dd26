module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'notifications-http', rootDir: __dirname };
