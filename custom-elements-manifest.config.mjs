// `npm run manifest` writes custom-elements.json from the element's source. It documents the
// public surface only: the class, its error class and its event types. src/element/internal/
// (controllers, loader, session request, mount node, presets…) is not API and stays out, and so
// do the class's `#private` members.
export default {
  globs: ['src/element/*.ts'],
  exclude: ['src/element/**/*.test.ts', 'src/element/internal/**'],
  litelement: true,
  // package.json names custom-elements.json itself; a check run must not rewrite it.
  packagejson: false,
  plugins: [
    {
      name: 'public-members-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.members) declaration.members = declaration.members.filter((member) => member.privacy !== 'private');
          }
        }
      },
    },
  ],
};
