/**
 * The one rule for every URL the element navigates to or links: resolved against the page, and
 * only `http:` or `https:` (a `javascript:` or `data:` URL is refused, never followed).
 */
export function safeHttpUrl(value: unknown): URL | undefined {
  if (!value) return undefined;
  try {
    // Anything else a page put in the property is read as text, as an attribute would be.
    const url = new URL(value as string, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
