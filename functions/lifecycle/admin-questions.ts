import { markApproved, recordChange, renameApprover, replaceApprovalQuestion, unmarkApproved, type ReviewedRun } from '../adapters/match-review';
import { getParticipant, listParticipants } from '../adapters/participants';
import { isTerminal, type Pairing } from '../adapters/pairings';
import { getProgram, type StoredProgram } from '../adapters/programs';
import {
  answerQuestion,
  claimAskedAgain,
  claimConflictNotice,
  emailHash,
  followUpQuestionId,
  getQuestion,
  isClosed,
  issueQuestion,
  releaseAskedAgain,
  releaseConflictNotice,
  runApprovalQuestions,
  taskTokenOf,
  type AnswerResult,
  type IssuedQuestion,
  type StoredQuestion,
} from '../adapters/reply-tokens';
import { getRun, listProposedPairs, listUnmatched } from '../adapters/waitlist';
import { approverOf } from '../domain/admin-answer';
import { approvalRunOf } from '../domain/answer-link';
import { approvalAnswer, netChange, SHOWN_VERSION, shownProposal, type IdPair } from '../domain/approval-ask';
import { answerByOf } from '../domain/approval-deadline';
import { approvalStandings, type ApprovalStanding } from '../domain/approval-conflict';
import { APPROVAL_PAIRS_SHOWN, matchingApprovalRequest, type RenderedEmail } from '../domain/emails';
import {
  matchingApprovalConflict,
  proposalChangedSentence,
  type ApprovalPair,
  type ApprovalUnmatched,
  type ProposalChangedSince,
} from '../domain/emails/admin';
import { programContact } from '../domain/program-contact';
import { localDate } from '../domain/schedule';
import { isErased } from '../domain/erasure';
import type { ReplyAnswer } from '../domain/replies';
import { decisionNote, fitNote } from '../domain/replies/answer-notes';
import { logger } from '../shared/powertools';
import { sendEmail } from './context';

export { runApprovalQuestions };

/** Questions put to a program's admins: approving a matching run, deciding for a quiet pair. */
const ADMIN_PURPOSES: ReadonlySet<string> = new Set(['approval', 'admin-decision']);

/**
 * Whether an admin question was put to someone who is no longer one of the program's admins (HR
 * changed `admins` since): their answer decides nothing, by reply or by link. Read from the
 * program as it is now; a program that no longer exists has no admins.
 */
export async function putToFormerAdmin(question: Pick<StoredQuestion, 'purpose' | 'programId' | 'recipientEmailHash'>): Promise<boolean> {
  if (!ADMIN_PURPOSES.has(question.purpose)) return false;
  const program = await getProgram(question.programId);
  return !program?.admins.some((admin) => emailHash(admin) === question.recipientEmailHash);
}

/**
 * The pair of a question to the admins about a pairing that has ended, as they stand now (names and
 * statuses, for `endedSinceOf`); none while the pairing runs, or for a question to a participant.
 */
export async function endedPairOf(
  question: Pick<StoredQuestion, 'pairingId' | 'participantId'>,
  pairing: Pairing | undefined,
): Promise<{ name: string; status: string | undefined }[]> {
  if (!question.pairingId || question.participantId || !pairing || !isTerminal(pairing.status)) return [];
  const pair = await Promise.all([pairing.mentorId, pairing.menteeId].map(getParticipant));
  return pair.flatMap((p) => (p ? [{ name: p.name, status: p.status }] : []));
}

/**
 * The questions of an approval question's matching run as they stand (the reminder's replace the
 * first request's in the run's list); none for any other question.
 */
export async function approvalFamilyOf(question: StoredQuestion): Promise<StoredQuestion[]> {
  const run = approvalRunOf(question);
  return run ? runApprovalQuestions(run.programId, run.runId) : [];
}

/** Who approved a run by reply or link (the admin whose question took the approval), from its questions. */
export async function approvedByReplyOrLink(programId: string, runId: string): Promise<string | undefined> {
  return approverOf(await runApprovalQuestions(programId, runId));
}

/** A run's proposal as an approval email shows it, with the review version it is at. */
export interface ApprovalProposal {
  readonly run: ReviewedRun | undefined;
  /** The run's review version when the proposal was read: what a question asking about it records. */
  readonly version: number;
  readonly pairs: ApprovalPair[];
  readonly pairCount: number;
  readonly unmatched: ApprovalUnmatched[];
  readonly unmatchedCount: number;
  /** How many of the unmatched were erased since the proposal: never waitlisted. */
  readonly erasedUnmatched?: number;
  /** Admins are staff: they read people by the full name stored at enrolment (an erased person by id). */
  readonly nameOf: (participantId: string) => string;
}

