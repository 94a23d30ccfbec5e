/** The emulator's form decoder is the shared one: the server kit decodes query strings with it too. */
export * from '../shared/form-decoder.js';
