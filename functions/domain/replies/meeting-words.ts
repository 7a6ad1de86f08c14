/**
 * How people answer a check-in ("Did you meet since ...?") in their own words when no YES or NO
 * opens the reply: "Met on Monday, 4", "Had a great session!", "We caught up over coffee", "Spoke
 * on Thursday" are a yes; "Not had the chance yet", "Haven't found the time", "Had to cancel",
 * "Postponed to next week", "Missed this one" are a no. Read only for the check-in (interpret.ts),
 * the one question these words answer, and only where they open the reply (after the openings the
 * reader already skips). A yes whose own sentence plans, moves or calls off the meeting ("Had a
 * session planned, but she was ill", "Spoke about finding a date") answers nothing, and neither does
 * a reply that holds both kinds ("Cancelled the first one, met on Friday"): the person is asked
 * again, as a wrong answer costs more than one more question. English, and a few German and Dutch
 * sentences whose verb comes last ("Wir haben uns am Montag getroffen"). All text here is lower
 * case (lowerSameLength), so lengths match the written text.
 */
import type { Cue, Polarity } from './lexicon';

const END = '(?![\\p{L}\\p{N}])';
const START = '(?<![\\p{L}\\p{N}])';
const WHO = "(?:(?:we|i|she|he|they)(?:'ve| have)? )?";
const KIND =
  '(?:session|meeting|chat|call|catch[- ]?up|coffee|conversation|talk|discussion|1:1|1-1|one[- ]to[- ]one|one[- ]on[- ]one|check[- ]in|lunch|walk|video call|zoom|teams call)';

const SOON = '(?:just |finally |already |briefly |properly )?';
const VERY = '(?:really |very |so |quite |pretty |super |extremely )?';
const GOOD =
  '(?:good|great|useful|helpful|productive|insightful|excellent|fantastic|brilliant|lovely|fun|interesting|nice|solid|wonderful|inspiring|amazing|valuable)';
/** "Met with" a result is no meeting: "Met with resistance". */
const MET = `met(?: up)?(?! with (?:resistance|silence|criticism|success|approval|problems|issues|difficulties|delays))`;

/** Up to four words between, none of them a negation (`not`, an alternation): "am Montag", "maandag". */
const FEW_WORDS_NOT = (not: string) => `(?:(?!(?:${not})${END})[\\p{L}\\p{N}.]+ ){0,4}?`;

/** Words that tell of a meeting held, as they open the reply. */
const HELD = new RegExp(
  `^(?:${[
    `${WHO}${SOON}(?:${MET}|caught up|got together|sat down together)`,
    `${WHO}${SOON}(?:had|did) (?:a|an|our|the|my|another|one more) (?:[\\p{L}-]+ ){0,3}?${KIND}s?`,
    `${WHO}${SOON}had (?:lunch|coffee|breakfast|dinner|drinks) together`,
    `${WHO}${SOON}had (?:a )?${VERY}${GOOD} (?:time|hour|morning|afternoon)`,
    // "It went well, 4", "The session was really useful".
    // Never "It was great to hear from you", "It was fine to skip this week": about something else.
    `(?:it|the ${KIND}|our ${KIND}|our first ${KIND}|that|this one) (?:went|was) ${VERY}(?:well|${GOOD}|fine|ok|okay)(?!,? to )`,
    // "Good session, 4", "Really useful session!", "Another great catch-up"; not "Good call" (a choice well made).
    `(?:(?:a|another|one more) )?${VERY}(?!good call${END})${GOOD} ${KIND}`,
    "(?:we've|we have) been meeting",
    // German and Dutch put the verb last: "Wir haben uns am Montag getroffen", "We hebben elkaar maandag gezien".
    `(?:wir )?(?:haben|hatten) uns ${FEW_WORDS_NOT('nicht|kein\\p{L}*|nie')}(?:getroffen|gesehen|ausgetauscht|unterhalten)`,
    `(?:wir )?(?:hatten|haben) (?:ein|einen) ${FEW_WORDS_NOT('nicht|kein\\p{L}*|nie')}(?:gespräch|treffen|austausch|termin)`,
    `(?:we |wij )?hebben elkaar ${FEW_WORDS_NOT('niet|nog niet|nooit')}(?:gezien|gesproken|ontmoet)`,
    `(?:we |wij )?hadden (?:een )?${FEW_WORDS_NOT('niet|geen')}(?:gesprek|afspraak|sessie)`,
  ].join('|')})${END}`,
  'u',
);

