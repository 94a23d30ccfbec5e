// Importing the element in Node (server-side rendering, tests, build tools) must not throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('importing the element entry points in Node does not throw', async () => {
  const define = await import('../../src/element/define.js');
  assert.equal(typeof define.CryptoOnramp, 'function');
  const plain = await import('../../src/element/crypto-onramp.js');
  assert.equal(plain.CryptoOnramp, define.CryptoOnramp);
});
