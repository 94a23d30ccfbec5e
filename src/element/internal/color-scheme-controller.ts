/**
 * `theme="auto"`: follows `prefers-color-scheme`, live. It listens only while the host is
 * connected and only while `wanted()` says so, and calls `onChange` when the system's scheme flips.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ColorSchemeController implements ReactiveController {
  #query: MediaQueryList | undefined;
  readonly #wanted: () => boolean;
  readonly #onChange: () => void;

  constructor(host: ReactiveControllerHost, wanted: () => boolean, onChange: () => void) {
    this.#wanted = wanted;
    this.#onChange = onChange;
    host.addController(this);
  }

  /** Whether the system prefers dark, while watched (else `false`). */
  get dark(): boolean {
    return !!this.#query?.matches;
  }

  /** Starts or stops listening as `wanted()` now says: on connect and before each render. */
  hostUpdate(): void {
    const wanted = this.#wanted() && typeof matchMedia === 'function';
    if (wanted && !this.#query) {
      this.#query = matchMedia('(prefers-color-scheme: dark)');
      this.#query.addEventListener('change', this.#onChange);
    } else if (!wanted) {
      this.hostDisconnected();
    }
  }

  hostConnected(): void {
    this.hostUpdate();
  }

  hostDisconnected(): void {
    this.#query?.removeEventListener('change', this.#onChange);
    this.#query = undefined;
  }
}
