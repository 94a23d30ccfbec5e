import { unsafeCSS } from 'lit';
import { spinner } from './spinner.styles.js';

// Colors use `light-dark()` with `color-scheme`, so `theme="auto"` follows the system with no
// duplicated rules (the drop-in bundle has a size budget). One text made a sheet by `unsafeCSS`, as
// both elements' styles are: vite.config.ts (minifyCssLiterals) says why, and what `/* css */` marks.
export const styles = unsafeCSS(/* css */ `
  :host {
    --crypto-onramp-min-height: 480px;
    --crypto-onramp-max-width: 500px;
    --crypto-onramp-background: transparent;
    --crypto-onramp-color: light-dark(#1a1f36, #e3e8ee);
    --crypto-onramp-muted-color: light-dark(#5b6178, #a3acb9);
    --crypto-onramp-accent-color: light-dark(#5851ec, #a39dff);
    --crypto-onramp-on-accent-color: light-dark(#fff, #0a0b1e);
    --crypto-onramp-error-color: light-dark(#c0123c, #ff8fa6);
    --crypto-onramp-border-radius: 12px;
    --crypto-onramp-font-family: system-ui, sans-serif;
    color-scheme: light;
    display: block;
    max-width: var(--crypto-onramp-max-width);
    font-family: var(--crypto-onramp-font-family);
    color: var(--crypto-onramp-color);
  }
  :host([theme=dark]) {
    color-scheme: dark;
  }
  :host([theme=auto]) {
    color-scheme: light dark;
  }
  :host([hidden]),
  [hidden] {
    display: none!important;
  }
  .base {
    position: relative;
    /* Reserve the room Stripe's UI takes, so the page does not jump when it arrives. */
    min-height: var(--crypto-onramp-min-height);
    background: var(--crypto-onramp-background);
    border-radius: var(--crypto-onramp-border-radius);
  }
  /* Redirect and standalone modes: a button or a link, no room reserved for Stripe's UI. */
  .redirect,
  .standalone {
    min-height: 0;
  }
  :is(.redirect, .standalone) .overlay {
    position: static;
  }
  .overlay {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: .75rem;
    padding: 1.5rem;
    text-align: center;
    font-size: .875rem;
  }
  .spinner {
    width: 2rem;
    height: 2rem;
  }
  ${spinner('--crypto-onramp-muted-color', '--crypto-onramp-accent-color')}
  p {
    margin: 0;
    max-width: 36ch;
  }
  strong {
    color: var(--crypto-onramp-error-color);
  }
  button,
  a {
    font: inherit;
    font-weight: 600;
    padding: .5rem 1rem;
    border: 0;
    border-radius: 6px;
    background: var(--crypto-onramp-accent-color);
    color: var(--crypto-onramp-on-accent-color);
    cursor: pointer;
    text-decoration: none;
  }
`);
