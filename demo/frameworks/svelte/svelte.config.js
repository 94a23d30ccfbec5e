// Marks this folder as a Svelte project for svelte-check (run by test/node/framework-types.test.ts),
// which otherwise reads the repository's vite.config.ts and finds no Svelte plugin there. The demo
// server's Svelte plugin does not read it (configFile: false in ../vite-plugins.ts).
export default {};