/**
 * Reads the proposal for an approval email. The header (and its version) is read before the
 * pairs: a review change in between makes the question look older than the pairs it lists, so an
 * APPROVE to it asks again; never the other way round, which would approve pairs not shown.
 */
export async function readProposal(programId: string, runId: string): Promise<ApprovalProposal> {
  const run = (await getRun(programId, runId)) as ReviewedRun | undefined;
  const [pairs, unmatched, people] = await Promise.all([listProposedPairs(programId, runId), listUnmatched(programId, runId), listParticipants(programId)]);
  const names = new Map(people.map((p) => [p.participantId, p.name]));
  const nameOf = (id: string) => names.get(id) ?? `participant ${id}`;
  const erased = new Set(people.filter(isErased).map((p) => p.participantId));
  return {
    run,
    version: run?.reviewVersion ?? 0,
    pairs: [...pairs]
      .sort((x, y) => y.score - x.score)
      .slice(0, APPROVAL_PAIRS_SHOWN)
      .map((p) => ({ mentor: nameOf(p.mentorId), mentee: nameOf(p.menteeId), score: p.score, reasons: p.reasons, tradeOffs: p.tradeOffs })),
    pairCount: pairs.length,
    unmatched: unmatched
      .slice(0, APPROVAL_PAIRS_SHOWN)
      .map((u) => ({ name: nameOf(u.participantId), role: u.role, reason: u.reason, ...(erased.has(u.participantId) ? { erased: true } : {}) })),
    unmatchedCount: unmatched.length,
    erasedUnmatched: unmatched.filter((u) => erased.has(u.participantId)).length,
    nameOf,
  };
}

/** The approval email of one admin's question. */
export function approvalEmail(input: {
  readonly program: StoredProgram;
  readonly runId: string;
  readonly proposal: ApprovalProposal;
  readonly question: IssuedQuestion;
  readonly admin: string;
  readonly closesAt: Date;
  /** The counts the workflow carries, when larger (the proposal as solved). */
  readonly counts?: { readonly pairs: number; readonly unmatched: number };
  readonly changedSince?: ProposalChangedSince;
  /** When the email is decided (the program's start is compared with its day). */
  readonly now?: Date;
}): RenderedEmail {
  const { program, proposal } = input;
  return matchingApprovalRequest({
    to: { timeZone: program.timeZone },
    // Whom to ask: another admin, never the reader (a program with one admin names them).
    program: programContact(program, [input.admin]),
    pairs: proposal.pairs,
    proposedPairs: Math.max(input.counts?.pairs ?? 0, proposal.pairCount),
    unmatched: proposal.unmatched,
    unmatchedCount: Math.max(input.counts?.unmatched ?? 0, proposal.unmatchedCount),
    ...(proposal.erasedUnmatched ? { erasedUnmatched: proposal.erasedUnmatched } : {}),
    answerBy: input.closesAt,
    proposalRoute: `GET /programs/${program.programId}/matching/${input.runId}`,
    answerLinks: { approve: input.question.answerLinks.approve! },
    ...(input.changedSince ? { changedSince: input.changedSince } : {}),
    // A run approved before the program's first day introduces its pairs at once: said before approving.
    ...(program.startDate > localDate(input.now ?? new Date(), program.timeZone) ? { startsOn: program.startDate } : {}),
  });
}

/** What changed since a question's email, in names, as the admin is told it (undefined: nothing changed). */
function changedSinceOf(question: StoredQuestion, proposal: ApprovalProposal): ProposalChangedSince | undefined {
  const shown = shownProposal(question, proposal.run ?? {});
  if (shown.kind === 'current') return undefined;
  const net = netChange(shown.since);
  const named = (p: IdPair | undefined) => (p ? { mentor: proposal.nameOf(p.mentorId), mentee: proposal.nameOf(p.menteeId) } : undefined);
  return {
    shownPairs: Math.max(0, proposal.pairCount - net.added.length + net.removed.length),
    removed: net.removed.map(named),
    added: net.added.map(named),
    by: net.by,
  };
}

