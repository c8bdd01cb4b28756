export const id = 564;
export const ids = [564];
export const modules = {

/***/ 3564:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

// The CommonJS build of web-tree-sitter. The ESM build finds Node's `require` through
// `await import('module')`, which does not survive bundling; this build calls `require` directly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
module.exports = __webpack_require__(551);


/***/ })

};
