/**
 * Retention of free-text notes (docs/decisions.md, Retention): the notes people write in replies
 * (check-ins, reviews, the fit check, a decline, a note for the partner) are kept while the
 * pairing runs and for the program's `retention.notesDays` after it ends (completed, ended or not
 * started), then removed by the daily sweep (functions/notes-retention.ts) from every record of the
 * pairing, the stored copies of the emails that quoted them and the reply items of its questions.
 * Ratings, yes/no answers, goals (the pair's plan) and dates stay: the report needs them. Program
 * feedback (KEEP/CHANGE, `FEEDBACK#`) stays too: it is stored with the pair's names replaced and
 * read only grouped in the report. Pure: the sweep loads and writes.
 */

export const DEFAULT_NOTES_DAYS = 365;
const DAY_MS = 86_400_000;
const FINISHED = new Set(['completed', 'ended', 'not-started']);

interface PairingDates {
  readonly status: string;
  readonly endedAt?: string;
  readonly updatedAt: string;
  readonly notesRemovedAt?: string;
  /** A round an early end left answerable (ended-round.ts): its answers may still come until it closes. */
  readonly round?: { readonly closesAt: string };
}

/**
 * When the pairing's notes are due to go: `notesDays` after it ended, or after the round an early
 * end left open closes if that is later (a note written then is as new); undefined while it runs.
 */
export function notesDueAt(pairing: PairingDates, notesDays: number): string | undefined {
  if (!FINISHED.has(pairing.status)) return undefined;
  const ended = Date.parse(pairing.endedAt ?? pairing.updatedAt);
  if (Number.isNaN(ended)) return undefined;
  const roundCloses = Date.parse(pairing.round?.closesAt ?? '');
  const from = Number.isNaN(roundCloses) ? ended : Math.max(ended, roundCloses);
  return new Date(from + notesDays * DAY_MS).toISOString();
}

/** Whether the sweep must remove the pairing's notes now (once: a pairing swept stays swept). */
export function notesExpired(pairing: PairingDates, notesDays: number, now: Date): boolean {
  if (pairing.notesRemovedAt !== undefined) return false;
  const due = notesDueAt(pairing, notesDays);
  return due !== undefined && Date.parse(due) <= now.getTime();
}

type Item = Record<string, unknown>;
const isObject = (v: unknown): v is Item => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The words a person may leave in an answer: a note (a check-in's, a review's "learned", a fit
 * check's, a decline's), what the program should keep and change, a note for the partner. Goals
 * stay: they are the pair's plan, which the pairing, its goal ratings and the report keep.
 */
const WORDS_OF_AN_ANSWER = ['note', 'keep', 'change', 'partnerNote'] as const;

function answerWithoutWords(answer: unknown): unknown {
  if (!isObject(answer)) return answer;
  const rest = { ...answer };
  for (const key of WORDS_OF_AN_ANSWER) delete rest[key];
  return rest;
}

/** Both people's answers without their words (a check-in's or a fit check's record, a round's answers). */
function sidesWithoutWords(item: Item, sides: readonly string[]): Item {
  const out = { ...item };
  for (const side of sides) if (item[side] !== undefined) out[side] = answerWithoutWords(item[side]);
  return out;
}

/**
 * What an email's stored input holds of someone's words, by where the templates put them: a
 * partner note (`partnerNote`: `note`), a fit check's "not sure" (`adminFitUnsure`: `unsure[].note`),
 * the reason given for declining (`adminPairingNotStarted`: `participants[].reason`).
 */
function inputWithoutWords(input: Item): Item {
  const { note: _note, ...out } = input;
  const rows = (key: string, field: string) => {
    const list = input[key];
    if (!Array.isArray(list)) return;
    out[key] = list.map((row: unknown) => {
      if (!isObject(row)) return row;
      const { [field]: _words, ...kept } = row;
      return kept;
    });
  };
  rows('unsure', 'note');
  rows('participants', 'reason');
  return out;
}

const emailInput = (item: Item): Item | undefined => {
  if (item.type !== 'Outbox' || item.kind !== 'email' || !isObject(item.email)) return undefined;
  return isObject(item.email.input) ? item.email.input : undefined;
};

/**
 * A record under a pairing without the notes people wrote in it; undefined when it holds none.
 * Check-ins and fit checks lose both people's notes, a review its note, the audit line of a
 * pairing that did not start the decliner's note, and the stored copy of an email that went out
 * (or never will) the notes it quoted. An email still to go keeps them until it is sent (see
 * `unsentNote`). Ratings, yes/no answers, goals and dates stay.
 */
export function withoutNotes(item: Item): Item | undefined {
  let next: Item = item;
  switch (item.type) {
    case 'CheckIn':
    case 'FitCheck':
      next = sidesWithoutWords(item, ['mentor', 'mentee']);
      break;
    case 'MilestoneReview': {
      const { note: _note, ...rest } = item;
      next = rest;
      break;
    }
    case 'Audit':
      if (item.kind === 'not-started' && isObject(item.detail)) {
        const { note: _note, ...detail } = item.detail;
        next = { ...item, detail };
      }
      break;
    case 'Outbox': {
      const input = emailInput(item);
      if (input && item.status !== 'pending') next = { ...item, email: { ...(item.email as Item), input: inputWithoutWords(input) } };
      break;
    }
  }
  return same(next, item) ? undefined : next;
}

/**
 * Whether the record is an email not sent yet that quotes someone's note (a partner note waiting
 * for its reader's working hours): it is not rewritten while the sender may claim it, so the
 * pairing is not marked swept, and the next sweep clears its copy once it has gone.
 */
export function unsentNote(item: Item): boolean {
  const input = emailInput(item);
  return input !== undefined && item.status === 'pending' && !same(inputWithoutWords(input), input);
}

/**
 * A question's reply item (`REPLY#`, found through the email that asked it) without the words of
 * its answer, once it was answered (an answered question takes no other answer) or has closed;
 * undefined when it holds none. These items expire by TTL a week after they close, which for a
 * review answered early is days after the pairing ended: a shorter `notesDays` must not wait.
 */
export function replyWithoutNotes(item: Item, now: Date): Item | undefined {
  if (item.type !== 'ReplyToken' || !isObject(item.answer)) return undefined;
  const closes = Date.parse(String(item.closesAt ?? ''));
  const settled = item.usedAt !== undefined || (!Number.isNaN(closes) && closes <= now.getTime());
  if (!settled) return undefined;
  const answer = answerWithoutWords(item.answer);
  return same(answer, item.answer) ? undefined : { ...item, answer };
}

/**
 * The pairing's own item without notes: the reason a person gave for declining it (`statusReason`
 * "declined: <note>" becomes "declined") and the words of answers to a round it still holds.
 * Undefined when it holds none. Goals stay (the pair's plan).
 */
export function pairingWithoutNotes(pairing: Item): Item | undefined {
  let next: Item = pairing;
  if (typeof pairing.statusReason === 'string' && /^declined: /.test(pairing.statusReason)) next = { ...next, statusReason: 'declined' };
  const round = pairing.round;
  if (isObject(round) && isObject(round.answers)) {
    next = { ...next, round: { ...round, answers: sidesWithoutWords(round.answers, Object.keys(round.answers)) } };
  }
  return same(next, pairing) ? undefined : next;
}
