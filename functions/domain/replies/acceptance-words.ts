/**
 * How people answer an introduction in their own words when no YES or NO opens the reply ("Happy
 * to!", "I'd love to", "Looking forward to meeting Noa", "Not for me", "I'll pass this time").
 * Read only for the introduction (interpret.ts), where such words can answer nothing else: to "Did
 * you meet?" a "Looking forward to it" is no answer. The phrase opens the reply, or follows one
 * opening clause of thanks or apology ("Thanks for the introduction, happy to meet Noa!", "Sorry,
 * I can't take this on"). A yes that the rest of its line takes back ("I'd love to, but I
 * can't") answers nothing: the person is asked again, as for any unclear reply.
 */
import type { Polarity } from './lexicon';

/** "Happy to", never "Happy to hear from you": the gladness is about the email, not a yes. */
const GLAD_TO = `(?:happy|glad|delighted|thrilled|keen|excited) to(?!\\s+(?:hear|read|receive|learn|know)(?![\\p{L}]))`;

/** Phrases that accept, as they open a reply (lower case; `'` stands for either apostrophe). */
const YES = [
  // en
  `(?:i'd|i would|i'm|i am) (?:be )?(?:very |more than |really |so )?${GLAD_TO}`,
  `(?:very |more than |really |so )?${GLAD_TO}`,
  "(?:i'd|i would|would) (?:really )?love to",
  'love to',
  "(?:i'd|i would) like that",
  "(?:i'm |i am |really )?looking forward",
  'i (?:really )?look forward',
  // "I'm in." alone, never "I'm in a meeting" or "I'm in London next week".
  "(?:i'm|i am) in(?=\\s*(?:$|[!.,;:]))",
  "i'm up for it",
  'up for it',
  'sounds (?:great|lovely|perfect|wonderful|fantastic|excellent|fine)',
  "let's do (?:it|this)",
  'works for me',
  'count on me',
  'with pleasure',
  'gladly',
  "let's go(?=\\s*(?:$|[!.,;:]))",
  'go for it',
  'looks (?:good|great|fine|perfect)',
  'sounds like a plan',
  'that works(?: for me)?(?=\\s*(?:$|[!.,;:]))',
  // "I would be delighted", "I'd be honoured!": the gladness alone, as "Delighted!" below.
  "(?:i'd|i would|i'll|i will|would) be (?:very |more than |really |so )?(?:happy|glad|delighted|thrilled|pleased|honou?red)(?=\\s*(?:$|[!.,;:]))",
  // "Delighted!" alone (with "to", above).
  '(?:delighted|thrilled)(?=\\s*(?:$|[!.,;:]))',
  // A word of delight alone is a yes ("Great!", "Perfect, thank you"); "Great question" is not.
  '(?:great|perfect|excellent|wonderful|fantastic|lovely|brilliant)(?=\\s*(?:$|[!.,;:]))',
  // de, fr, es, it, nl, pt
  'sehr gerne',
  'mit vergnügen',
  'ich freue mich',
  'avec joie',
  'je serais ravie?',
  'ravie?',
  'con gusto',
  'encantad[oa]',
  'me encantaría',
  'con piacere',
  'mi farebbe piacere',
  'graag',
  'met plezier',
  'com prazer',
  'adoraria',
];

