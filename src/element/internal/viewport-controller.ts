/**
 * `loading="lazy"`: whether the host has come near the viewport. Like `IntersectionController`
 * from @lit-labs/observers, it asks the host to update when that changes, and it owns its
 * observer's whole life: observing starts on demand and stops on disconnect or once near.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & Element;

export class ViewportController implements ReactiveController {
  /** Set once the host has come within `rootMargin` of the viewport; it stays set. */
  near = false;
  #observer: IntersectionObserver | undefined;
  readonly #host: Host;
  readonly #rootMargin: string;

  constructor(host: Host, rootMargin: string) {
    this.#host = host;
    this.#rootMargin = rootMargin;
    host.addController(this);
  }

  /** Starts watching, unless already watching or already near. */
  observe(): void {
    if (this.near || this.#observer) return;
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.near = true;
        this.hostDisconnected();
        this.#host.requestUpdate();
      },
      { rootMargin: this.#rootMargin },
    );
    this.#observer.observe(this.#host);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }
}
