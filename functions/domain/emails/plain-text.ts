import { formatDeadline, greeting } from './format';
import { safeUrl } from './markup';
import type { Block, EmailContent, Inline, Question } from './types';

/**
 * The plain-text part, written for people who read mail as text (and for screen readers in text
 * clients): short wrapped lines, links spelled out next to their words, nothing that needs HTML.
 */
const WIDTH = 72;

export function renderPlainText(content: EmailContent, footer: readonly Block[]): string {
  const sections: string[] = [content.program.name, underline(content.title, '='), greeting(content.to.name), ...content.blocks.map(blockText)];
  if (content.question !== undefined) sections.push(questionText(content.question, content.to.timeZone));
  sections.push('-- ', ...footer.map(blockText));
  return `${sections.join('\n\n')}\n`;
}

function inlineText(part: Inline): string {
  if (typeof part === 'string') return part;
  if ('strong' in part) return part.strong;
  const href = safeUrl(part.href);
  const shown = href.startsWith('mailto:') ? href.slice('mailto:'.length) : href;
  return shown === part.link ? part.link : `${part.link} (${shown})`;
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return underline(block.text, '-');
    case 'paragraph':
      return wrap(block.parts.map(inlineText).join(''));
    case 'list':
      return block.items
        .map((item, i) => {
          const marker = block.ordered === true ? `${i + 1}. ` : '- ';
          return wrap(item.map(inlineText).join(''), marker, ' '.repeat(marker.length));
        })
        .join('\n');
    case 'quote':
      return wrap(block.text, '> ', '> ');
    case 'facts':
      return block.rows.map((r) => wrap(`${r.term}: ${r.detail}`, '', '  ')).join('\n');
  }
}

function questionText(question: Question, timeZone: string): string {
  const lines = [
    underline('How to answer', '-'),
    wrap(question.prompt),
    'Reply to this email with your answer on the first line, for example:',
    question.replyExamples
      .map((e) =>
        e
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n'),
      )
      .join('\n'),
    ...(question.notes ?? []).map((n) => wrap(n)),
  ];
  if (question.answerBy !== undefined) lines.push(`Please answer by ${formatDeadline(question.answerBy, timeZone)}.`);
  if (question.links.length > 0) {
    lines.push(
      wrap('Or open one of these links. Each opens a page where you confirm your answer, so nothing is recorded by opening the link alone.'),
      question.links.map((l) => `- ${l.label}:\n  ${safeUrl(l.url)}`).join('\n'),
    );
  }
  return lines.join('\n\n');
}

function underline(text: string, char: string): string {
  return `${text}\n${char.repeat(Math.min(text.length, WIDTH))}`;
}

/** Greedy word wrap; a word longer than the line (a URL) stays whole so it remains clickable. */
export function wrap(text: string, first = '', rest = ''): string {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}
