import { parse, type AnyNode } from '@humanwhocodes/momoa';

/**
 * How deeply a JSON body may nest objects and arrays. A real one is a few levels deep (a
 * participant's availability is three); past this, the body is refused before anything walks it,
 * because a recursive walk (the parser below, a schema, JSON.stringify) runs out of stack on a
 * body of a few KB nested thousands deep (QA: 8,000 levels answered 500).
 */
export const MAX_JSON_DEPTH = 32;

/**
 * How deeply a JSON text nests objects and arrays (`{}` is 1, `{"a":[1]}` is 2), counted in one
 * pass without recursion, so it is safe on any input. Brackets inside strings do not count. Call
 * it on text JSON.parse has accepted.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return deepest;
}

/**
 * The fields a JSON text names more than once in one object, as dotted paths ("role",
 * "availability.0.day"). JSON.parse keeps the last of them in silence, so a body that says
 * `"role":"mentor"` and later `"role":"mentee"` would enrol a mentee (QA attack6); the caller
 * refuses it instead, naming each field. Read with a JSON parser that keeps every member
 * (@humanwhocodes/momoa); call it on text JSON.parse has accepted and no deeper than
 * MAX_JSON_DEPTH (the parser and this walk recurse).
 */
export function repeatedKeys(text: string): string[] {
  const found: string[] = [];
  const walk = (node: AnyNode, path: string): void => {
    if (node.type === 'Object') {
      const seen = new Set<string>();
      for (const member of node.members) {
        const key = member.name.type === 'String' ? member.name.value : member.name.name;
        const at = path ? `${path}.${key}` : key;
        if (seen.has(key) && !found.includes(at)) found.push(at);
        seen.add(key);
        walk(member.value, at);
      }
    } else if (node.type === 'Array') {
      node.elements.forEach((element, i) => walk(element.value, path ? `${path}.${i}` : String(i)));
    }
  };
  walk(parse(text).body, '');
  return found;
}
