require('./resolve-aliases.cjs');
module.exports = require('../../libs/testing/src/global-setup.ts').default;
