// The CommonJS build of web-tree-sitter. The ESM build finds Node's `require` through
// `await import('module')`, which does not survive bundling; this build calls `require` directly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
module.exports = require('web-tree-sitter');
