import { DEFAULT_TOPICS } from '../topics';

/**
 * The shape of a 1-5 rating per topic in a reply ("AI tools: 2", "Social media 3", several on one
 * line separated by ",", ";" or "/"), shared by the reader of the ratings that were asked and by the
 * goals reader, which must never take a rating for a goal: a person rates every topic they chose,
 * including one the email did not ask about because their partner does not offer it.
 */

export const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A label, then the number (after ":", "=", "-" or a space), optionally "/5" or "out of 5". */
export const RATING_SEGMENT = /^\s*(?:[-*•·]\s*)?(.*?[\p{L}\p{N})])\s*[:=\-–—]?\s*(\d{1,2})(\s*(?:\/|out of|of)\s*5)?\s*[.!]?\s*$/u;

/**
 * Between ratings on one line: "," or ";", or a "/" after a number and before a word ("AI tools: 1 /
 * Social media 2"), never the "/" of "3/5" or of a label ("AI/ML tools: 3").
 */
export const RATING_SEPARATOR = /([,;]|(?<=\d\s*)\/(?=\s*\p{L}))/u;

/** True when `label` names one of `labels`: the whole label or id, or a leading run of its words ("Social media"). */
export function namesLabel(label: string, labels: readonly string[]): boolean {
  const l = fold(label);
  if (!l) return false;
  return labels.some((x) => fold(x) === l || (l.length >= 2 && fold(x).startsWith(`${l} `)));
}

const CATALOGUE_LABELS = DEFAULT_TOPICS.flatMap((t) => [t.label, t.id]);

/**
 * True when the whole of `text` rates topics and says nothing else: each part a known topic (the
 * default catalogue's, or one of `topicLabels`, the labels of the topics the email asked about)
 * followed only by a whole number 1-5. "Get better at social media 2 times a week" and "Learn AI
 * tools" are goals; "Social media 2" and "AI tools: 1 / Digital fluency 3" are ratings.
 */
export function isTopicRating(text: string, topicLabels: readonly string[] = []): boolean {
  const labels = [...topicLabels, ...CATALOGUE_LABELS];
  const parts = text.split(RATING_SEPARATOR).filter((_, i) => i % 2 === 0);
  const written = parts.filter((p) => p.trim() !== '');
  if (written.length === 0) return false;
  return written.every((part) => {
    const m = RATING_SEGMENT.exec(part);
    if (!m) return false;
    const n = Number(m[2]);
    return n >= 1 && n <= 5 && namesLabel(m[1]!, labels);
  });
}
