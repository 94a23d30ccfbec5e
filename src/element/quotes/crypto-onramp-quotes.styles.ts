import { unsafeCSS } from 'lit';
import { spinner } from '../internal/spinner.styles.js';

// The same palette as `<crypto-onramp>` (light-dark() with color-scheme), under this element's
// own custom properties, so a page can style the two apart; the same spinner, at its own size. One
// text made a sheet by `unsafeCSS`, as both elements' styles are: vite.config.ts (minifyCssLiterals)
// says why, and what `/* css */` marks.
export const styles = unsafeCSS(/* css */ `
  :host {
    --crypto-onramp-quotes-color: light-dark(#1a1f36, #e3e8ee);
    --crypto-onramp-quotes-muted-color: light-dark(#5b6178, #a3acb9);
    --crypto-onramp-quotes-accent-color: light-dark(#5851ec, #a39dff);
    --crypto-onramp-quotes-on-accent-color: light-dark(#fff, #0a0b1e);
    --crypto-onramp-quotes-error-color: light-dark(#c0123c, #ff8fa6);
    --crypto-onramp-quotes-border-color: light-dark(#d5d9e2, #3c4257);
    --crypto-onramp-quotes-selected-background: light-dark(#eeedfd, #25244a);
    --crypto-onramp-quotes-border-radius: 8px;
    --crypto-onramp-quotes-font-family: system-ui, sans-serif;
    color-scheme: light dark;
    display: block;
    font-family: var(--crypto-onramp-quotes-font-family);
    color: var(--crypto-onramp-quotes-color);
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  .base {
    position: relative;
  }
  .caption {
    margin: 0;
    margin-block-end: 0.5rem;
    font-weight: 600;
  }
  [role='listbox'] {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
  }
  [role='option'] {
    position: relative;
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.125rem 1rem;
    padding: 0.625rem 0.875rem;
    border: 1px solid var(--crypto-onramp-quotes-border-color);
    border-radius: var(--crypto-onramp-quotes-border-radius);
    cursor: pointer;
  }
  [role='option']:hover {
    border-color: var(--crypto-onramp-quotes-accent-color);
  }
  [role='option']:focus-visible {
    outline: 2px solid var(--crypto-onramp-quotes-accent-color);
    outline-offset: 2px;
  }
  [role='option'][aria-selected='true'] {
    border: 2px solid var(--crypto-onramp-quotes-accent-color);
    background: var(--crypto-onramp-quotes-selected-background);
  }
  /* Read in DOM order (amount, network, total, fees); shown as amount | total, network, then the fees. */
  .receive {
    grid-area: 1 / 1;
    font-weight: 600;
  }
  .network {
    grid-area: 2 / 1;
  }
  .total {
    grid-area: 1 / 2;
    text-align: end;
    font-weight: 600;
  }
  .fees {
    grid-column: 1 / -1;
  }
  .network,
  .fees {
    font-size: 0.8125rem;
    color: var(--crypto-onramp-quotes-muted-color);
  }
  /* For screen readers only: the punctuation between a quote's parts, and the live announcement. */
  .announce {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .status {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.75rem;
    padding: 1.5rem;
    text-align: center;
    font-size: 0.875rem;
  }
  .spinner {
    width: 1.5rem;
    height: 1.5rem;
  }
  ${spinner('--crypto-onramp-quotes-muted-color', '--crypto-onramp-quotes-accent-color')}
  p {
    margin: 0;
  }
  strong {
    color: var(--crypto-onramp-quotes-error-color);
  }
  button {
    font: inherit;
    font-weight: 600;
    padding: 0.5rem 1rem;
    border: 0;
    border-radius: 6px;
    background: var(--crypto-onramp-quotes-accent-color);
    color: var(--crypto-onramp-quotes-on-accent-color);
    cursor: pointer;
  }
`);
