// `npm run manifest` writes custom-elements.json from the element's source.
export default {
  globs: ['src/element/**/*.ts'],
  exclude: ['src/element/**/*.test.ts'],
  litelement: true,
};
