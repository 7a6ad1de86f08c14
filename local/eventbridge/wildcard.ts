/**
 * EventBridge wildcard values: `*` matches any run of characters (also none); `\*` is a literal
 * asterisk and `\\` a literal backslash. AWS refuses consecutive wildcards (`**`) and a backslash
 * before any other character, so we refuse them too instead of guessing what was meant.
 */

/** Returns why the wildcard value is invalid, or null when it is fine. */
export function wildcardProblem(value: string): string | null {
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i];
    if (char === '\\') {
      const next = value[i + 1];
      if (next !== '*' && next !== '\\') {
        return `Wildcard value "${value}" has a backslash that escapes neither "*" nor "\\"`;
      }
      i += 1;
    } else if (char === '*' && value[i + 1] === '*') {
      return `Wildcard value "${value}" has consecutive wildcard characters, which are not allowed`;
    }
  }
  return null;
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/-]/g;

/** Compiles a valid wildcard value into an anchored regular expression. */
export function compileWildcard(value: string): RegExp {
  let source = '';
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i] as string;
    if (char === '\\') {
      source += (value[i + 1] ?? '').replace(REGEX_SPECIAL, '\\$&');
      i += 1;
    } else if (char === '*') {
      source += '.*';
    } else {
      source += char.replace(REGEX_SPECIAL, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 's');
}
