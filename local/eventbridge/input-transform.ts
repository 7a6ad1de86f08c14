/**
 * What a rule target receives, as AWS documents it ("Amazon EventBridge input transformation",
 * PutTargets Input / InputPath / InputTransformer):
 * - no option: the whole event as JSON;
 * - Input: that constant JSON text, as is;
 * - InputPath: the part of the event the JSONPath selects, as JSON;
 * - InputTransformer: InputPathsMap variables filled into InputTemplate. Inside a quoted JSON
 *   string a value is inserted as raw text (AWS does not escape it); elsewhere it is inserted as
 *   JSON (strings get their quotes). `<aws.events.event.json>` is the full event,
 *   `<aws.events.event>` the event without `detail`; both may only stand as JSON values.
 */
import type { EventEnvelope } from './put-events';

export interface InputTransformer {
  inputPathsMap?: Record<string, string>;
  inputTemplate: string;
}

export interface TargetInputOptions {
  input?: string;
  inputPath?: string;
  inputTransformer?: InputTransformer;
}

export interface RuleIdentity {
  name: string;
  arn: string;
}

/** A transformation that cannot succeed; AWS sends such events straight to the DLQ, without retries. */
export class InputTransformationError extends Error {}

const RESERVED_PREFIX = 'aws.events.';

/** Evaluates the JSONPath subset AWS supports: `$`, dot names (dashes allowed), `[n]`, `['name']`, `*`. */
export function selectPath(document: unknown, path: string): unknown {
  if (!path.startsWith('$')) throw new InputTransformationError(`JSON path "${path}" must start with "$".`);
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+|\*)\]|\['([^']*)'\]/g)];
  const consumed = steps.map((step) => step[0]).join('');
  if (consumed !== path.slice(1)) throw new InputTransformationError(`JSON path "${path}" uses syntax EventBridge does not support.`);
  let current: unknown[] = [document];
  let multiple = false;
  for (const [, dotName, index, quoted] of steps) {
    const key = dotName ?? quoted ?? index;
    const next: unknown[] = [];
    for (const node of current) {
      if (key === '*') {
        multiple = true;
        if (Array.isArray(node)) next.push(...node);
        else if (node && typeof node === 'object') next.push(...Object.values(node));
      } else if (Array.isArray(node) && /^\d+$/.test(key ?? '')) {
        if (Number(key) < node.length) next.push(node[Number(key)]);
      } else if (node && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, key as string)) {
        next.push((node as Record<string, unknown>)[key as string]);
      }
    }
    current = next;
  }
  return multiple ? current : current[0];
}

function variablesFor(transformer: InputTransformer, event: EventEnvelope): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [name, path] of Object.entries(transformer.inputPathsMap ?? {})) {
    if (name.startsWith(RESERVED_PREFIX)) {
      throw new InputTransformationError(`InputPathsMap variable "${name}" uses a reserved aws.events name; rename it.`);
    }
    const value = selectPath(event, path);
    if (value !== undefined) values.set(name, value);
  }
  return values;
}

function reservedValue(name: string, event: EventEnvelope, rule: RuleIdentity, ingestionTime: string): unknown {
  switch (name) {
    case 'aws.events.rule-name':
      return rule.name;
    case 'aws.events.rule-arn':
      return rule.arn;
    case 'aws.events.event.ingestion-time':
      return ingestionTime;
    case 'aws.events.event.json':
      return event;
    case 'aws.events.event': {
      const { detail: _detail, ...withoutDetail } = event;
      return withoutDetail;
    }
    default:
      return undefined;
  }
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The template's JSON-ness decides whether placeholders outside quotes become JSON values. */
function fillTemplate(template: string, lookup: (name: string) => unknown): string {
  const jsonTemplate = /^\s*[[{"]/.test(template);
  let output = '';
  let inString = !jsonTemplate;
  for (let i = 0; i < template.length; i += 1) {
    const char = template[i] as string;
    if (jsonTemplate && char === '\\' && inString) {
      output += char + (template[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (jsonTemplate && char === '"') inString = !inString;
    const placeholder = char === '<' ? /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i)) : null;
    if (!placeholder) {
      output += char;
      continue;
    }
    const name = placeholder[1] as string;
    const value = lookup(name);
    if (name === 'aws.events.event' || name === 'aws.events.event.json') {
      if (inString) throw new InputTransformationError(`<${name}> can only be used as a JSON value, not inside a string.`);
      output += JSON.stringify(value);
    } else if (inString) {
      output += value === undefined ? '' : asText(value);
    } else {
      // A path that does not exist gives no variable; null keeps the JSON valid (AWS: "won't appear").
      output += value === undefined ? 'null' : JSON.stringify(value);
    }
    i += placeholder[0].length - 1;
  }
  return output;
}

/** AWS passes JSON to targets minified; anything else (plain text templates) goes as it is. */
function minify(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/**
 * The text a target receives for this event. Throws InputTransformationError when AWS could not
 * build it either (bad path syntax, reserved variable names, misplaced event placeholders).
 */
export function buildTargetInput(options: TargetInputOptions, event: EventEnvelope, rule: RuleIdentity, ingestionTime: string): string {
  if (options.input !== undefined) return options.input;
  if (options.inputPath !== undefined) {
    const selected = selectPath(event, options.inputPath);
    return JSON.stringify(selected ?? null);
  }
  if (options.inputTransformer) {
    const variables = variablesFor(options.inputTransformer, event);
    const lookup = (name: string) => (name.startsWith(RESERVED_PREFIX) ? reservedValue(name, event, rule, ingestionTime) : variables.get(name));
    return minify(fillTemplate(options.inputTransformer.inputTemplate, lookup));
  }
  return JSON.stringify(event);
}
