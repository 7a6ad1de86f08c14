import type { Block, Inline } from './types';

/** Small builders so templates read like the email they produce. */
export const heading = (text: string): Block => ({ kind: 'heading', text });
export const paragraph = (...parts: Inline[]): Block => ({ kind: 'paragraph', parts });
export const bullets = (...items: (Inline | readonly Inline[])[]): Block => ({ kind: 'list', items: items.map(asParts) });
export const steps = (...items: (Inline | readonly Inline[])[]): Block => ({ kind: 'list', items: items.map(asParts), ordered: true });
export const quote = (text: string): Block => ({ kind: 'quote', text });
export const facts = (rows: { term: string; detail: string }[]): Block => ({ kind: 'facts', rows });
export const strong = (text: string): Inline => ({ strong: text });
export const link = (text: string, href: string): Inline => ({ link: text, href });

function asParts(item: Inline | readonly Inline[]): readonly Inline[] {
  return Array.isArray(item) ? (item as readonly Inline[]) : [item as Inline];
}
