/** The package's version, as Stripe's `_registerWrapper` wants it (a node test keeps it equal to package.json's). */
export const VERSION = '0.1.0';
