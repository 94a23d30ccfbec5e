/**
 * The quick-start page's language picker: sets `<html lang>` and keeps the choice in the address
 * (`?lang=fr`), so a link or a screenshot opens in that language. A choice reloads the page: the
 * elements would follow `lang` live, but the emulator's stand-in frame takes the page's language
 * when it is mounted, and the page shows the two together. Only `lang` is set: the elements and
 * the frame lay their own views out right to left under Arabic; the demo's own text stays English.
 */
export function languagePicker(select: HTMLSelectElement, shown: HTMLElement, element: { locale: string; updateComplete: Promise<unknown> }): void {
  const show = async () => {
    await element.updateComplete;
    shown.textContent = element.locale;
  };
  const addressFor = (lang: string): URL => {
    const url = new URL(location.href);
    if (lang === 'en') url.searchParams.delete('lang');
    else url.searchParams.set('lang', lang);
    return url;
  };
  const asked = new URL(location.href).searchParams.get('lang');
  const lang = [...select.options].some((option) => option.value === asked) ? asked! : 'en';
  // Set before the element mounts Stripe's frame (this runs in the module that defines it).
  document.documentElement.lang = lang;
  select.value = lang;
  history.replaceState(null, '', addressFor(lang));
  void show();
  select.addEventListener('change', () => location.assign(addressFor(select.value)));
}
