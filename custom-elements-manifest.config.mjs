// `npm run manifest` writes custom-elements.json from the element's source.
export default {
  globs: ['src/element/**/*.ts'],
  exclude: ['src/element/**/*.test.ts'],
  litelement: true,
  // package.json names custom-elements.json itself; a check run must not rewrite it.
  packagejson: false,
};