/** A question that still waits for the approval of a run still proposed, and that run; else undefined. */
async function waitingApproval(question: StoredQuestion | undefined, now: Date): Promise<{ run: ReviewedRun; programId: string; runId: string } | undefined> {
  const of = question && approvalRunOf(question);
  if (!question || !of || question.usedAt !== undefined || isClosed(question, now)) return undefined;
  const run = (await getRun(of.programId, of.runId)) as ReviewedRun | undefined;
  if (run?.status !== 'proposed' || run.approvedAt !== undefined) return undefined;
  return { run, ...of };
}

/** The question whose email was answered: `answeredTo` when `question` took over from it (same run, same admin), else the question itself. */
async function shownByOf(question: StoredQuestion, answeredTo: string | undefined, runId: string): Promise<StoredQuestion> {
  if (answeredTo === undefined || answeredTo === question.opaqueId) return question;
  const read = await getQuestion(answeredTo);
  return read && approvalRunOf(read)?.runId === runId && read.recipientEmailHash === question.recipientEmailHash ? read : question;
}

/**
 * What the answer page of an approval question says before its button is pressed, when the
 * proposal changed since its email: that pressing it approves nothing and sends the current
 * proposal instead, or, when the admin is now in one of its pairs, who can approve it. Undefined
 * for any other question, or when the email still shows the proposal and the admin is free.
 */
export async function approvalLinkNote(question: StoredQuestion, linked?: string, now = new Date()): Promise<string | undefined> {
  const waiting = await waitingApproval(question, now);
  if (!waiting) return undefined;
  const program = await getProgram(waiting.programId);
  if (program && (await standingsOf(program, waiting.runId)).of(question.recipientEmail).kind === 'conflicted')
    return 'Since this email was sent, you have become one of the people of a proposed pair, and nobody approves a proposal that holds their own pair. Pressing the button approves nothing: it emails you which pair is yours and who can approve it instead.';
  const shownBy = await shownByOf(question, linked, waiting.runId);
  if (shownProposal(shownBy, waiting.run).kind === 'current') return undefined;
  const proposal = await readProposal(waiting.programId, waiting.runId);
  const changed = changedSinceOf(shownBy, proposal);
  if (!changed) return undefined;
  return `${proposalChangedSentence(changed, proposal.pairCount)} Pressing the button approves nothing: it emails you the proposal as it is now, to approve instead.`;
}

/**
 * Answers an admin's question by reply or link, as answerQuestion does, but an APPROVE to a
 * matching approval approves only the proposal its email showed (domain/approval-ask.ts
 * approvalAnswer). When the proposal was changed in match review since, nothing is approved: the
 * admin is sent at once the proposal as it is now, under a new question on the same wait that
 * replaces theirs (`asked-again`). Otherwise the run is marked approved by this admin (their
 * address) at the version shown before the answer goes to the workflow, so that no review change
 * slips in between; taken back when the answer is not delivered. The admin API answers through
 * answerQuestion itself: it shows the proposal as it is. Every reply and link (a participant's
 * too: the inbound path and the answer page answer all questions here) records its note as the
 * admins read it (withNoteAsKept).
 */
export async function answerAdminQuestion(
  opaqueId: string,
  answer: ReplyAnswer,
  opts: {
    messageKey?: string;
    channel?: 'email' | 'link' | 'api';
    now?: Date;
    /**
     * The question whose email was answered, when the answer goes to the one that took over from
     * it (an approval's reminder): what that email showed is what the APPROVE approves.
     */
    answeredTo?: string;
  } = {},
): Promise<AnswerResult> {
  const { answeredTo, ...rest } = opts;
  const now = opts.now ?? new Date();
  const kept = opts.channel === 'api' ? answer : await withNoteAsKept(opaqueId, answer);
  const deliver = () => answerQuestion(opaqueId, kept, { ...rest, now });
  if (opts.channel === 'api' || (answer.intent !== 'yes' && answer.intent !== 'no')) return deliver();
  const question = await getQuestion(opaqueId);
  let waiting = await waitingApproval(question, now);
  if (!question || !waiting) return deliver();
  const { programId, runId } = waiting;
  // Nor does a REJECT from an admin now in a pair decide the run: it is their own pair's too.
  const refused = await refuseIfInPair(question, programId, runId, waiting.run.reviewVersion ?? 0);
  if (refused) return refused;
  if (answer.intent !== 'yes') return deliver();
  const shownBy = await shownByOf(question, answeredTo, runId);
  let decision = approvalAnswer(shownBy, waiting.run);
  if (decision.kind === 'approve') {
    const by = question.recipientEmail;
    if (!(await markApproved(programId, runId, by, now, { reviewVersion: decision.version }))) {
      // Changed in review (or approved) since it was read: read again.
      waiting = await waitingApproval(question, now);
      if (!waiting) return deliver();
      decision = approvalAnswer(shownBy, waiting.run);
      if (decision.kind === 'approve') return deliver();
    } else {
      const at = now.toISOString();
      let result: AnswerResult;
      try {
        result = await deliver();
      } catch (error) {
        await unmarkApproved(programId, runId, at);
        throw error;
      }
      if (result.status === 'recorded' || result.status === 'duplicate') {
        await recordChange(programId, runId, { at, by, action: 'approve', added: [], removed: [], reexplained: [] });
      } else if (result.status === 'already-answered' && result.settled?.decision === 'approved') {
        // Another admin's APPROVE of the same version reached the workflow first: the approval
        // stands (the step after it may have read this mark already), recorded as theirs.
        const first = (await approvedByReplyOrLink(programId, runId)) ?? by;
        if (first !== by) await renameApprover(programId, runId, at, first);
        await recordChange(programId, runId, { at, by: first, action: 'approve', added: [], removed: [], reexplained: [] });
      } else {
        await unmarkApproved(programId, runId, at);
      }
      return result;
    }
  }
  return askAgain(question, shownBy, programId, runId, now, deliver);
}

