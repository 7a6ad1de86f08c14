import { parse, type AnyNode } from '@humanwhocodes/momoa';

/**
 * The fields a JSON text names more than once in one object, as dotted paths ("role",
 * "availability.0.day"). JSON.parse keeps the last of them in silence, so a body that says
 * `"role":"mentor"` and later `"role":"mentee"` would enrol a mentee (QA attack6); the caller
 * refuses it instead, naming each field. Read with a JSON parser that keeps every member
 * (@humanwhocodes/momoa); call it on text JSON.parse has accepted.
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
