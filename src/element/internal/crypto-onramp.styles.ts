import { unsafeCSS } from 'lit';

/**
 * The styles are one constant literal with nothing interpolated, so Lit's `css` tag, whose checks of
 * interpolated values (and their long message) would ship in the drop-in, is not needed: this
 * stand-in makes the same `CSSResult`. It keeps the name, so the build still minifies the literal.
 */
const css = (strings: TemplateStringsArray) => unsafeCSS(strings[0]);

// Colors use `light-dark()` with `color-scheme`, so `theme="auto"` follows the system with no
// duplicated rules (the drop-in bundle has a size budget).
export const styles = css`
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
    border-radius: 50%;
    border: 3px solid var(--crypto-onramp-muted-color);
    border-top-color: var(--crypto-onramp-accent-color);
    animation: spin .9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  /* Less motion asked for (prefers-reduced-motion: reduce): a still ring, which keeps its role and label. */
  @media (prefers-reduced-motion) {
    .spinner {
      animation: none;
    }
  }
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
`;
