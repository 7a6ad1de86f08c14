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
  `(?<![\\p{L}])(${RATING_LABEL}|${SCORE_LABEL})[\\p{L}]*\\s*(?:\\(\\s*\\d+\\s*[-–]\\s*\\d+\\s*\\))?\\s*[:=\\-–]?\\s*(\\d{1,2})(?![\\p{N}.,]\\p{N}|\\p{N})(?:\\s*(?:\\/|out of|von|sur|su|op|av|z|na)\\s*(?:5|10)(?![\\p{N}/.,]\\p{N}|\\p{N}))?`,
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

/** Numbers that are marked as ratings or scores anywhere in the text, in order. */
export function markedNumbers(text: string): NumberAnswer[] {
  const found: NumberAnswer[] = [];
  for (const m of text.matchAll(LABELLED)) {
    const start = m.index ?? 0;
    found.push({ value: Number(m[2]), scale: SCORE_LABEL_ONLY.test(m[1] ?? '') ? 10 : 5, start, end: start + m[0].length });
  }
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
