/**
 * The language an element speaks: its own `lang`, else the nearest ancestor's, crossing shadow
 * roots to their hosts (so up to `<html lang>`), else the browser's (`navigator.language`). An
 * empty `lang=""` names no language and is passed over. A tag Intl refuses is English: nothing
 * then depends on the machine's own locale. `visit` is called with each root the walk enters, the
 * element's own first.
 */
export function langOf(element: Element, visit: (root: Node) => void): string {
  let tag = navigator.language;
  for (let node: Element | undefined = element; node; node = (node.getRootNode() as ShadowRoot).host) {
    visit(node.getRootNode());
    const found = node.closest<HTMLElement>('[lang]:not([lang=""])');
    if (found) {
      tag = found.lang;
      break;
    }
  }
  try {
    return Intl.getCanonicalLocales(tag)[0] || 'en';
  } catch {
    return 'en';
  }
}
