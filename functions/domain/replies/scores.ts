/**
 * Ratings (1-5) and scores (0-10) in a reply. A bare number counts only where the answer opens
 * ("4", "Yes, 4 - great chat"); elsewhere it must be marked ("4/5", "9 out of 10", "Rating: 4",
 * "★★★★"), so "we met for 2 hours on the 3rd" yields no rating.
 */
export interface NumberAnswer {
  readonly value: number;
  /** The scale the person named ("/5", "stars", "Progress:"), or null for a bare number. */
  readonly scale: 5 | 10 | null;
  /** Where the number and its marks were written, to cut them out of the note. */
  readonly start: number;
  readonly end: number;
}

const SCALE_AFTER = /^\s*(?:\/|out of|of|von|sur|su|de|op|av|z|na)\s*(5|10)(?![\p{N}/.,]\p{N}|\p{N})/iu;
const STARS_AFTER = /^\s*(?:stars?|sterne?|étoiles?|estrellas?|stelle|estrelas|sterren|gwiazdk[ia]|stjärnor|★|⭐)/iu;
const NOT_A_RATING_AFTER =
  /^(?:[.,:/-]\p{N}|\s*(?:h|hrs?|hours?|min|mins|minutes?|days?|weeks?|months?|years?|times?|x|am|pm|a\.m|p\.m|uhr|std|stunden?|tage?|wochen?|monate?|mal|heures?|jours?|semaines?|mois|fois|horas?|días?|semanas?|meses|veces|ore|giorni|settimane|volte|vezes|uur|dagen|weken|keer|godzin[ay]?|dni|razy|timmar|dagar|veckor|gånger|%|€|\$|£|時間|日|回|小时|天|次)(?![\p{L}]))/iu;

const RATING_LABEL =
  'rating|rate|rated|progress|fortschritt|bewertung|progrès|progres|évaluation|progreso|valoración|progresso|valutazione|avaliação|voortgang|beoordeling|postęp|ocena|framsteg|betyg|進捗|評価|进展|评分|प्रगति|stars';
const SCORE_LABEL =
  'score|recommend|recommendation|nps|likely to recommend|empfehlung|weiterempfehlen|recommander|recommandation|recomendar|recomendación|recomendacion|raccomandare|raccomanderesti|consiglieresti|recomendaria|aanbevelen|aanraden|polecić|polecenie|rekommendera|推荐|おすすめ|推奨|सिफारिश';
const LABELLED = new RegExp(
  `(?<![\\p{L}])(${RATING_LABEL}|${SCORE_LABEL})[\\p{L}]*(?:\\s+(?:it|this|the program|the programme)(?![\\p{L}]))?\\s*(?:\\(\\s*\\d+\\s*[-–]\\s*\\d+\\s*\\))?\\s*[,:=\\-–]?\\s*(\\d{1,2})(?![\\p{N}.,]\\p{N}|\\p{N})(?:\\s*(?:\\/|out of|von|sur|su|op|av|z|na)\\s*(?:5|10)(?![\\p{N}/.,]\\p{N}|\\p{N}))?`,
  'giu',
);
/** A labelled number takes its written scale with it ("PROGRESS 4/5", "Recommend: 9 out of 10"), so no "/5" is left in the note. */
const SCORE_LABEL_ONLY = new RegExp(`^(${SCORE_LABEL})`, 'iu');

/** A number at `at` in `text` with its optional scale, or null when it reads as a time, date or amount. */
export function numberAt(text: string, at: number): NumberAnswer | null {
  const m = /^(\d{1,2})(?!\p{N})/u.exec(text.slice(at));
  if (!m) return null;
  const value = Number(m[1]);
  const after = text.slice(at + m[0].length);
  const scaled = SCALE_AFTER.exec(after);
  if (scaled) return { value, scale: scaled[1] === '5' ? 5 : 10, start: at, end: at + m[0].length + scaled[0].length };
  const stars = STARS_AFTER.exec(after);
  if (stars) return { value, scale: 5, start: at, end: at + m[0].length + stars[0].length };
  if (NOT_A_RATING_AFTER.test(after)) return null;
  return { value, scale: null, start: at, end: at + m[0].length };
}

