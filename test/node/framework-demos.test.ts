// The framework demos (demo/frameworks/) build and serve with Vite 8 and the framework plugins
// in demo/frameworks/vite-plugins.ts: @vitejs/plugin-react, @vitejs/plugin-vue and
// @sveltejs/vite-plugin-svelte. (Angular's demo compiles just in time: no plugin. The plain-HTML
// demo loads dist/cdn/crypto-onramp.js, which `npm run build` writes; the browser tests run it.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build, createServer, type Rolldown } from 'vite';
import { frameworkPlugins } from '../../demo/frameworks/vite-plugins.js';
import { stripePureAliases } from '../../stripe-pure-aliases.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEMOS = ['react', 'vue', 'svelte', 'angular'] as const;

const config = {
  configFile: false as const,
  root: ROOT,
  logLevel: 'silent' as const,
  resolve: { alias: stripePureAliases },
  plugins: frameworkPlugins(),
};

test('the demos build with Vite 8, the element and each framework bundled in', { timeout: 120_000 }, async () => {
  const output = (await build({
    ...config,
    build: {
      write: false,
      outDir: 'node_modules/.vite/framework-demos',
      rolldownOptions: { input: Object.fromEntries(DEMOS.map((demo) => [demo, `demo/frameworks/${demo}/index.html`])) },
    },
  })) as Rolldown.RolldownOutput;
  const chunks = output.output.filter((file): file is Rolldown.OutputChunk => file.type === 'chunk');
  const code = chunks.map((chunk) => chunk.code).join('\n');
  // The element's tag and the framework runtimes made it into the bundles.
  assert.match(code, /crypto-onramp-status-change/);
  for (const marker of ['react-dom', 'createApp', 'svelte', 'bootstrapApplication']) assert.ok(code.includes(marker), marker);
  for (const demo of DEMOS) {
    assert.ok(output.output.some((file) => file.fileName === `demo/frameworks/${demo}/index.html`), `${demo} page`);
  }
});

test('the dev server compiles each demo module', { timeout: 120_000 }, async () => {
  const server = await createServer({ ...config, server: { middlewareMode: true, hmr: false }, optimizeDeps: { noDiscovery: true } });
  try {
    for (const path of ['/demo/frameworks/react/App.jsx', '/demo/frameworks/vue/App.vue', '/demo/frameworks/svelte/App.svelte', '/demo/frameworks/angular/app.component.ts']) {
      const result = await server.transformRequest(path);
      assert.ok(result && result.code.length > 0, path);
      assert.doesNotMatch(result.code, /<template>|<script/, `${path} is compiled`);
    }
    // Angular's decorators are lowered (Chromium cannot parse them): see demo/frameworks/angular/tsconfig.json.
    const angular = await server.transformRequest('/demo/frameworks/angular/app.component.ts');
    assert.doesNotMatch(angular!.code, /^\s*(export )?@Component|@Input\(\)/m);
    // Vue compiled <crypto-onramp> as an element, not as a component to resolve.
    const vue = await server.transformRequest('/demo/frameworks/vue/App.vue');
    assert.doesNotMatch(vue!.code, /resolveComponent\("crypto-onramp"\)/);
  } finally {
    await server.close();
  }
});

test("React Fast Refresh's inline preamble goes into the React page only (the CSP page allows no inline script)", { timeout: 60_000 }, async () => {
  // HMR on (the preamble exists only then), without a WebSocket server of its own; in development
  // (the build above left NODE_ENV=production in this process, and Vite would follow it).
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'development';
  const server = await createServer({ ...config, server: { middlewareMode: true, ws: false }, optimizeDeps: { noDiscovery: true } });
  if (nodeEnv === undefined) delete process.env['NODE_ENV'];
  else process.env['NODE_ENV'] = nodeEnv;
  try {
    const page = '<!doctype html><html><head><title>t</title></head><body></body></html>';
    const inline = /<script type="module">[^<]*@react-refresh/;
    assert.match(await server.transformIndexHtml('/demo/frameworks/react/index.html', page), inline);
    for (const path of ['/demo/csp.html', '/index.html', '/demo/frameworks/vue/index.html']) {
      assert.doesNotMatch(await server.transformIndexHtml(path, page), inline, path);
    }
  } finally {
    await server.close();
  }
});
