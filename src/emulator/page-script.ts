/**
 * Turns a typed TypeScript function into script text for a page: the function is type-checked
 * where it is written and serialized with `Function.prototype.toString`, its arguments as JSON.
 * Used for the stand-in's scripts (served to browsers) and for the benchmarks' in-page drivers
 * (given to `page.evaluate`), so the same code works from `src/` (tsx) and from `dist/` (tsc).
 * The function must not reference anything outside itself.
 */

/**
 * esbuild (tsx, Vite) wraps named functions in `__name(fn, "name")` calls when it keeps names;
 * serialized into a page, those calls need a `__name` to exist there too.
 */
const PRELUDE = 'var __name = (fn, _name) => fn;';

/** JSON safe to place inside an inline `<script>`: `<` escaped so no `</script>` can appear. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** An expression that calls `fn(...args)` in the page and evaluates to what it returns. */
export function pageScript<Args extends unknown[]>(fn: (...args: Args) => unknown, ...args: Args): string {
  return `(() => {\n'use strict';\n${PRELUDE}\nreturn (${fn.toString()})(${args.map(inlineJson).join(', ')});\n})();\n`;
}
