/**
 * What Vite needs to serve and build demo/frameworks/: one plugin per framework, and the package's
 * own name resolved to its sources (the demos import `crypto-onramp-element/react` and so on, as
 * an app would). Checked against Vite 8 by test/node/framework-demos.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import type { Plugin, PluginOption } from 'vite';

const local = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The package's entry points, as the demos import them, mapped to the sources. */
const PACKAGE_SOURCES: ReadonlyArray<[RegExp, string]> = [
  [/^crypto-onramp-element$/, local('../../src/element/define.ts')],
  [/^crypto-onramp-element\/(react|preact|vue|svelte)$/, local('../../src/frameworks/$1.ts')],
];

/** A plugin rather than `resolve.alias`, so that `frameworkPlugins()` is all a Vite config needs. */
function packageSources(): Plugin {
  return {
    name: 'crypto-onramp-element-sources',
    enforce: 'pre',
    resolveId(source) {
      const entry = PACKAGE_SOURCES.find(([pattern]) => pattern.test(source));
      return entry ? source.replace(entry[0], entry[1]) : null;
    },
  };
}

/**
 * `plugins`, with their HTML transforms applied only to the pages `path` matches. React's plugin
 * puts Fast Refresh's preamble, an inline script, into every page the dev server serves: on the
 * demo's CSP page (`script-src 'self'`) that is one more blocked script and one more console error
 * than the page is about.
 */
function htmlOnlyFor(path: RegExp, plugins: PluginOption[]): PluginOption[] {
  return (plugins.flat() as Plugin[]).map((plugin) => {
    const hook = plugin.transformIndexHtml;
    if (!hook) return plugin;
    const { handler, order } = typeof hook === 'function' ? { handler: hook, order: undefined } : hook;
    return {
      ...plugin,
      transformIndexHtml: {
        ...(order ? { order } : {}),
        handler(html, ctx) {
          return path.test(ctx.path) ? handler.call(this, html, ctx) : undefined;
        },
      },
    } satisfies Plugin;
  });
}

export function frameworkPlugins(): PluginOption[] {
  return [
    packageSources(),
    // JSX with the automatic runtime, and Fast Refresh (its preamble on the React page only).
    ...htmlOnlyFor(/^\/demo\/frameworks\/react\//, [react({ include: /demo\/frameworks\/react\/.*\.jsx$/ })]),
    // Vue must not resolve <crypto-onramp> as a component; the parser needs this too.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'crypto-onramp' } } }),
    // configFile: false, so a svelte.config.js found elsewhere does not change the demo's build.
    svelte({ configFile: false, include: /demo\/frameworks\/svelte\/.*\.svelte$/ }),
  ];
}
