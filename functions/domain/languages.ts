/**
 * Language codes (BCP 47) and their names. A code is valid when it is well formed
 * (Intl.getCanonicalLocales) and the runtime's language data knows it (Intl.DisplayNames), so
 * "xx" or "en-XX" are refused while "pt-BR" and "yue" pass, without a list we must keep up.
 */

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The canonical, lower-case code ("pt-br"), or undefined when the code names no known language. */
export function languageCode(tag: string): string | undefined {
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
  if (!canonical || canonical === 'und' || names.of(canonical) === undefined) return undefined;
  // Stored lower case, as every enrolment so far was: matching compares codes as text.
  return canonical.toLowerCase();
}

export function languageName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The languages the intake form offers by name (most spoken at work first would bias; alphabetical by name instead). */
const FORM_LANGUAGE_CODES = [
  'ar',
  'bn',
  'bg',
  'ca',
  'zh',
  'hr',
  'cs',
  'da',
  'nl',
  'en',
  'et',
  'fi',
  'fr',
  'de',
  'el',
  'gu',
  'he',
  'hi',
  'hu',
  'id',
  'it',
  'ja',
  'kn',
  'ko',
  'lv',
  'lt',
  'ms',
  'ml',
  'mr',
  'no',
  'fa',
  'pl',
  'pt',
  'pa',
  'ro',
  'ru',
  'sr',
  'sk',
  'sl',
  'es',
  'sw',
  'sv',
  'tl',
  'ta',
  'te',
  'th',
  'tr',
  'uk',
  'ur',
  'vi',
  'cy',
] as const;

export const FORM_LANGUAGES: readonly { code: string; name: string }[] = FORM_LANGUAGE_CODES.map((code) => ({ code, name: languageName(code) })).sort((a, b) =>
  a.name.localeCompare(b.name, 'en'),
);