/**
 * Each admin's standing on the run's proposal as it is now: free to approve it, or in one of its
 * pairs (domain/approval-conflict.ts); an address the program does not list is free. With the
 * number of pairs it proposes. Read when the run asks (functions/cohort-approval.ts) and when an
 * admin answers: a review change since (a force, a swap, a re-solve) may have put them in a pair.
 */
export async function standingsOf(
  program: StoredProgram,
  runId: string,
): Promise<{ readonly of: (admin: string) => ApprovalStanding; readonly pairCount: number }> {
  const [pairs, people] = await Promise.all([listProposedPairs(program.programId, runId), listParticipants(program.programId)]);
  const byHash = new Map(approvalStandings(program.admins, pairs, people).map((s) => [emailHash(s.admin), s.standing]));
  return { of: (admin) => byHash.get(emailHash(admin)) ?? { kind: 'free' }, pairCount: pairs.length };
}

/**
 * The email that tells an admin in a proposed pair which pair is theirs and who can approve the run
 * instead (`matchingApprovalConflict`); it asks nothing, so it goes without a reply address.
 */
export function conflictEmail(input: {
  readonly program: StoredProgram;
  readonly runId: string;
  readonly admin: string;
  readonly standing: Extract<ApprovalStanding, { kind: 'conflicted' }>;
  readonly proposedPairs: number;
  /** The end of the day the emails name. */
  readonly answerBy: Date;
  /** The reminder is still to come: an admin HR adds before it is sent the request with it. */
  readonly reminderAhead: boolean;
}): RenderedEmail {
  const { program, standing } = input;
  return matchingApprovalConflict({
    to: { timeZone: program.timeZone },
    program: programContact(program, [input.admin]),
    proposedPairs: input.proposedPairs,
    own: standing.own.map((p) => ({ role: p.role, partner: p.partnerName })),
    approvers: standing.approvers,
    answerBy: input.answerBy,
    approveRoute: `POST /programs/${program.programId}/matching/${input.runId}/approve`,
    reminderAhead: input.reminderAhead,
  });
}

/**
 * An APPROVE (or REJECT) from an admin who is now one of the people of a proposed pair decides
 * nothing, and asks them nothing again (the current proposal would be theirs to approve): they are
 * sent which pair is theirs and who can approve it instead, as an admin in a pair is when the run
 * asks (domain/approval-conflict.ts), once per question and review version (`version`, the run's as
 * read by the caller: a second answer, a second click or a retry tells nothing more). Undefined when
 * they are free to approve it.
 */
async function refuseIfInPair(question: StoredQuestion, programId: string, runId: string, version: number): Promise<AnswerResult | undefined> {
  const program = await getProgram(programId);
  if (!program) return undefined;
  const admin = question.recipientEmail;
  const standings = await standingsOf(program, runId);
  const standing = standings.of(admin);
  if (standing.kind === 'free') return undefined;
  if (!(await claimConflictNotice(question.opaqueId, version))) {
    logger.info('approval refused: the admin is now in a proposed pair, told before', { programId, runId, opaqueId: question.opaqueId });
    return { status: 'not-yours' };
  }
  const calendar = { timeZone: program.timeZone, nonWorkingDays: program.nonWorkingDays ?? [] };
  const answerBy = answerByOf(new Date(question.closesAt), question.context, calendar);
  const email = conflictEmail({ program, runId, admin, standing, proposedPairs: standings.pairCount, answerBy, reminderAhead: false });
  try {
    // No reply address: nothing they write back approves or rejects the run.
    await sendEmail(admin, email);
  } catch (error) {
    await releaseConflictNotice(question.opaqueId, version);
    throw error;
  }
  logger.info('approval refused: the admin is now in a proposed pair', { programId, runId, opaqueId: question.opaqueId, pairs: standing.own.length });
  return { status: 'not-yours' };
}