/** The progress words of RATING_LABEL: the word a review's first question is asked with. */
const PROGRESS_WORDS = 'progress|fortschritte?|progrès|progres|progreso|progresso|progressi|voortgang|postęp|framsteg';
/**
 * Words that may stand between "progress" and its number in a sentence ("Progress is about 3",
 * "mein Fortschritt liegt bei etwa 3", "le progrès est d'environ 3"): a verb of being, a hedge, an
 * article, "I'd say". Only these, so "progress in 2 areas" or "progress since 1 March" is no rating.
 */
const PROGRESS_FILLER =
  "is|was|'s|are|has been|have been|about|around|roughly|approximately|approx|maybe|perhaps|probably|likely|like|a|an|at|solid|good|decent|i'd|i|would|say|rate|rated|it|so far|now|currently|overall|honestly|definitely|still|ist|war|liegt|lag|bei|etwa|ungefähr|circa|ca|eine?|würde|ich|sagen|mein|meine|est|était|d'environ|environ|à|a|de|je|dirais|mon|ma|plutôt|autour|un|une|es|fue|está|unos|alrededor|diría|yo|mi|è|era|intorno|al|sul|direi|il|mio|é|foi|cerca|uns|um|uma|diria|eu|meu|ongeveer|rond|zo'n|een|zou|ik|zeggen|mijn";
