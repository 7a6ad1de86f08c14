import type { Role } from '../participant';
import type { Topic } from '../topics';
import { readableName } from './display-name';
import { formatDate, joinAnd, topicLabels, type DateInput } from './format';
import { html, raw, type Markup } from './markup';
import { wrap } from './plain-text';

/** What a pairing achieved, as recorded by the lifecycle. */
export interface Journey {
  startedOn: DateInput;
  completedOn: DateInput;
  checkInsHeld: number;
  /** Topic ids covered by the pairing. */
  topics: readonly string[];
  /**
   * The reader's own progress on goals (1-5) at each milestone review, in order. When none are
   * given the facts leave the line out rather than claim that no review was recorded.
   */
  milestones: readonly { label: string; progress: number }[];
}

export interface CertificateInput {
  programName: string;
  name: string;
  role: Role;
  partnerName: string;
  journey: Journey;
  timeZone: string;
  catalogue?: readonly Topic[];
}

/** The facts of a journey as label/value pairs: the same list feeds the body and the certificate. */
export function journeyFacts(journey: Journey, timeZone: string, catalogue?: readonly Topic[]): { term: string; detail: string }[] {
  const topics = topicLabels(journey.topics, catalogue);
  return [
    { term: 'Dates', detail: `${formatDate(journey.startedOn, timeZone)} to ${formatDate(journey.completedOn, timeZone)}` },
    { term: 'Check-ins held', detail: String(journey.checkInsHeld) },
    { term: 'Topics covered', detail: topics.length > 0 ? joinAnd(topics) : 'none recorded' },
    ...(journey.milestones.length > 0
      ? [{ term: 'Progress on goals at each review (1 to 5)', detail: journey.milestones.map((m) => `${m.label}: ${m.progress}`).join('; ') }]
      : []),
  ];
}

const W = 1123;
const H = 794;

/**
 * An A4 landscape SVG certificate. Text stays real text (searchable, readable by screen readers)
 * and every value is escaped by the `html` tag, which also produces well-formed XML.
 */
export function certificateSvg(input: CertificateInput): Buffer {
  const facts = journeyFacts(input.journey, input.timeZone, input.catalogue);
  const roleWord = input.role === 'mentor' ? 'a mentor' : 'a mentee';
  // Names as emails show them (display-name.ts): a name that starts as a formula by its readable
  // part, or left out when it has none. A partner whose data was erased has no name any more
  // (functions/domain/erasure.ts): the certificate then names its holder alone.
  const holder = readableName(input.name) ?? '';
  const partner = readableName(input.partnerName) ?? '';
  const title = holder === '' ? 'Certificate of reverse mentoring' : `Certificate of reverse mentoring: ${holder}`;
  const desc = `${holder === '' ? 'The holder' : holder} took part in ${input.programName} as ${roleWord}${partner === '' ? '' : `, with ${partner}`}. ${facts.map((f) => `${f.term}: ${f.detail}.`).join(' ')}`;
  // Four facts of at most two lines each fit between y=390 and the frame at y=762; the full
  // facts are always in <desc> and in the email body, so a clipped third line loses nothing.
  let y = 390;
  const factLines: Markup[] = [];
  for (const fact of facts) {
    factLines.push(html`<text x="160" y="${y}" class="term">${fact.term}</text>\n`);
    y += 26;
    const lines = wrap(fact.detail).split('\n');
    for (const [i, line] of lines.slice(0, 2).entries()) {
      factLines.push(html`<text x="160" y="${y}" class="detail">${i === 1 && lines.length > 2 ? `${line} ...` : line}</text>\n`);
      y += 24;
    }
    y += 6;
  }
  const svg = html`${raw('<?xml version="1.0" encoding="UTF-8"?>')}
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="certificate-title certificate-desc" lang="en-GB">
<title id="certificate-title">${title}</title>
<desc id="certificate-desc">${desc}</desc>
<style>
text { font-family: Georgia, 'Times New Roman', serif; fill: #1a1a1a; }
.heading { font-size: 44px; font-weight: bold; }
.name { font-size: 36px; fill: #0b4f8a; }
.lead { font-size: 22px; }
.term { font-size: 18px; font-weight: bold; font-family: Arial, sans-serif; }
.detail { font-size: 18px; font-family: Arial, sans-serif; }
</style>
<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>
<rect x="32" y="32" width="${W - 64}" height="${H - 64}" fill="none" stroke="#0b4f8a" stroke-width="6"/>
<text x="${W / 2}" y="150" text-anchor="middle" class="heading">Certificate of reverse mentoring</text>
${holder === '' ? '' : html`<text x="${W / 2}" y="230" text-anchor="middle" class="name">${holder}</text>`}
<text x="${W / 2}" y="290" text-anchor="middle" class="lead">took part in ${input.programName} as ${roleWord}</text>
${partner === '' ? '' : html`<text x="${W / 2}" y="330" text-anchor="middle" class="lead">together with ${partner}</text>`}
${factLines}
</svg>
`;
  return Buffer.from(svg.value, 'utf8');
}