/** Words that may tell of a meeting or only of arranging one: a yes unless their sentence looks ahead ("Spoke to her, we meet next Tuesday"). */
const SPOKE = new RegExp(`^${WHO}${SOON}(?:spoke|talked|chatted)${END}`, 'u');
const AHEAD = new RegExp(`${START}(?:will|'ll|going to|next|tomorrow|later|soon|plan|planning|hope|hoping|try|trying|want to|would like to|meet)${END}`, 'u');

/** Words that tell the meeting did not happen, as they open the reply. */
const NOT_HELD = new RegExp(
  '^(?:' +
    [
      `${WHO}(?:haven't|have not|hasn't|has not|didn't|did not|couldn't|could not|not)(?: yet| really| quite)? (?:had|have|get|got|find|found|manage|managed|made|make) (?:a |the |any |enough )?(?:chance|time|opportunity|slot)`,
      `${WHO}(?:(?:had|have had|needed) to )?(?:cancel(?:l?ed)?|postpone[d]?|reschedule[d]?|call(?:ed)? (?:it|the \\p{L}+) off)`,
      `${WHO}(?:missed|skipped) (?:it|this|that|the|our|last|this)`,
      'no luck(?: yet)?',
      'nothing yet',
      'still (?:waiting|trying)',
    ].join('|') +
    `)${END}`,
  'u',
);

/** A yes's own sentence that plans, moves or calls off the meeting rather than tells of it held. */
const NOT_YET_HELD = new RegExp(
  `${START}(?:planned|scheduled|booked|arranged|pencil(?:l?ed)? in|in the diary|(?:to|about) (?:find|finding|arrange|arranging|schedule|scheduling|book|booking|set up|setting up|plan|planning|meet|meeting|reschedul\\p{L}*)|cancel\\p{L}*|postpon\\p{L}*|reschedul\\p{L}*|fell through|called off|couldn't|could not|never)${END}`,
  'u',
);

/** A word anywhere in the reply that tells of the other answer (the lexicon's plain phrases, "we did not meet", are weighed by interpret.ts). */
const OPPOSITE: Record<Polarity, RegExp> = {
  yes: new RegExp(`${START}(?:cancel\\p{L}*|postpon\\p{L}*|reschedul\\p{L}*|called (?:it|the \\p{L}+) off|fell through)${END}`, 'u'),
  no: new RegExp(`${START}(?:yes|met|caught up|got together|had (?:a|an|our) (?:[\\p{L}-]+ ){0,3}?${KIND})${END}`, 'u'),
};

const SENTENCE = /^[^.!?;\n]*/u;

/**
 * The check-in's answer in the person's own words opening `lower` at `at`, as a cue whose text is
 * the words that answered, or undefined when they give none.
 */
export function meetingWordsAt(lower: string, at: number): Cue | undefined {
  const rest = lower.slice(at);
  const saysHeld = HELD.exec(rest);
  const spoke = saysHeld ? null : SPOKE.exec(rest);
  const held = saysHeld ?? spoke;
  const notHeld = held ? null : NOT_HELD.exec(rest);
  const found = held ?? notHeld;
  if (!found) return undefined;
  const polarity: Polarity = held ? 'yes' : 'no';
  const after = rest.slice(found[0].length);
  const sentence = SENTENCE.exec(after)?.[0] ?? '';
  if (polarity === 'yes' && NOT_YET_HELD.test(sentence)) return undefined;
  if (spoke && AHEAD.test(sentence)) return undefined;
  if (OPPOSITE[polarity].test(after)) return undefined;
  return { text: found[0], polarity, anywhere: false, prefix: false };
}
