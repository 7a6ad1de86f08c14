/**
 * Markup that is safe by construction. Every value interpolated into `html\`...\`` is escaped unless
 * it is already `Markup` (the result of another `html` call) or was wrapped in `raw()` on purpose.
 * The escaping covers text and quoted attribute values alike, and is valid XML, so the same tag
 * builds the SVG certificate.
 */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Interpolations allowed in `html`: arrays are joined, nullish and `false` render nothing. */
export type Interpolation = Markup | string | number | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeMarkup(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

/** A trusted fragment written by us (never user input): inserted as is. */
export function raw(trusted: string): Markup {
  return new Markup(trusted);
}

const ALLOWED_SCHEMES = new Set(['https:', 'http:', 'mailto:']);

/**
 * Links come from callers (signed answer URLs, console URLs): refuse anything that is not a web or
 * mail link, so that a `javascript:` URL can never reach an inbox even if a caller is wrong.
 */
export function safeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`The link "${url}" is not an absolute URL: pass the full signed answer URL, starting with https://.`);
  }
  if (!ALLOWED_SCHEMES.has(parsed.protocol)) {
    throw new Error(`The link "${url}" uses ${parsed.protocol}, which emails must not carry: use an https:// or mailto: link.`);
  }
  return parsed.href;
}
