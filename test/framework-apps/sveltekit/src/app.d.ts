// See https://svelte.dev/docs/kit/types#app.d.ts
export {};
