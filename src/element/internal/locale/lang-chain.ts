/**
 * The language an element speaks: its own `lang`, else the nearest ancestor's, crossing shadow
 * roots to their hosts (so up to `<html lang>`), else the browser's (`navigator.language`). An
 * empty `lang=""` says the language is unknown (HTML: it is not inherited from further out): the
 * browser's then. A tag Intl refuses is English: nothing then depends on the machine's own locale. `visit` is called with each root the walk enters, the
 * element's own first.
 */
export function langOf(element: Element, visit: (root: Node) => void): string {
  let node: Element | undefined = element;
  let found: HTMLElement | null | undefined;
  while (node && !(visit(node.getRootNode()), (found = node.closest<HTMLElement>('[lang]')))) node = (node.getRootNode() as ShadowRoot).host;
  try {
    // A non-empty, well-formed tag: its canonical form; else a RangeError.
    return String(new Intl.Locale(found?.lang || navigator.language));
  } catch {
    return 'en';
  }
}
