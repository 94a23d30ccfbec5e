/**
 * The `stripe` option of the kit's handlers: an instance of the official SDK, or a function that
 * makes one. With the function, nothing reads the secret key until the first request, so a
 * framework's production build, which imports route modules with no keys in its environment,
 * passes; and the instance is made once and reused.
 */

/** An SDK instance, or a function returning one (called once, at the first request). */
export type StripeClientOption<Client extends object> = Client | (() => Client);

/**
 * `option` as a getter: checked at once when it is an instance, when first called when it is a
 * factory. `isClient` says whether a value is the SDK (e.g. it has `rawRequest`); `what` ends the
 * error's sentence.
 */
export function stripeClientGetter<Client extends object>(
  option: StripeClientOption<Client>,
  isClient: (value: unknown) => boolean,
  what: string,
): () => Client {
  if (typeof option !== 'function') {
    if (!isClient(option)) throw new TypeError(what);
    return () => option;
  }
  let client: Client | undefined;
  return () => {
    if (client) return client;
    const made: unknown = (option as () => Client)();
    if (!isClient(made)) throw new TypeError(`${what} (the \`stripe\` function returned something else)`);
    return (client = made as Client);
  };
}

/** Whether `value` can make the kit's API requests. */
export const hasRawRequest = (value: unknown): boolean =>
  typeof (value as { rawRequest?: unknown } | null | undefined)?.rawRequest === 'function';
