/**
 * The node Stripe mounts its iframe into. Stripe's script refuses targets inside a shadow root,
 * so the node lives in the document's light DOM and is projected into the element's `mount` slot.
 * When the element itself sits in other components' shadow roots, a named `<slot>` is left in each
 * of them (a breadcrumb, as stripe-elements does) so the node, a light child of the outermost
 * host, is projected all the way down.
 *
 * A server-rendering framework hydrates the element's light DOM after the element may have mounted
 * Stripe's frame, and React treats a child it did not render as a mismatch: it throws the tree away
 * and renders it again, a second session. So a child the page rendered itself with
 * `data-crypto-onramp-mount` (the React and Preact components render one) is used as the node, and
 * only emptied, never removed, when the session goes.
 */

/** Marks the node Stripe mounts into, whether the element made it or the page rendered it. */
export const MOUNT_NODE_ATTRIBUTE = 'data-crypto-onramp-mount';

let breadcrumbCount = 0;

export interface MountNode {
  /** The document-level node to hand to `session.mount()`. */
  readonly node: HTMLElement;
  /** Removes the node and every breadcrumb slot created for it. */
  remove(): void;
}

export function createMountNode(host: HTMLElement, slotName: string): MountNode {
  const document = host.ownerDocument;
  const rendered = host.getRootNode() === document && host.querySelector<HTMLElement>(`:scope>[${MOUNT_NODE_ATTRIBUTE}]`);
  const node = rendered || document.createElement('div');
  node.setAttribute(MOUNT_NODE_ATTRIBUTE, '');
  // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline'.
  node.style.cssText = 'display:block;width:100%';
  if (rendered) {
    node.slot = slotName;
    return { node, remove: () => node.replaceChildren() };
  }
  const created: Element[] = [];

  let parent: Element = host;
  let slot = slotName;
  for (let root = parent.getRootNode(); root instanceof ShadowRoot; root = parent.getRootNode()) {
    const breadcrumb = document.createElement('slot');
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