/**
 * The answer with its note as the admins keep it (domain/replies/answer-notes.ts): a fit check's
 * "not sure" without the answer word the admins' email already says, an admin's decision without
 * the name they signed with (read against the address of the admin the question was put to).
 */
async function withNoteAsKept(opaqueId: string, answer: ReplyAnswer): Promise<ReplyAnswer> {
  if (!answer.note || (answer.intent !== 'unsure' && !answer.decision)) return answer;
  let note: string | undefined;
  if (answer.intent === 'unsure') note = fitNote(answer.note);
  else {
    // Only a decision question carries a DECISION word's answer; read for the address it was put to.
    const question = await getQuestion(opaqueId);
    if (question?.purpose !== 'admin-decision') return answer;
    note = decisionNote(answer.note, question.recipientEmail);
  }
  if (note === answer.note) return answer;
  const { note: _written, ...without } = answer;
  return note ? { ...without, note } : without;
}

/**
 * Sends the admin the proposal as it is now, under a new question on the same wait (its task
 * token) that replaces `open` (the question that took the answer) in the run's list; once per
 * answered email (`shownBy`) and version: the same reply (or click) again sends nothing more.
 * Each write is safe to repeat; a failed send takes the claim back.
 */
async function askAgain(
  open: StoredQuestion,
  shownBy: StoredQuestion,
  programId: string,
  runId: string,
  now: Date,
  deliver: () => Promise<AnswerResult>,
): Promise<AnswerResult> {
  const [program, proposal, taskToken] = await Promise.all([getProgram(programId), readProposal(programId, runId), taskTokenOf(open.opaqueId)]);
  const changedSince = changedSinceOf(shownBy, proposal);
  // No program or wait left to ask on (the answer path tells the admin so), or, read again, the
  // email shows the proposal as it is after all.
  if (!program || !taskToken || !changedSince) return deliver();
  // Put in a pair by the change itself (read again: it may have come after the check before).
  const refused = await refuseIfInPair(open, programId, runId, proposal.version);
  if (refused) return refused;
  const askedAgain = followUpQuestionId(shownBy.opaqueId, String(proposal.version));
  if (!(await claimAskedAgain(shownBy.opaqueId, proposal.version, askedAgain, now))) {
    logger.info('approval answered to a changed proposal: asked again before', { programId, runId, opaqueId: shownBy.opaqueId });
    return { status: 'asked-again', askedAgain: shownBy.askedAgain ?? askedAgain, sentNow: false };
  }
  try {
    const closesAt = new Date(open.closesAt);
    const { runId: _r, [SHOWN_VERSION]: _v, asksAgain: _a, ...stamps } = open.context ?? {};
    const issued = await issueQuestion(
      {
        taskToken,
        purpose: 'approval',
        programId,
        recipientEmail: open.recipientEmail,
        expiresAt: closesAt.toISOString(),
        choices: ['approve'],
        // The same wait's stamps (its ask, and reminder): the reminder and restarts read it as theirs.
        context: { ...stamps, runId, [SHOWN_VERSION]: proposal.version, asksAgain: shownBy.opaqueId },
      },
      { now, opaqueId: askedAgain },
    );
    await replaceApprovalQuestion(programId, runId, open.opaqueId, askedAgain);
    // The day its first email named (a wait counted in working days names the day it ends).
    const answerBy = answerByOf(closesAt, open.context, { timeZone: program.timeZone, nonWorkingDays: program.nonWorkingDays ?? [] });
    const email = approvalEmail({ program, runId, proposal, question: issued, admin: open.recipientEmail, closesAt: answerBy, changedSince });
    await sendEmail(open.recipientEmail, email, issued.replyAddress);
  } catch (error) {
    await releaseAskedAgain(shownBy.opaqueId, proposal.version);
    throw error;
  }
  logger.info('approval answered to a changed proposal: asked again', { programId, runId, opaqueId: shownBy.opaqueId, version: proposal.version });
  return { status: 'asked-again', askedAgain, sentNow: true };
}
