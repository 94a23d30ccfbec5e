// web-test-runner plugins for the framework tests (test/browser/framework-*.test.ts): what a
// bundler would do for a React, Vue or Svelte app, done on the fly by the test server.
//
// - React ships CommonJS only: its entry points are bundled once into shared ES modules.
// - `vue` is its self-contained browser build (runtime + template compiler, no process.env).
// - `.vue` single-file components and `.svelte` components are compiled per request;
//   `.jsx` is compiled with the automatic JSX runtime (`@jsxImportSource` pragmas honoured).
// - `crypto-onramp-element[/…]` resolves to the sources, as the demos import it by package name.
// - `/__frameworks/ssr?session-url=…[&loading=lazy]` answers `<crypto-onramp>` rendered by `@lit-labs/ssr`,
//   from a child process so the test server never loads Lit's DOM shim.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { compile as compileSvelte } from 'svelte/compiler';
import { compileScript, parse as parseSfc } from 'vue/compiler-sfc';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REACT_PREFIX = '/__frameworks/react/';
/** esbuild's outdir for the React bundle; nothing is written there (write: false). */
const REACT_OUT = join(ROOT, 'node_modules/.cache/framework-tests-react');
const SSR_PATH = '/__frameworks/ssr';

/** Bare specifier → the module the browser gets. */
const REACT_ENTRIES = {
  react: 'react',
  'react/jsx-runtime': 'jsx-runtime',
  'react/jsx-dev-runtime': 'jsx-dev-runtime',
  'react-dom': 'react-dom',
  'react-dom/client': 'react-dom-client',
  // Its browser build: the server-rendering tests render in the page, as a server would.
  'react-dom/server': 'react-dom-server',
};

const isCustomElement = (tag) => tag === 'crypto-onramp';
const run = promisify(execFile);

/**
 * Bundles React's entry points with code splitting, so that react-dom and the JSX runtime share
 * one copy of React. Each entry is a facade that re-exports the CommonJS module's keys by name
 * (a CommonJS entry alone would only get a default export).
 */
let reactBundle;
function bundleReact() {
  reactBundle ??= (async () => {
    // The keys each entry exports, read in a child process: loading React here would run its
    // module code inside the test runner, whose patched console React's dev build trips over.
    const { stdout } = await run(process.execPath, [
      '-e',
      `const r = require('node:module').createRequire(${JSON.stringify(join(ROOT, 'package.json'))});` +
        `console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(Object.keys(REACT_ENTRIES))}.map((s) => [s, Object.keys(r(s))]))))`,
    ], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'development' } });
    const exportNames = JSON.parse(stdout);
    const facades = {
      name: 'react-facades',
      setup(build) {
        build.onResolve({ filter: /^facade:/ }, (args) => ({ path: args.path.slice('facade:'.length), namespace: 'facade' }));
        build.onLoad({ filter: /.*/, namespace: 'facade' }, (args) => {
          const names = exportNames[args.path].filter((key) => key !== 'default' && /^[A-Za-z_$][\w$]*$/.test(key));
          return {
            contents: `import m from ${JSON.stringify(args.path)};\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`,
            resolveDir: ROOT,
            loader: 'js',
          };
        });
      },
    };
    const result = await esbuild.build({
      entryPoints: Object.entries(REACT_ENTRIES).map(([source, out]) => ({ in: `facade:${source}`, out })),
      bundle: true,
      splitting: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      outdir: REACT_OUT,
      define: { 'process.env.NODE_ENV': '"development"' },
      plugins: [facades],
      logLevel: 'silent',
    });
    return new Map(result.outputFiles.map((file) => [REACT_PREFIX + file.path.slice(REACT_OUT.length + 1), file.text]));
  })();
  return reactBundle;
}

async function compileVue(filename) {
  // The template AST is made at parse time, so the parser needs `isCustomElement` too.
  const { descriptor, errors } = parseSfc(await readFile(filename, 'utf8'), { filename, templateParseOptions: { isCustomElement } });
  if (errors.length > 0) throw errors[0];
  const id = createHash('sha256').update(filename).digest('hex').slice(0, 8);
  const script = compileScript(descriptor, {
    id,
    inlineTemplate: true,
    templateOptions: { compilerOptions: { isCustomElement } },
  });
  if (script.lang !== 'ts') return script.content;
  return (await esbuild.transform(script.content, { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: filename })).code;
}

async function compileSvelteFile(filename) {
  const { js } = compileSvelte(await readFile(filename, 'utf8'), { filename, generate: 'client', dev: true, css: 'injected' });
  return js.code;
}

async function compileJsx(filename) {
  const source = await readFile(filename, 'utf8');
  return (await esbuild.transform(source, { loader: 'jsx', jsx: 'automatic', format: 'esm', target: 'es2022', sourcefile: filename })).code;
}

async function renderSsr(sessionUrl, loading) {
  const script = join(ROOT, 'test/frameworks/ssr-render.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, sessionUrl, loading], { cwd: ROOT });
  return stdout;
}

export function frameworkPlugins() {
  return [
    {
      name: 'framework-tests',
      resolveImport({ source, context }) {
        // `./x.js` meaning `./x.ts`, as TypeScript writes it; the esbuild plugin does this for
        // imports from .ts files only, not from compiled .vue / .svelte / .jsx files.
        if (/\.(vue|svelte|jsx)$/.test(context.path) && source.startsWith('.') && source.endsWith('.js')) {
          const ts = join(ROOT, dirname(context.path), source.replace(/\.js$/, '.ts'));
          if (existsSync(ts)) return source.replace(/\.js$/, '.ts');
        }
        if (Object.hasOwn(REACT_ENTRIES, source)) return `${REACT_PREFIX}${REACT_ENTRIES[source]}.js`;
        if (source === 'vue') return '/node_modules/vue/dist/vue.esm-browser.js';
        if (source === 'crypto-onramp-element') return '/src/element/define.ts';
        if (source.startsWith('crypto-onramp-element/')) return `/src/frameworks/${source.slice('crypto-onramp-element/'.length)}.ts`;
        return undefined;
      },
      resolveMimeType({ path }) {
        if (/\.(vue|svelte|jsx)$/.test(path)) return 'js';
        return undefined;
      },
      async serve(context) {
        const { path } = context;
        if (path.startsWith(REACT_PREFIX)) {
          const body = (await bundleReact()).get(path);
          return body === undefined ? undefined : { body, type: 'js' };
        }
        if (path === SSR_PATH) {
          const query = context.URL.searchParams;
          return { body: await renderSsr(query.get('session-url') ?? '', query.get('loading') ?? ''), type: 'html' };
        }
        const filename = join(ROOT, decodeURIComponent(path));
        if (!filename.startsWith(ROOT)) return undefined;
        if (path.endsWith('.vue')) return { body: await compileVue(filename), type: 'js' };
        if (path.endsWith('.svelte')) return { body: await compileSvelteFile(filename), type: 'js' };
        if (path.endsWith('.jsx')) return { body: await compileJsx(filename), type: 'js' };
        return undefined;
      },
    },
  ];
}
