/**
 * One `Intl.DateTimeFormat` per locale and options, made once and kept: building one costs far
 * more than formatting with it (time-zone data is loaded on each construction), and a lifecycle
 * step formats dozens of dates. The options are part of the key, so callers stay independent.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    // Throws a RangeError for an unknown time zone, as the constructor does; nothing is kept then.
    f = new Intl.DateTimeFormat(locale, options);
    formats.set(key, f);
  }
  return f;
}
