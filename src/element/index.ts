/** Everything the element exports, without registering it (the same as `./crypto-onramp.js`). */
export * from './crypto-onramp.js';