/** Phrases that turn the introduction down. */
const NO = [
  // A no that also reads as leaving the program ("Count me out") is asked about by interpret.ts, offering NO and STOP.
  'count me out',
  'not for me',
  'not this time',
  "(?:i'm |i am )?not interested",
  "i(?:'ll| will)(?: have to)? (?:pass|decline)",
  "i(?:'m| am) going to have to (?:pass|decline)",
  'i (?:have to|must|need to) (?:pass|decline)',
  // "Not right now", "Too busy this quarter", "I don't have time at the moment": a no for now, and a
  // day they give is read as their return (rematch-policy.ts); words it cannot read are asked about.
  'not (?:right )?now',
  'not at the moment',
  "(?:i'm |i am |i'm just |i am just )?(?:too busy|swamped|at capacity)",
  "i (?:don't|do not) have (?:the )?(?:time|capacity|bandwidth)",
  "(?:can't|cannot) commit",
  "i'd rather not",
  'i would rather not',
  'thanks,? but no thanks',
  "i(?: can't|cannot| can not| won't be able to| will not be able to| am not able to|'m not able to|'m unable to| am unable to) (?:take part|take this on|do it|do this|commit|participate|join)",
  // "I can't." alone, never "I can't wait to meet her".
  "i (?:can't|cannot)(?=\\s*(?:$|[!.,;:]))",
  // de, fr, es, it, nl, pt
  'leider nicht',
  'ohne mich',
  'sans moi',
  'je ne peux pas',
  'no puedo',
  'non posso',
  'ik kan niet',
  'não posso',
];

/** One opening clause of thanks or apology, which answers nothing: "Thanks for the intro, ", "Sorry! ". */
const COURTESY =
  /^(?:(?:many |a lot of )?thanks|thank you|thx|sorry|apologies|so sorry|i'm sorry|danke|merci|gracias|grazie|bedankt|obrigad[oa])(?![\p{L}])[^.!?,;\n]*[.!?,;\n]+\s*/u;

/** The length of one opening clause of thanks or apology in `lower` ("Thanks for checking in. "), or 0. */
export function courtesyOpening(lower: string): number {
  return COURTESY.exec(lower)?.[0].length ?? 0;
}

const phrase = (list: readonly string[], before = '') => new RegExp(`^${before}(?:${list.join('|')})(?![\\p{L}\\p{N}])`, 'u');
const YES_PHRASE = phrase(YES);
/** A word of regret before a no answers nothing of its own: "Unfortunately I'm too busy", "Sadly, not right now". */
const NO_PHRASE = phrase(NO, "(?:(?:unfortunately|sadly|regrettably|i'm afraid|i am afraid),?\\s+)?");

/** The rest of an answer's line that says one of `words` after a "but" (in the languages read here). */
const butThen = (words: string) =>
  new RegExp(`^[^\\n]*(?<![\\p{L}])(?:but|aber|mais|pero|ma|maar)(?![\\p{L}])[^\\n]*(?<![\\p{L}])(?:${words})(?![\\p{L}])`, 'u');

/** "..., but I can't", "Great! But I'll pass": the rest of the yes's line takes it back. */
const TAKEN_BACK = butThen("not|never|cannot|can't|won't|unable|pass|decline|rather|nicht|pas|no|non|não|niet");

/** "..., but happy to", "Not right now, but yes in March": the rest of a no's line says yes after a "but". */
const NO_TAKEN_BACK = butThen('yes|happy|glad|gladly|love|keen|willing|sure|ok|okay|can|could|would|will');

export interface OwnWords {
  readonly polarity: Polarity;
  /** The words that answered, as written. */
  readonly written: string;
}

/** The answer the introduction's reply gives in its own words, or undefined when it gives none. */
export function acceptanceInWords(text: string): OwnWords | undefined {
  const written = text.trimStart();
  const lower = written.replace(/[‘’]/gu, "'").toLowerCase();
  // Lower-casing keeps the length of what these phrases hold, so places in `lower` are places in `written`.
  if (lower.length !== written.length) return undefined;
  const courtesy = courtesyOpening(lower);
  for (const at of courtesy > 0 ? [0, courtesy] : [0]) {
    const rest = lower.slice(at);
    const no = NO_PHRASE.exec(rest);
    // "Swamped at the moment, but happy to start in January": a no the rest of its line turns to a yes answers nothing.
    if (no && NO_TAKEN_BACK.test(rest.slice(no[0].length))) return undefined;
    if (no) return { polarity: 'no', written: written.slice(at, at + no[0].length) };
    const yes = YES_PHRASE.exec(rest);
    if (yes && !TAKEN_BACK.test(rest.slice(yes[0].length))) return { polarity: 'yes', written: written.slice(at, at + yes[0].length) };
    if (yes) return undefined;
  }
  return undefined;
}
