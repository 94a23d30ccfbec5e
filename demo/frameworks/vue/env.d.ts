// Lets plain tsc (tsconfig.test.json) type `import App from './App.vue'`; vue-tsc reads the real file.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<{ sessionUrl?: string }>;
  export default component;
}
