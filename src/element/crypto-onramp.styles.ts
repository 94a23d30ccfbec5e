import { css } from 'lit';

export const styles = css`
  :host {
    --crypto-onramp-min-height: 480px;
    --crypto-onramp-max-width: 500px;
    --crypto-onramp-background: transparent;
    --crypto-onramp-color: #1a1f36;
    --crypto-onramp-muted-color: #5b6178;
    --crypto-onramp-accent-color: #635bff;
    --crypto-onramp-error-color: #c0123c;
    --crypto-onramp-border-radius: 12px;
    --crypto-onramp-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;

    display: block;
    box-sizing: border-box;
    max-width: var(--crypto-onramp-max-width);
    font-family: var(--crypto-onramp-font-family);
    color: var(--crypto-onramp-color);
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    --crypto-onramp-color: #e3e8ee;
    --crypto-onramp-muted-color: #a3acb9;
    --crypto-onramp-accent-color: #a39dff;
    --crypto-onramp-error-color: #ff8fa6;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --crypto-onramp-color: #e3e8ee;
      --crypto-onramp-muted-color: #a3acb9;
      --crypto-onramp-accent-color: #a39dff;
      --crypto-onramp-error-color: #ff8fa6;
    }
  }

  .base {
    position: relative;
    /* Reserve the room Stripe's UI takes, so the page does not jump when it arrives. */
    min-height: var(--crypto-onramp-min-height);
    background: var(--crypto-onramp-background);
    border-radius: var(--crypto-onramp-border-radius);
  }
  .mount {
    min-height: inherit;
  }
  .mount[hidden] {
    display: none;
  }
  .overlay {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.75rem;
    padding: 1.5rem;
    text-align: center;
  }
  .spinner {
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    border: 3px solid color-mix(in srgb, var(--crypto-onramp-accent-color) 25%, transparent);
    border-top-color: var(--crypto-onramp-accent-color);
    animation: spin 0.9s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  .label {
    color: var(--crypto-onramp-muted-color);
    font-size: 0.875rem;
  }
  .error-title {
    margin: 0;
    font-size: 1rem;
    font-weight: 600;
    color: var(--crypto-onramp-error-color);
  }
  .error-message {
    margin: 0;
    max-width: 36ch;
    font-size: 0.875rem;
    color: var(--crypto-onramp-color);
  }
  button,
  .hosted-link {
    font: inherit;
    font-size: 0.875rem;
    font-weight: 600;
    padding: 0.5rem 1rem;
    border-radius: 6px;
    border: 1px solid var(--crypto-onramp-accent-color);
    background: var(--crypto-onramp-accent-color);
    color: #fff;
    cursor: pointer;
    text-decoration: none;
  }
  :host([theme='dark']) button,
  :host([theme='dark']) .hosted-link {
    color: #0a0b1e;
  }
  button:focus-visible,
  .hosted-link:focus-visible {
    outline: 2px solid var(--crypto-onramp-accent-color);
    outline-offset: 2px;
  }
`;
