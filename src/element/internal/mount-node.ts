/**
 * The node Stripe mounts its iframe into. Stripe's script refuses targets inside a shadow root,
 * so the node lives in the document's light DOM and is projected into the element's `mount` slot.
 * When the element itself sits in other components' shadow roots, a named `<slot>` is left in each
 * of them (a breadcrumb, as stripe-elements does) so the node, a light child of the outermost
 * host, is projected all the way down.
 */

let breadcrumbCount = 0;

export interface MountNode {
  /** The document-level node to hand to `session.mount()`. */
  readonly node: HTMLElement;
  /** Removes the node and every breadcrumb slot created for it. */
  remove(): void;
}

export function createMountNode(host: HTMLElement, slotName: string): MountNode {
  const created: Element[] = [];
  const node = host.ownerDocument.createElement('div');
  node.setAttribute('data-crypto-onramp-mount', '');
  // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline'.
  node.style.cssText = 'display:block;width:100%';

  let parent: Element = host;
  let slot = slotName;
  for (let root = parent.getRootNode(); root instanceof ShadowRoot; root = parent.getRootNode()) {
    const breadcrumb = host.ownerDocument.createElement('slot');
    breadcrumb.name = `crypto-onramp-mount-${++breadcrumbCount}`;
    breadcrumb.slot = slot;
    parent.append(breadcrumb);
    created.push(breadcrumb);
    slot = breadcrumb.name;
    parent = root.host;
  }
  node.slot = slot;
  parent.append(node);
  created.push(node);

  return {
    node,
    remove() {
      for (const element of created) element.remove();
      created.length = 0;
    },
  };
}
