/**
 * The quick-start page's language picker: sets `<html lang>` (the elements follow it, live) and
 * keeps the choice in the address (`?lang=fr`), so a link or a screenshot opens in that language.
 * Only `lang` is set: the elements lay their own views out right to left under Arabic; the demo's
 * own text stays English, left to right.
 */
export function languagePicker(select: HTMLSelectElement, shown: HTMLElement, element: { locale: string; updateComplete: Promise<unknown> }): void {
  const show = async () => {
    await element.updateComplete;
    shown.textContent = element.locale;
  };
  const apply = (lang: string) => {
    document.documentElement.lang = lang;
    select.value = lang;
    const url = new URL(location.href);
    if (lang === 'en') url.searchParams.delete('lang');
    else url.searchParams.set('lang', lang);
    history.replaceState(null, '', url);
    void show();
  };
  const asked = new URL(location.href).searchParams.get('lang');
  apply([...select.options].some((option) => option.value === asked) ? asked! : 'en');
  select.addEventListener('change', () => apply(select.value));
}
