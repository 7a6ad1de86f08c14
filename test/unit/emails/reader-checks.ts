import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RenderedEmail } from '../../../functions/domain/emails';
import { askedOf, interpretReply, readDataRightsRequest, type ReplyAnswer, type ReplyPurpose } from '../../../functions/domain/replies';
import { topicLabel } from '../../../functions/domain/topics';
import type { Participant } from '../../../functions/domain/participant';

/**
 * The checks of the reader walk: one email as one reader gets it (its Reply-To's purpose included)
 * in, the sentences that let that reader down out. Each problem is a sentence naming the email.
 */

export type ReaderKind = 'mentor' | 'mentee' | 'admin' | 'manager';

export interface Delivery {
  readonly label: string;
  readonly reader: ReaderKind;
  readonly email: RenderedEmail;
  /**
   * The purpose of the address the sender puts in Reply-To (a question's, or 'standing' for a
   * participant's standing address); undefined when the email has no reply address.
   */
  readonly replyPurpose: ReplyPurpose | undefined;
  /**
   * The context the sender stores with that question (its `ask`: goals, topics, sections asked
   * for): the reply reader reads the examples with it, as functions/inbound-mail.ts does.
   */
  readonly replyContext?: Record<string, unknown>;
  /** For a participant: who reads it and who their partner is. */
  readonly self?: Participant;
  readonly partner?: Participant;
  /** For an admin or a manager: the people the email is about, each named in full. */
  readonly about?: readonly Participant[];
  /** Ids the email knows a name or a name for (participant, pairing, program and run ids). */
  readonly ids: readonly string[];
  /** Links the sender passed in (answer links): the only https links the email may carry. */
  readonly links: readonly string[];
  /** The admin address the footer names. */
  readonly adminEmail: string;
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const firstName = (name: string) => name.trim().split(/\s+/)[0]!;

/** The readable text of an email: subject and plain-text part (the HTML is rendered from the same model). */
export function readableText(email: RenderedEmail): string {
  return `${email.subject}\n\n${email.text}`;
}

/**
 * Paragraphs, list items and headings, then sentences: a sentence ends at . ? or ! followed by a
 * space and a capital (so "1.5" or "e.g. this" stay whole).
 */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n\s*\n|\n(?=\s*(?:- |\d+\. ))|\n[=-]{3,}(?:\n|$)/)
    .map(flat)
    .flatMap((p) => p.split(/(?<=[.?!])\s+(?=[A-Z"(])/))
    .filter((s) => s !== '');
}

// ---- Voice: each reader is addressed as themselves ----

/** Words only a participant reads about their own pairing: never in an admin's or a manager's email. */
const PARTICIPANT_VOICE = [
  /\bwhich you ranked\b/i,
  /\bcan help you\b/i,
  /\bYou can (help|share)\b/,
  /\bYou will learn\b/,
  /\byou (are )?both\b/i,
  /\byour (partner|pairing|goals|mentor|mentee)\b/i,
  /\bwere you matched|you were matched|You are enrolled\b/i,
  /\bReply (STOP|PAUSE)\b/,
  /\benrolled in\b/i,
];

/** Sentences that speak about a participant's topics: the topic must be true for whoever it is said of. */
function topicClaims(sentence: string, self: Participant, partner: Participant): string[] {
  const problems: string[] = [];
  const me = firstName(self.name);
  const them = firstName(partner.name);
  const labelled = (ids: readonly string[]) => ids.map((id) => topicLabel(id).toLowerCase());
  const mentions = (ids: readonly string[], s: string) => labelled(ids).some((l) => s.toLowerCase().includes(l));
  const allTopics = [...new Set([...self.topicsOffered, ...self.topicsWanted, ...partner.topicsOffered, ...partner.topicsWanted])];
  const named = allTopics.filter((id) => sentence.toLowerCase().includes(topicLabel(id).toLowerCase()));
  if (named.length === 0) return problems;
  const claim = (re: RegExp, ok: (s: string) => boolean, what: string) => {
    if (re.test(sentence) && !ok(sentence)) problems.push(`"${sentence}" ${what}`);
  };
  claim(
    /which you ranked/i,
    (s) => mentions(self.topicsWanted, s.slice(0, s.search(/which you ranked/i))),
    `says the reader ranked a topic ${me} never asked for`,
  );
  claim(new RegExp(`which ${escapeRe(them)} ranked`), (s) => mentions(partner.topicsWanted, s), `says ${them} ranked a topic ${them} never asked for`);
  claim(/\bYou can help\b/, (s) => mentions(self.topicsOffered, s), `says the reader can help with a topic ${me} does not offer`);
  claim(/\bYou can share\b/, (s) => mentions(self.topicsOffered, s), `says the reader can share a topic ${me} does not offer`);
  claim(new RegExp(`^${escapeRe(them)} can (help|share)`), (s) => mentions(partner.topicsOffered, s), `says ${them} offers a topic ${them} does not offer`);
  claim(
    /\bYou will learn about\b/,
    (s) => mentions(self.topicsWanted, s) && mentions(partner.topicsOffered, s),
    'promises a topic the reader did not ask for or the partner does not offer',
  );
  return problems;
}

export function voiceProblems(d: Delivery): string[] {
  const problems: string[] = [];
  const text = readableText(d.email);
  const body = text.replace(/^Hello [^\n,]+,$/m, '');
  if (d.reader === 'mentor' || d.reader === 'mentee') {
    const self = d.self!;
    const partner = d.partner!;
    // The reader is "you": their own name appears only in the greeting.
    for (const name of new Set([self.name, firstName(self.name)])) {
      if (new RegExp(`(?<![\\p{L}])${escapeRe(name)}(?![\\p{L}])`, 'u').test(body)) problems.push(`names the reader (${name}) in the third person`);
    }
    // The partner by first name only; the full name is for the certificate and the admins.
    if (partner.name !== firstName(partner.name) && text.includes(partner.name)) problems.push(`names the partner by full name (${partner.name})`);
    if (/\((mentor|mentee)\)/.test(text)) problems.push('labels people "(mentor)" or "(mentee)" as an admin email does');
    for (const sentence of sentencesOf(text)) problems.push(...topicClaims(sentence, self, partner));
  } else {
    for (const sentence of sentencesOf(text)) {
      if (PARTICIPANT_VOICE.some((re) => re.test(sentence))) problems.push(`"${sentence}" speaks to a participant, but ${d.reader}s read it`);
    }
    // An admin reads both people in the third person, by full name.
    if (d.reader === 'admin') for (const p of d.about ?? []) if (!text.includes(p.name)) problems.push(`does not name ${p.name} in full`);
  }
  return problems;
}

// ---- Ids where names are known ----

/** The id formats of the project, and words that stand for an id. */
const ID_PATTERNS = [/\bpt_[a-z0-9]+/i, /\bpr_[a-z0-9]+/i, /\b(pairing|participant|program) ids?\b/i, /\bparticipant pt_/i];

export function idProblems(d: Delivery): string[] {
  const problems: string[] = [];
  // An id may appear in an admin API route, and a pairing once as "Reference: pairing <id>" for admins.
  let text = readableText(d.email).replace(/\/[\w{}-]+(\/[\w{}-]+)*/g, ' ');
  if (d.reader === 'admin') text = text.replace(/Reference: pairing\s+\S+/g, ' ');
  for (const re of ID_PATTERNS) {
    const m = re.exec(text);
    if (m) problems.push(`shows an id ("${m[0]}") where a name is known`);
  }
  for (const id of d.ids) {
    const spaced = id.replace(/[-_]/g, ' ');
    for (const form of new Set([id, spaced])) {
      if (new RegExp(`(?<![\\w])${escapeRe(form)}(?![\\w])`, 'i').test(text)) problems.push(`shows the id "${form}" where a name is known`);
    }
  }
  return problems;
}

// ---- Reply instructions: every "reply X" has an address that reads X as promised ----

// CONCERN opens a private case from any participant address (functions/domain/replies/concern.ts).
const STANDING_WORDS = new Set(['STOP', 'PAUSE', 'END', 'REMATCH', 'CONCERN']);

/** What each answer word promises, as the reply reader must read it for a purpose. */
type Promised = { reply: string; expect: (a: ReplyAnswer) => boolean; means: string };

function promiseOf(word: string, purpose: ReplyPurpose): Promised | undefined {
  const intent = (reply: string, i: ReplyAnswer['intent'], means: string): Promised => ({ reply, expect: (a) => a.intent === i, means });
  const decision = (reply: string, d: string): Promised => ({ reply, expect: (a) => a.decision === d, means: `the decision "${d}"` });
  if (purpose === 'admin-decision') {
    const decisions: Record<string, Promised> = {
      CONTINUE: decision('CONTINUE', 'continue'),
      // "PAUSE with a resume date": a bare PAUSE is asked again for the date.
      PAUSE: decision('PAUSE until 1 March', 'pause'),
      END: decision('END', 'end'),
      REMATCH: decision('REMATCH', 'rematch'),
    };
    // STOP in a participant's words means "I leave the program": nothing an admin can mean by it.
    return decisions[word] ?? (word === 'STOP' ? intent('STOP', 'stop', 'leaving the program') : undefined);
  }
  // An approval is an admin's APPROVE or REJECT: a concern is a participant's word, never read there.
  if (word === 'CONCERN' && purpose === 'approval') return undefined;
  // "NOT SURE" is an answer of the fit check only (elsewhere it reads as unclear).
  if (word === 'NOT SURE' && purpose !== 'fit') return undefined;
  // A standing address records commands only (functions/inbound-mail.ts): any answer word gets the help email.
  if (purpose === 'standing' && !STANDING_WORDS.has(word)) return undefined;
  const words: Record<string, Promised> = {
    YES: intent('YES', 'yes', 'yes'),
    NO: intent('NO', 'no', 'no'),
    APPROVE: intent('APPROVE', 'yes', 'approval'),
    REJECT: intent('REJECT', 'no', 'rejection'),
    STOP: intent('STOP', 'stop', 'leaving the program'),
    PAUSE: intent('PAUSE', 'pause', 'a pause'),
    END: intent('END', 'end', 'ending the pairing'),
    REMATCH: intent('REMATCH', 'rematch' as ReplyAnswer['intent'], 'a new partner'),
    CONCERN: {
      reply: 'CONCERN: we keep moving our meetings',
      expect: (a) => a.intent === 'concern' && a.note?.includes('moving our meetings') === true,
      means: 'a private concern for the program admins',
    },
    'NOT SURE': intent('NOT SURE', 'unsure', 'not sure'),
    // Goals come with the answer, one per line under GOALS:, read only where the question asked for them.
    GOALS: {
      reply: 'YES\nGOALS:\n1. Ship the weekly update in a shared doc',
      expect: (a) => a.intent === 'yes' && a.goals?.includes('Ship the weekly update in a shared doc') === true,
      means: 'goals for the pairing',
    },
    PROGRESS: { reply: 'PROGRESS 4', expect: (a) => a.rating === 4, means: 'a progress rating' },
    RECOMMEND: { reply: 'RECOMMEND 9', expect: (a) => a.score === 9, means: 'a recommendation score' },
    LEARNED: { reply: 'PROGRESS 4, RECOMMEND 9\nLEARNED: shared docs', expect: (a) => a.note?.includes('shared docs') === true, means: 'a note' },
    TAUGHT: { reply: 'PROGRESS 4, RECOMMEND 9\nTAUGHT: budgets', expect: (a) => a.note?.includes('budgets') === true, means: 'a note' },
  };
  return words[word];
}

/** Capitals that are words of the text, not answers (acronyms, the start of a quote). */
const NOT_ANSWER_WORDS = new Set(['AI', 'API', 'HR', 'SVG', 'OK', 'GET', 'POST', 'PATCH', 'I']);

/**
 * A reply sent to the introduction email, not to this one ("Reply YES to the introduction", "Reply NO
 * to your introduction email", "Once your introduction email arrives, reply NO to it"): the
 * introduction's own address (`acceptance`) must read it as promised.
 */
const TO_THE_INTRODUCTION = /^[Rr]eply(?: [A-Z][A-Z ]*?)? to (?:the introduction|your introduction email|it)\b/;
const toTheIntroduction = (sentence: string, rest: string) => TO_THE_INTRODUCTION.test(rest) && /\bintroduction\b/i.test(sentence);

/** The answer words each "reply ..." sentence asks for, with any quoted example reply; `to`: another email's address it goes to. */
export function replyInstructions(text: string): { sentence: string; words: string[]; examples: string[]; to?: ReplyPurpose }[] {
  const out: { sentence: string; words: string[]; examples: string[]; to?: ReplyPurpose }[] = [];
  for (const sentence of sentencesOf(text)) {
    // An instruction: "Reply X", "reply with X", "reply to this email ..."; not "your reply was ...".
    const at = sentence.search(/\b[Rr]eply (?:to this email\b|with\b|(?=[A-Z]{2}))/);
    if (at < 0) continue;
    const rest = sentence.slice(at);
    // "Reply to this email with your answer on the first line, for example:" introduces the examples.
    if (/^reply to this email with your answer on the first line/i.test(rest)) continue;
    // "NOT SURE" is one answer of two words (the fit check's).
    const words = [...rest.matchAll(/\bNOT SURE\b|\b[A-Z][A-Z-]+\b/g)].map((m) => m[0]).filter((w) => !NOT_ANSWER_WORDS.has(w));
    const examples = [...rest.matchAll(/"([A-Z][A-Z]+[^"]*)"/g)].map((m) => m[1]!);
    out.push({ sentence: rest, words, examples, ...(toTheIntroduction(sentence, rest) ? { to: 'acceptance' as const } : {}) });
  }
  return out;
}

/**
 * Lines that continue the reply above them, not replies of their own: the milestone's optional
 * lines, goals under GOALS: (numbered), a rating per topic ("AI tools: 2") or per goal ("GOAL 1: 3"),
 * the final review's sections (KEEP, CHANGE, VALUED, TRY) and SHARE on a line of its own.
 */
const CONTINUATION = /^(LEARNED|TAUGHT|GOALS|KEEP|CHANGE|VALUED|TRY):|^SHARE$|^\d+\. \S|^[A-Z][\w ,&'’-]*: [1-5]$/;

/** The example replies of a "How to answer" block, one per indented line (continuation lines joined). */
export function answerExamples(text: string): string[] {
  const at = text.indexOf('for example:\n\n');
  if (at < 0) return [];
  const block = text.slice(at + 'for example:\n\n'.length).split('\n\n')[0] ?? '';
  const examples: string[] = [];
  for (const line of block.split('\n').filter((l) => l.startsWith('    '))) {
    const example = line.trim();
    if (CONTINUATION.test(example) && examples.length > 0) examples[examples.length - 1] += `\n${example}`;
    else examples.push(example);
  }
  return examples;
}

const NOW = new Date('2027-02-01T10:00:00Z');
/** Purposes whose address takes any text as a note (an answer with free words). */
const TAKES_TEXT: readonly ReplyPurpose[] = ['acceptance', 'check-in', 'milestone', 'admin-decision'];

export function replyProblems(d: Delivery): string[] {
  const problems: string[] = [];
  const text = readableText(d.email);
  const purpose = d.replyPurpose;
  // The question's stored `ask`, as the inbound path passes it (askedOf over the question's context).
  const asked = askedOf(d.replyContext);
  for (const { sentence, words, examples, to } of replyInstructions(text)) {
    // Read by the address the reply goes to: this email's, or the introduction's.
    const readBy = to ?? purpose;
    if (readBy === undefined) {
      problems.push(`"${sentence}" asks for a reply, but the email has no reply address`);
      continue;
    }
    if (words.length === 0) {
      // "Reply to this email if ...": free text, which only a question's address records.
      if (!TAKES_TEXT.includes(readBy)) problems.push(`"${sentence}" asks for a written reply, but its ${readBy} address takes only commands`);
      continue;
    }
    for (const word of new Set(words)) {
      // DATA and ERASE: every address of a participant reads them first (inbound-mail.ts, readDataRightsRequest).
      if (word === 'DATA' || word === 'ERASE') {
        if (readBy === 'admin-decision' || readBy === 'approval' || readDataRightsRequest(word) !== word.toLowerCase())
          problems.push(`"${sentence}" asks for ${word}, which a ${readBy} address does not read as a data-rights request`);
        continue;
      }
      const promise = promiseOf(word, readBy);
      if (!promise) {
        problems.push(`"${sentence}" asks for ${word}, which a ${readBy} address does not take (teach the walk what ${word} promises if it should)`);
        continue;
      }
      const reading = interpretReply(promise.reply, readBy, { now: NOW, ...asked });
      if (!promise.expect(reading)) {
        problems.push(
          `"${sentence}" promises that ${word} means ${promise.means}, but a ${readBy} address reads "${promise.reply}" as ${JSON.stringify(reading)}`,
        );
      }
    }
    for (const example of examples) {
      const reading = interpretReply(example, readBy, { now: NOW, ...asked });
      const word = /^NOT SURE\b|^[A-Z]+/.exec(example)?.[0] ?? '';
      const promise = promiseOf(word, readBy);
      if (reading.intent === 'unclear' || (promise && !promise.expect(reading))) {
        problems.push(`"${sentence}" gives the example "${example}", which a ${readBy} address reads as ${JSON.stringify(reading)}`);
      }
    }
  }
  // Each example of "How to answer" is read as what its first word promises.
  for (const example of answerExamples(d.email.text)) {
    if (purpose === undefined) {
      problems.push(`shows the example reply "${example}", but the email has no reply address`);
      continue;
    }
    const reading = interpretReply(example, purpose, { now: NOW, ...asked });
    const word = /^NOT SURE\b|^[A-Z]+/.exec(example)?.[0] ?? '';
    const promise = promiseOf(word, purpose);
    if (reading.intent === 'unclear' || (promise !== undefined && !promise.expect(reading))) {
      problems.push(`the example reply "${example}" is read by its ${purpose} address as ${JSON.stringify(reading)}`);
    }
  }
  return problems;
}

// ---- Number agreement and repeated phrases ----

const NOUNS = 'meeting|check-in|pair|participant|person|review|session|introduction|reminder|answer|reply|email';
/** Amounts of time take a singular verb ("30 minutes is plenty"): checked for the noun only. */
const UNITS = 'week|day|month|hour|minute';
/** A number that is part of a name ("Day 30 review") counts nothing. */
const COUNT = '(?<!Day )';

export function grammarProblems(d: Delivery): string[] {
  const problems: string[] = [];
  for (const sentence of sentencesOf(readableText(d.email))) {
    const one = new RegExp(`${COUNT}\\b1 (more )?(${NOUNS}|${UNITS})s\\b|\\b1 (more )?people\\b`).exec(sentence);
    if (one) problems.push(`"${sentence}": "${one[0]}" does not agree in number`);
    const many = new RegExp(`${COUNT}\\b([02-9]|\\d{2,}) (more )?(${NOUNS}|${UNITS})\\b(?![s-])|\\b([02-9]|\\d{2,}) (more )?person\\b`).exec(sentence);
    if (many) problems.push(`"${sentence}": "${many[0]}" does not agree in number`);
    const oneVerb = new RegExp(`${COUNT}\\b1 (${NOUNS})\\b[^,.:;]*? (are|have|were)\\b`).exec(sentence);
    if (oneVerb) problems.push(`"${sentence}": "${oneVerb[0]}" does not agree in number`);
    const manyVerb = new RegExp(`${COUNT}\\b([02-9]|\\d{2,}) (${NOUNS})s\\b[^,.:;]*? (is|has|was)\\b`).exec(sentence);
    if (manyVerb) problems.push(`"${sentence}": "${manyVerb[0]}" does not agree in number`);
    // A word group said twice in a row ("the the", "the program admin, the program admin"); the
    // "in" of "check-in in a row" is part of a word.
    const twice = /(?<![\w-])(\w+(?:\s+\w+)*)[,;]?\s+\1\b(?!\.\w)/i.exec(sentence);
    if (twice) problems.push(`"${sentence}" repeats "${twice[1]}"`);
    // A role named twice in one sentence ("the program team ... the program admin").
    const roles = sentence.match(/\bthe program (admin|team)\b/gi) ?? [];
    if (roles.length > 1) problems.push(`"${sentence}" names the program admin twice`);
  }
  return problems;
}

// ---- Links: only to routes that exist ----

const ROOT = path.join(__dirname, '..', '..', '..');

export interface Route {
  readonly method: string;
  readonly path: string;
}

/** The routes deployed on the API (lib/workflow-stack.ts), each also handled by a router in functions/. */
export function deployedRoutes(): Route[] {
  const stack = fs.readFileSync(path.join(ROOT, 'lib', 'workflow-stack.ts'), 'utf8');
  const deployed = [...stack.matchAll(/HttpMethod\.(\w+),\s*(?:path:\s*)?'(\/[^']*)'/g)].map((m) => ({ method: m[1]!, path: m[2]! }));
  // Routes added in a loop: `for (const path of ['/a', '/b']) ... HttpMethod.POST, path: `/prefix${path}``.
  for (const m of stack.matchAll(
    /for \(const path of \[([^\]]*)\]\) \{\s*this\.api\.addRoute\(\{ method: apigw\.HttpMethod\.(\w+), path: `([^`$]*)\$\{path\}`/g,
  )) {
    for (const [, tail] of m[1]!.matchAll(/'([^']*)'/g)) deployed.push({ method: m[2]!, path: `${m[3]}${tail}` });
  }
  const handled = new Set<string>();
  for (const file of fs.readdirSync(path.join(ROOT, 'functions')).filter((f) => f.endsWith('.ts'))) {
    const source = fs.readFileSync(path.join(ROOT, 'functions', file), 'utf8');
    for (const m of source.matchAll(/method:\s*'(\w+)',\s*path:\s*'(\/[^']*)'/g)) handled.add(`${m[1]} ${m[2]}`);
    // Routes under a shared prefix: `const base = '/x';` and `path: `${base}/y``.
    const base = /const base = '(\/[^']*)';/.exec(source)?.[1];
    if (base) for (const m of source.matchAll(/method:\s*'(\w+)',\s*path:\s*`\$\{base\}([^`]*)`/g)) handled.add(`${m[1]} ${base}${m[2]}`);
  }
  return deployed.filter((r) => handled.has(`${r.method} ${r.path}`));
}

function matchesRoute(method: string | undefined, urlPath: string, routes: readonly Route[]): boolean {
  const clean = urlPath.replace(/[.,;:)]+$/, '');
  return routes.some((r) => {
    if (method !== undefined && r.method !== method) return false;
    const re = new RegExp(
      `^${r.path
        .split(/\{[^}]+\}/)
        .map(escapeRe)
        .join('[^/\\s]+')}$`,
    );
    return re.test(clean);
  });
}

export function linkProblems(d: Delivery, routes: readonly Route[]): string[] {
  const problems: string[] = [];
  for (const [, href] of d.email.html.matchAll(/<a href="([^"]*)"/g)) {
    const url = href!.replace(/&amp;/g, '&');
    if (url.startsWith('mailto:')) {
      if (url !== `mailto:${d.adminEmail}`) problems.push(`links to ${url}, which is not the program admin's address`);
      continue;
    }
    if (!d.links.includes(url)) problems.push(`links to ${url}, which the sender did not give it`);
    else if (!matchesRoute('GET', new URL(url).pathname, routes)) problems.push(`links to ${url}, a page no route serves`);
  }
  // Flattened: the plain-text part may wrap between a method and its path.
  const text = flat(readableText(d.email));
  for (const m of text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE) (\/\S+)/g)) {
    if (!matchesRoute(m[1], m[2]!, routes)) problems.push(`points to ${m[1]} ${m[2]}, which the API does not have`);
  }
  // "/resume or /end" after a POST route: each alternative must exist too.
  for (const m of text.matchAll(/POST (\/pairings\/\{pairingId\})\/\w+,? \/(\w+) or \/(\w+)/g)) {
    for (const tail of [m[2], m[3]])
      if (!matchesRoute('POST', `${m[1]}/${tail}`, routes)) problems.push(`points to POST ${m[1]}/${tail}, which the API does not have`);
  }
  if (/\bconsole\b/i.test(text)) problems.push('points to a console, which does not exist');
  return problems;
}

export function allProblems(d: Delivery, routes: readonly Route[]): string[] {
  return [...voiceProblems(d), ...idProblems(d), ...replyProblems(d), ...grammarProblems(d), ...linkProblems(d, routes)];
}
