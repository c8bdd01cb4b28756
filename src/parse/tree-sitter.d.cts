// Types of ./tree-sitter.cjs: whatever web-tree-sitter's CommonJS build exports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import TreeSitter = require('web-tree-sitter');
export = TreeSitter;
