/**
 * The language `locale` falls back to among those `has` knows, by BCP 47: dropping subtags from the
 * end (`pt-BR` → `pt-BR`; `pt-PT` → `pt`; `zh-Hant-TW` → `zh-Hant` → `zh`), then by its likely
 * script (`zh-CN` → `zh-Hans`); `undefined` when none fits. `locale` is a tag `Intl.Locale` takes
 * (it throws a RangeError otherwise). Used by the elements' catalogs and the emulator's stand-in.
 */
export function bcp47Fallback(locale: string, has: (name: string) => boolean): string | undefined {
  let { language, script } = new Intl.Locale(locale).maximize();
  for (let name = locale; name; name = name.slice(0, Math.max(name.lastIndexOf('-'), 0))) if (has(name)) return name;
  return has((language += '-' + script)) ? language : undefined;
}