/** What may follow the number of "Progress is about 3" in its sentence: nothing, punctuation, or a word that opens a new clause ("3 I would say", "3 but"). */
const PROGRESS_NUMBER_END =
  /^(?:\s*$|\s*[^\p{L}\p{N}\s]|\s+(?:i|i'd|i'm|we|so|now|or|ish|maybe|probably|perhaps|overall|already|but|and|though|ich|würde|wir|aber|und|oder|je|mais|et|ou|nous|yo|pero|y|o|diría|direi|ma|io|eu|mas|ik|maar|en)(?![\p{L}']))/iu;
const PROGRESS_PHRASE = new RegExp(
  `(?<![\\p{L}])(?:${PROGRESS_WORDS})(?![\\p{L}])\\s*[:=\\-–]?(?:\\s+(?:${PROGRESS_FILLER})(?![\\p{L}'])){1,4}\\s*[:=\\-–]?\\s*(?=\\d)`,
  'giu',
);

/**
 * "Progress is about 3 I would say": the word progress followed, in its sentence, by a few words
 * that only lead to the number (PROGRESS_FILLER) and a number 1-5 that ends there or opens a new
 * clause, read as the progress rating, as "PROGRESS 3" is. Not "progress in 2 areas", "progress on
 * 3 topics" or "progress about 3 hours a week".
 */
function progressPhrases(text: string): NumberAnswer[] {
  return ratingsAfter(text, PROGRESS_PHRASE, PROGRESS_NUMBER_END);
}

/** Ratings 1 to 5 after each match of `lead`: marked with their scale, or bare when `ends` follows them. */
function ratingsAfter(text: string, lead: RegExp, ends: RegExp): NumberAnswer[] {
  const found: NumberAnswer[] = [];
  for (const m of text.matchAll(lead)) {
    const start = m.index ?? 0;
    const n = numberAt(text, start + m[0].length);
    if (!n || n.value < 1 || n.value > 5 || n.scale === 10) continue;
    if (n.scale === null && !ends.test(text.slice(n.end))) continue;
    found.push({ value: n.value, scale: 5, start, end: n.end });
  }
  return found;
}

/**
 * "I'd give it a 4", "It was a solid 4", "Gave today's session a 5/5": a rating in words, read as
 * "Rating: 4" is. Only 1 to 5, and only where the number closes its clause or names its scale, so
 * "it was a 2 hour chat" and "gave it a 2nd try" are no ratings.
 */
const RATING_IN_WORDS =
  /(?<![\p{L}])(?:(?:(?:i'd|i would|i'll|i will|i|we'd|we would|we)\s+)?(?:give|gave)\s+(?:it|this|this one|the session|the meeting|today|today's session|our session)\s+(?:an?\s+)?(?:solid\s+|strong\s+|clear\s+)?|(?:it was|it's|it is|that was|this was|that's|this one was)\s+(?:an?\s+)(?:solid\s+|strong\s+|clear\s+)?)(?=\d)/giu;
/** What may follow a number that closes its clause: the end, punctuation, a new line or a dash. */
const CLAUSE_ENDS = /^[^\S\n]*(?:$|[.!?;,\n]|[-–—]\s)/u;

function ratingsInWords(text: string): NumberAnswer[] {
  return ratingsAfter(text, RATING_IN_WORDS, CLAUSE_ENDS);
}

/** Numbers that are marked as ratings or scores anywhere in the text, in order. */
export function markedNumbers(text: string): NumberAnswer[] {
  const found: NumberAnswer[] = [];
  for (const m of text.matchAll(LABELLED)) {
    const start = m.index ?? 0;
    // "Good progress, 4." reads; "Progress, 2 goals done" does not: after a comma the number must close its clause.
    if (/^[^\d]*,/u.test(m[0]) && !CLAUSE_ENDS.test(text.slice(start + m[0].length))) continue;
    found.push({ value: Number(m[2]), scale: SCORE_LABEL_ONLY.test(m[1] ?? '') ? 10 : 5, start, end: start + m[0].length });
  }
  for (const n of [...progressPhrases(text), ...ratingsInWords(text)]) if (!found.some((f) => f.start < n.end && n.start < f.end)) found.push(n);
  for (const m of text.matchAll(/(?<![\p{L}\p{N}.,:/])\d{1,2}(?!\p{N})/gu)) {
    const n = numberAt(text, m.index ?? 0);
    if (n && n.scale !== null && !found.some((f) => f.start <= n.start && n.start < f.end)) found.push(n);
  }
  for (const m of text.matchAll(/[★⭐]{1,10}/gu)) {
    const start = m.index ?? 0;
    if (found.some((f) => f.start <= start && start < f.end)) continue;
    found.push({ value: [...m[0]].length, scale: 5, start, end: start + m[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * A bare number that ends the answer's line after a comma or a full stop: "Yes we met, 4",
 * "はい、会いました。4", "Yes we met, 5." (QA replies6: it was left in the note in silence). Not a
 * number after a word ("room 12", "Dec 4"), after an abbreviation ("Dec. 4", "No. 3") or after a
 * number ("4.5", "10:30").
 */
const ENDING_NUMBER = /(?<![\p{N}])(?:[,，、。.!！;；:：]|\s[-–—])\s*(\d{1,2})\s*[.!。！]?\s*$/u;
const ABBREVIATION_BEFORE = /(?<![\p{L}])(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|no|nos|nr|p|pp|vol|ch|art|fig)\.\s*$/iu;

export function numberEndingLine(line: string): NumberAnswer | null {
  const m = ENDING_NUMBER.exec(line);
  if (!m || ABBREVIATION_BEFORE.test(line.slice(0, m.index + 1))) return null;
  const at = m.index + m[0].indexOf(m[1]!);
  return numberAt(line, at);
}

/**
 * A bare number that closes a clause of the answer's line after a comma or a dash, with more of the
 * line after it: "Yes we met on Monday, 4 - she showed me Copilot", "Met on Monday, 4. Great chat"
 * (it was left in the note in silence, as one ending the line once was). Only one such number on
 * the line counts: "Yes, 2, 3 - ..." reads none. Never one that reads as an amount ("4 hours").
 */
const CLOSING_NUMBER = /(?<![\p{N}])(?:[,，、;；]|\s[-–—])\s*(\d{1,2})(?=[ \t]*(?:[.!;](?:\s|$)|[-–—]\s|,\s))/gu;

export function numberClosingClause(line: string): NumberAnswer | null {
  const found = [...line.matchAll(CLOSING_NUMBER)];
  if (found.length !== 1) return null;
  const m = found[0]!;
  return numberAt(line, m.index + m[0].indexOf(m[1]!));
}
