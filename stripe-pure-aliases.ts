/**
 * The Stripe loaders' `pure` entries are CommonJS stubs; bundle their ES builds instead. A leaf of
 * its own (it imports nothing of the project), so the demo and the benchmarks take it without
 * importing the drop-in's build config and the build scripts behind it.
 */
import { fileURLToPath } from 'node:url';

const local = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const stripePureAliases = [
  { find: /^@stripe\/crypto\/pure(\.js)?$/, replacement: local('./node_modules/@stripe/crypto/dist/pure.esm.js') },
  { find: /^@stripe\/stripe-js\/pure(\.js)?$/, replacement: local('./node_modules/@stripe/stripe-js/dist/pure.esm.js') },
];
