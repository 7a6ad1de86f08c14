import { footerAudience, footerBlocks } from './footer';
import { formatDeadline, greeting, oneLine } from './format';
import { html, safeUrl, type Markup } from './markup';
import { renderPlainText } from './plain-text';
import type { Block, EmailContent, Inline, Question, RenderedEmail } from './types';

/**
 * The one layout every crossgen email uses. Both parts are rendered from the same content model:
 * the plain text is written for reading, not derived from the HTML.
 *
 * Inline styles only (several clients drop <style>); no layout tables and no images, so screen
 * readers meet headings, paragraphs and lists in reading order. Colours meet WCAG AA: body
 * #1a1a1a on #ffffff (17:1), links and buttons #0b4f8a (8:1 against white).
 */
const INK = '#1a1a1a';
const ACCENT = '#0b4f8a';
const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5";
const S = {
  body: `margin:0;padding:0;background:#f2f2ee;color:${INK};${FONT}`,
  main: `display:block;max-width:600px;margin:0 auto;padding:24px;background:#ffffff;color:${INK}`,
  brand: 'margin:0 0 8px;font-size:14px;color:#4a4a4a',
  h1: 'margin:0 0 16px;font-size:24px;line-height:1.3',
  h2: 'margin:24px 0 8px;font-size:19px;line-height:1.3',
  p: 'margin:0 0 12px',
  list: 'margin:0 0 12px;padding-left:24px',
  quote: `margin:0 0 12px;padding:8px 16px;border-left:4px solid ${ACCENT};background:#f2f5f9`,
  dt: 'font-weight:bold;margin:8px 0 0',
  dd: 'margin:0 0 4px',
  link: `color:${ACCENT};text-decoration:underline`,
  answer: 'margin:24px 0 0;padding:16px;border:2px solid #d0d7de;border-radius:6px',
  actions: 'list-style:none;margin:12px 0 0;padding:0',
  action: 'display:inline-block;margin:0 8px 8px 0',
  button: `display:inline-block;padding:10px 18px;background:${ACCENT};color:#ffffff;border-radius:4px;text-decoration:underline;font-weight:bold`,
  code: 'font-family:Consolas,Menlo,monospace;background:#f2f2ee;padding:1px 4px;white-space:pre-wrap',
  footer: 'max-width:600px;margin:0 auto;padding:16px 24px 32px;font-size:14px;color:#3d3d3d',
};

export function renderEmail(input: EmailContent): RenderedEmail {
  const content = { ...input, audience: footerAudience(input.audience, input.to) };
  const subject = oneLine(content.subject);
  const rendered: RenderedEmail = {
    template: content.template,
    subject,
    html: renderHtml({ ...content, subject }).value,
    text: renderPlainText({ ...content, subject }, footerBlocks(content.audience, content.program, content.to)),
  };
  if (content.attachments !== undefined && content.attachments.length > 0) rendered.attachments = content.attachments;
  return rendered;
}

function renderHtml(content: EmailContent): Markup {
  const footer = footerBlocks(content.audience, content.program, content.to);
  return html`<!DOCTYPE html>
<html lang="en-GB" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${content.subject}</title>
</head>
<body style="${S.body}">
<main style="${S.main}">
<p style="${S.brand}">${content.program.name}</p>
<h1 style="${S.h1}">${content.title}</h1>
<p style="${S.p}">${greeting(content.to.name)}</p>
${content.blocks.map(renderBlock)}
${content.question === undefined ? '' : renderQuestion(content.question, content.to.timeZone)}
</main>
<footer style="${S.footer}">
${footer.map(renderBlock)}
</footer>
</body>
</html>
`;
}

function renderInline(part: Inline): Markup {
  if (typeof part === 'string') return html`${part}`;
  if ('strong' in part) return html`<strong>${part.strong}</strong>`;
  return html`<a href="${safeUrl(part.href)}" style="${S.link}">${part.link}</a>`;
}

function renderBlock(block: Block): Markup {
  switch (block.kind) {
    case 'heading':
      return html`<h2 style="${S.h2}">${block.text}</h2>\n`;
    case 'paragraph':
      return html`<p style="${S.p}">${block.parts.map(renderInline)}</p>\n`;
    case 'list': {
      const items = block.items.map((item) => html`<li>${item.map(renderInline)}</li>`);
      return block.ordered === true ? html`<ol style="${S.list}">${items}</ol>\n` : html`<ul style="${S.list}">${items}</ul>\n`;
    }
    case 'quote':
      return html`<blockquote style="${S.quote}">${block.text}</blockquote>\n`;
    case 'facts':
      return html`<dl style="${S.p}">${block.rows.map((r) => html`<dt style="${S.dt}">${r.term}</dt><dd style="${S.dd}">${r.detail}</dd>`)}</dl>\n`;
  }
}

function renderQuestion(question: Question, timeZone: string): Markup {
  const answerBy = question.answerBy === undefined ? '' : html`<p style="${S.p}">Please answer by ${formatDeadline(question.answerBy, timeZone)}.</p>`;
  return html`<section style="${S.answer}" aria-labelledby="how-to-answer">
<h2 id="how-to-answer" style="${S.h2};margin-top:0">How to answer</h2>
<p style="${S.p}">${question.prompt}</p>
<p style="${S.p}">Reply to this email with your answer on the first line, for example:</p>
<ul style="${S.list}">${question.replyExamples.map((e) => html`<li><code style="${S.code}">${e}</code></li>`)}</ul>
${(question.notes ?? []).map((n) => html`<p style="${S.p}">${n}</p>`)}
${answerBy}
${
  question.links.length === 0
    ? ''
    : html`<p style="${S.p}">Or choose an answer below. Each link opens a page where you confirm it, so nothing is recorded by opening the link alone.</p>
<ul style="${S.actions}">${question.links.map((l) => html`<li style="${S.action}"><a href="${safeUrl(l.url)}" style="${S.button}">${l.label}</a></li>`)}</ul>`
}
</section>
`;
}
