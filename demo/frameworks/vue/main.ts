import { createApp } from 'vue';
import App from './App.vue';

// Vue must skip component resolution for <crypto-onramp>: `isCustomElement` is set in the
// Vue plugin's compiler options (demo/frameworks/vite-plugins.ts).
createApp(App).mount('#app');
