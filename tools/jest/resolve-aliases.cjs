// Jest runs global setup and teardown outside its module system, where moduleNameMapper does not
// apply: this maps the workspace's `@mb/<lib>` aliases to their sources there, as tsconfig does.
const Module = require('node:module');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const resolveFilename = Module._resolveFilename;
if (!resolveFilename.mbAliases) {
  Module._resolveFilename = function resolveWithAliases(request, ...rest) {
    const alias = /^@mb\/([a-z-]+)$/.exec(request);
    if (alias) return path.join(root, 'libs', alias[1], 'src', 'index.ts');
    return resolveFilename.call(this, request, ...rest);
  };
  Module._resolveFilename.mbAliases = true;
}
