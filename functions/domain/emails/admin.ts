import type { Role } from '../participant';
import { facts, link, paragraph } from './blocks';
import { formatDate, type DateInput } from './format';
import { renderEmail } from './layout';
import type { EmailBase, RenderedEmail } from './types';

/**
 * Emails to program admins. They name pairings and participants by id, never by name or address:
 * the admin can look people up in the console, and a forwarded email leaks nothing.
 */

export interface AdminPairingNotStartedInput extends EmailBase {
  pairingId: string;
  participants: readonly { participantId: string; role: Role; answer: 'accepted' | 'declined' | 'no-answer'; reason?: string }[];
  consoleUrl?: string;
}

const ANSWER_WORDS = { accepted: 'accepted', declined: 'declined', 'no-answer': 'did not answer' } as const;

export function adminPairingNotStarted(input: AdminPairingNotStartedInput): RenderedEmail {
  return renderEmail({
    template: 'adminPairingNotStarted',
    subject: `Pairing ${input.pairingId} did not start`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'A pairing did not start',
    blocks: [
      paragraph(`Pairing ${input.pairingId} has ended as "not started", and a rematch has been requested for whoever accepted.`),
      facts(
        input.participants.map((p) => ({
          term: `${p.role === 'mentor' ? 'Mentor' : 'Mentee'} ${p.participantId}`,
          detail: ANSWER_WORDS[p.answer] + (p.reason === undefined || p.reason.trim() === '' ? '' : `, reason given: "${p.reason.trim()}"`),
        })),
      ),
      ...consoleLine(input.consoleUrl),
    ],
  });
}

export interface AdminEscalationInput extends EmailBase {
  pairingId: string;
  missedCount: number;
  lastMetOn?: DateInput;
  consoleUrl?: string;
}

/** Second rung of the ladder: the admin is told, no decision needed yet. */
export function adminEscalation(input: AdminEscalationInput): RenderedEmail {
  const lastMet = input.lastMetOn === undefined ? 'not yet' : formatDate(input.lastMetOn, input.to.timeZone);
  return renderEmail({
    template: 'adminEscalation',
    subject: `Pairing ${input.pairingId}: ${input.missedCount} check-ins missed in a row`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'A pairing is losing momentum',
    blocks: [
      paragraph(
        `Pairing ${input.pairingId} has missed ${input.missedCount} check-ins in a row. Both partners had a friendly nudge, and the mentee has had a note about the commitment they made.`,
      ),
      facts([
        { term: 'Pairing', detail: input.pairingId },
        { term: 'Missed check-ins in a row', detail: String(input.missedCount) },
        { term: 'Last met', detail: lastMet },
      ]),
      paragraph('No decision is needed yet. If the next check-in is missed too, you will be asked whether to continue, pause, end or rematch.'),
      ...consoleLine(input.consoleUrl),
    ],
  });
}

export interface AdminDecisionRequestInput extends EmailBase {
  pairingId: string;
  missedCount: number;
  answerBy: DateInput;
  answerLinks: { continue: string; pause: string; end: string; rematch: string };
}

/** Top rung of the ladder: the workflow waits for the admin's decision. */
export function adminDecisionRequest(input: AdminDecisionRequestInput): RenderedEmail {
  return renderEmail({
    template: 'adminDecisionRequest',
    subject: `Decision needed: pairing ${input.pairingId}`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'Your decision is needed',
    blocks: [
      paragraph(`Pairing ${input.pairingId} has missed ${input.missedCount} check-ins in a row, despite the nudges. The pairing waits for your decision.`),
      facts([
        { term: 'Continue', detail: 'keep the pairing and the check-ins as they are.' },
        { term: 'Pause', detail: 'stop check-ins until a date you give; nothing recorded is lost.' },
        { term: 'End', detail: 'close the pairing without blame; both partners are told kindly.' },
        { term: 'Rematch', detail: 'end this pairing and look for new partners for both.' },
      ]),
    ],
    question: {
      prompt: 'What should happen to this pairing? Reply CONTINUE, PAUSE with a resume date, END or REMATCH.',
      replyExamples: ['CONTINUE', 'PAUSE until 2027-03-01', 'END', 'REMATCH'],
      notes: ['Anything after the first line is kept as your note on the decision.'],
      answerBy: input.answerBy,
      links: [
        { label: 'Continue', url: input.answerLinks.continue },
        { label: 'Pause', url: input.answerLinks.pause },
        { label: 'End', url: input.answerLinks.end },
        { label: 'Rematch', url: input.answerLinks.rematch },
      ],
    },
  });
}

export interface MatchingApprovalRequestInput extends EmailBase {
  cohortId: string;
  proposedPairs: number;
  unmatched: number;
  answerBy: DateInput;
  consoleUrl: string;
  answerLinks: { approve: string };
}

/** CohortMatching waits for this approval before any introduction is sent. */
export function matchingApprovalRequest(input: MatchingApprovalRequestInput): RenderedEmail {
  return renderEmail({
    template: 'matchingApprovalRequest',
    subject: `Approve matching for ${input.program.name}: ${input.proposedPairs} pairs proposed`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'Matching is ready for your approval',
    blocks: [
      paragraph(
        `Matching for cohort ${input.cohortId} has proposed ${input.proposedPairs} ${input.proposedPairs === 1 ? 'pair' : 'pairs'}; ${input.unmatched} ${input.unmatched === 1 ? 'participant stays' : 'participants stay'} unmatched and will be put on the waitlist.`,
      ),
      paragraph(
        'You can review every pair and the reasons it was proposed in the ',
        link('console', input.consoleUrl),
        '. No one is introduced until you approve.',
      ),
    ],
    question: {
      prompt: 'Approve these pairs? Reply APPROVE, or review and approve them in the console.',
      replyExamples: ['APPROVE'],
      notes: ['To change a pair, use the console: replies can only approve the proposal as a whole.'],
      answerBy: input.answerBy,
      links: [
        { label: 'Approve all pairs', url: input.answerLinks.approve },
        { label: 'Review in the console', url: input.consoleUrl },
      ],
    },
  });
}

function consoleLine(url: string | undefined) {
  return url === undefined ? [] : [paragraph('Details and the full timeline are in the ', link('console', url), '.')];
}

export interface AdminPairingParkedInput extends EmailBase {
  pairingId: string;
  /** The error's name only: never a message that could carry personal data. */
  errorName: string;
  /** How to resume it, e.g. the admin API call. */
  resumeHow: string;
}

/** A step of a pairing failed even after retries: the pairing waits, safely, for an admin. */
export function adminPairingParked(input: AdminPairingParkedInput): RenderedEmail {
  return renderEmail({
    template: 'adminPairingParked',
    subject: `Pairing ${input.pairingId} is on hold after an error`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'A pairing is on hold after an error',
    blocks: [
      paragraph(
        `A step of pairing ${input.pairingId} failed three times in a row (${input.errorName}), so the pairing is on hold: nothing is sent to the pair and nothing recorded is lost.`,
      ),
      paragraph(`Once the cause is fixed, resume it: ${input.resumeHow}. An end request still ends it at once.`),
    ],
  });
}
