/**
 * Small text helpers for matching: goal tokens, interest keys, language keys and first names.
 * Deliberately simple (no stemming library): goals are a sentence or two, and a shared word such
 * as "customers" or "innovation" is what an admin would point to when explaining a match.
 */

// English function words plus the filler every goal statement shares ("I want to learn how to
// get better at..."), and what any mentoring goal says of itself ("Learn and share", "Grow
// together", "Exchange knowledge and experience"): without them every pair would overlap on
// "learn", "better" or "share" (QA: "Their goals overlap on share" for a whole cohort's "Learn and share").
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
  can could did do does doing down during each even ever every few for from further get gets getting go going had has have having he her
  here hers herself him himself his how i if in into is it its itself just let like lot lots make more most much must my myself need no
  nor not now of off on once only or other our ours ourselves out over own per really same she should so some such than that the their
  theirs them themselves then there these they this those through to too under until up us use using very want wants was way we well
  were what when where which while who whom why will with within without would year years you your yours yourself yourselves
  able better learn learning understand understanding improve improving help helping new good great things thing know knowing
  work working become stay keep feel see take try want wish hope really
  share sharing shared exchange exchanging grow growing growth together develop developing development give giving back gain
  knowledge experience insight perspective fresh idea teach teaching connect connecting`.split(/\s+/),
);

/**
 * Distinct meaningful words of a free-text goal, lower-cased, without accents (so "négociation"
 * meets "negociation", however the accent was typed), with a plural "s" removed. Empty when the
 * goal is only filler ("Learn from each other and get better"): too general to compare.
 */
export function goalTokens(text: string): string[] {
  const out = new Set<string>();
  const plain = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  for (const raw of plain.split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOP_WORDS.has(raw) || /^\d+$/.test(raw)) continue;
    const word = raw.length > 4 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw;
    if (!STOP_WORDS.has(word)) out.add(word);
  }
  return [...out];
}

/** Interests compare case- and space-insensitively ("Street photography" = "street  photography"). */
export function interestKey(interest: string): string {
  return interest.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * The keys of the interests a person listed, without blank ones: an interest of only spaces (stored
 * before intake refused it) is no interest, so two of them are not one in common.
 */
export function interestKeys(interests: readonly string[] | undefined): string[] {
  return (interests ?? []).map(interestKey).filter((key) => key !== '');
}

/** Two people share a language when the primary subtags agree: "pt-BR" and "pt-PT" both speak Portuguese. */
export function languageKey(tag: string): string {
  return tag.toLowerCase().split('-')[0]!;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh'];
export function ordinal(index: number): string {
  return ORDINALS[index] ?? `number ${index + 1}`;
}

/** "1 hour", "2.5 hours", "45 minutes" */
export function durationInWords(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} minutes`;
  const hours = Math.round((minutes / 60) * 2) / 2;
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}
