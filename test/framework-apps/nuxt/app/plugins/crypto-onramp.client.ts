// Registers <crypto-onramp> in the browser before the app hydrates: the element upgrades from the
// server's attributes (camelCase ones included) and starts from them.
import 'crypto-onramp-element/vue';

export default defineNuxtPlugin(() => {});
