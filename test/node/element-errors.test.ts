/**
 * Both elements' error classes (`CryptoOnrampError`, the quotes element's `QuotesError`) are one
 * shape, `CodedError`: an `Error` named for its element, whose `detail` is plain data (code,
 * message, whether a retry may succeed, the element's extra fields) and carries no cause.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CryptoOnrampError } from '../../src/element/errors.js';
import { CodedError } from '../../src/element/internal/coded-error.js';
import { QuotesError } from '../../src/element/quotes/internal/quotes-error.js';

describe("the elements' errors", () => {
  it('CryptoOnrampError: an Error and a CodedError, its detail the event detail, retryable by its code', () => {
    const retryable = new CryptoOnrampError('session_request_failed', 'Try again.');
    assert.ok(retryable instanceof Error && retryable instanceof CodedError && retryable instanceof CryptoOnrampError);
    assert.equal(retryable.name, 'CryptoOnrampError');
    assert.equal(retryable.message, 'Try again.');
    assert.equal(retryable.code, 'session_request_failed');
    assert.deepEqual(retryable.detail, { code: 'session_request_failed', message: 'Try again.', retryable: true });

    const fixed = new CryptoOnrampError('session_http_error', 'No.', { httpStatus: 401, param: 'session-url' });
    assert.deepEqual(fixed.detail, { code: 'session_http_error', message: 'No.', retryable: false, httpStatus: 401, param: 'session-url' });
    // A caller's `retryable` overrides the code's (a transient HTTP status is worth a retry).
    assert.equal(new CryptoOnrampError('session_http_error', 'Busy.', { retryable: true }).detail.retryable, true);
  });

  it('QuotesError: the same shape, its own codes; a cause stays on the error, off the detail', () => {
    const cause = new TypeError('Failed to fetch sk_test_secret');
    const error = new QuotesError('quotes_request_failed', 'Unreachable.', { cause, httpStatus: 503 });
    assert.ok(error instanceof Error && error instanceof CodedError && error instanceof QuotesError);
    assert.ok(!(error instanceof CryptoOnrampError));
    assert.equal(error.name, 'QuotesError');
    assert.equal(error.cause, cause);
    assert.deepEqual(error.detail, { code: 'quotes_request_failed', message: 'Unreachable.', retryable: true, httpStatus: 503 });
    assert.deepEqual(new QuotesError('onramp_not_found', 'No onramp.').detail, { code: 'onramp_not_found', message: 'No onramp.', retryable: false });
  });

  it('a detail is plain data: it survives structured cloning whole, with no stack and no cause', () => {
    for (const error of [
      new CryptoOnrampError('mount_failed', 'Mount.', { stripeCode: 'x' }),
      new QuotesError('invalid_quotes_response', 'Bad.', { cause: new Error('inner') }),
    ]) {
      assert.deepEqual(structuredClone(error.detail), error.detail);
      assert.deepEqual(Object.keys(error.detail).filter((key) => key === 'stack' || key === 'cause'), []);
    }
  });
});
