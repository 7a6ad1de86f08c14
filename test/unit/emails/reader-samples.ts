import * as emails from '../../../functions/domain/emails';
import type { RenderedEmail, TemplateName } from '../../../functions/domain/emails';
import { questionWording, answerLinkLabel } from '../../../functions/domain/answer-page';
import type { Participant } from '../../../functions/domain/participant';
import { interpretReply, type ReplyPurpose } from '../../../functions/domain/replies';
import {
  ANSWER_BASE,
  answerLink,
  MANAGER_OF,
  MATCH,
  MENTEE,
  MENTOR,
  PAIRING_ID,
  PEOPLE,
  PROGRAM,
  PROGRAM_CONTEXT,
  PROPOSED,
  RUN_ID,
  WAITING,
} from './reader-cast';
import type { Delivery } from './reader-checks';
import { SAMPLE_SLOT } from './fixtures';

/**
 * Sample inputs for every template, sent to every reader it can go to, each with the reply address
 * its sender sets (named in the comment). A template added to TEMPLATE_NAMES without an entry
 * here fails the walk: add its deliveries below.
 */

const IDS = [...PEOPLE.map((p) => p.participantId), PAIRING_ID, PROGRAM.programId, RUN_ID];
const SIDES = ['mentor', 'mentee'] as const;
type PersonSide = (typeof SIDES)[number];
const personOf = (side: PersonSide) => (side === 'mentor' ? MENTOR : MENTEE);
const partnerOf = (side: PersonSide) => (side === 'mentor' ? MENTEE : MENTOR);
const recipient = (p: Participant) => ({ name: p.name, timeZone: p.timeZone });
const participantBase = (side: PersonSide) => ({ to: recipient(personOf(side)), program: PROGRAM_CONTEXT, partner: { name: partnerOf(side).name } });
const adminBase = { to: { timeZone: PROGRAM.timeZone }, program: PROGRAM_CONTEXT };
const PEOPLE_NAMES = { mentor: MENTOR.name, mentee: MENTEE.name };

const links = (...choices: string[]) => choices.map(answerLink);

function toParticipant(side: PersonSide, label: string, email: RenderedEmail, replyPurpose: ReplyPurpose | undefined, given: string[] = []): Delivery {
  return {
    label: `${label} to the ${side}`,
    reader: side,
    email,
    replyPurpose,
    self: personOf(side),
    partner: partnerOf(side),
    ids: IDS,
    links: given,
    adminEmail: PROGRAM_CONTEXT.admin.email,
  };
}

function toAdmin(
  label: string,
  email: RenderedEmail,
  replyPurpose: ReplyPurpose | undefined,
  given: string[] = [],
  about: readonly Participant[] = [MENTOR, MENTEE],
): Delivery {
  return { label: `${label} to an admin`, reader: 'admin', email, replyPurpose, about, ids: IDS, links: given, adminEmail: PROGRAM_CONTEXT.admin.email };
}

const both = (build: (side: PersonSide) => Delivery | Delivery[]): Delivery[] => SIDES.flatMap((s) => build(s));

const journey = {
  startedOn: '2027-01-12T08:00:00Z',
  completedOn: '2027-07-13T08:00:00Z',
  checkInsHeld: 7,
  topics: ['ai-tools', 'strategy', 'career-growth'],
  // Only the reader's own ratings (mail.ts never averages in the partner's).
  milestones: [{ label: 'Day 30 review', progress: 4 }],
};

const QUOTED_REPLY = 'Maybe, I will ask my team first';
const understood = (reason: string) => reason.charAt(0).toLowerCase() + reason.slice(1).replace(/\.$/, '');

/** The questions a clarification can ask again, as the inbound path asks them (questionWording). */
function clarification(purpose: ReplyPurpose, choices: string[], to: { name?: string; timeZone: string }, reader?: 'admin') {
  const wording = questionWording(purpose);
  return emails.clarificationRequest({
    to,
    program: PROGRAM_CONTEXT,
    quotedReply: QUOTED_REPLY,
    // As the inbound path words it: the reply reader's reason, lower case, without its full stop.
    understood: understood(interpretReply(QUOTED_REPLY, purpose).reason),
    prompt: wording.prompt,
    replyExamples: wording.replyExamples,
    answerBy: '2027-02-10T17:00:00Z',
    answerLinks: choices.map((c) => ({ label: answerLinkLabel(c, purpose), url: answerLink(c) })),
    ...(reader ? { reader } : {}),
  });
}

export const SAMPLES: Partial<Record<TemplateName, () => Delivery[]>> = {
  // functions/domain/intake.ts (confirmByEmail): the standing address.
  enrolmentConfirmation: () =>
    both((side) =>
      toParticipant(
        side,
        'enrolment confirmation',
        emails.enrolmentConfirmation({
          to: recipient(personOf(side)),
          program: { name: PROGRAM.name, admin: { name: 'the program admin', email: PROGRAM_CONTEXT.admin.email } },
          role: side,
          sharesProgressWithManager: personOf(side).consent.shareProgressWithManager,
          matchingExpectedBy: PROGRAM.startDate,
        }),
        'standing',
      ),
    ),
  // The introduction and its reminder: the acceptance question's address.
  introduction: () =>
    both((side) =>
      toParticipant(
        side,
        'introduction',
        emails.introduction({
          ...participantBase(side),
          role: side,
          partner: {
            name: partnerOf(side).name,
            role: side === 'mentor' ? 'mentee' : 'mentor',
            goals: partnerOf(side).goals,
            topicsOffered: partnerOf(side).topicsOffered,
            topicsWanted: partnerOf(side).topicsWanted,
          },
          reasons: PROPOSED.reasonsFor[side],
          topics: journey.topics,
          answerBy: '2027-01-15T17:00:00Z',
          answerLinks: { accept: answerLink('yes'), decline: answerLink('no') },
        }),
        'acceptance',
        links('yes', 'no'),
      ),
    ),
  acceptanceReminder: () =>
    both((side) =>
      toParticipant(
        side,
        'acceptance reminder',
        emails.acceptanceReminder({
          ...participantBase(side),
          answerBy: '2027-01-15T17:00:00Z',
          answerLinks: { accept: answerLink('yes'), decline: answerLink('no') },
        }),
        'acceptance',
        links('yes', 'no'),
      ),
    ),
  pairingNotStarted: () => both((side) => toParticipant(side, 'not started', emails.pairingNotStarted(participantBase(side)), 'standing')),
  // Admin notices of the lifecycle have no reply address.
  adminPairingNotStarted: () => [
    toAdmin(
      'not-started notice',
      emails.adminPairingNotStarted({
        ...adminBase,
        pairingId: PAIRING_ID,
        participants: [
          { participantId: MENTOR.participantId, name: MENTOR.name, role: 'mentor', answer: 'accepted' },
          { participantId: MENTEE.participantId, name: MENTEE.name, role: 'mentee', answer: 'declined', reason: 'Ich bin bis März auf Reisen' },
        ],
      }),
      undefined,
    ),
    toAdmin(
      'not-started notice (silence)',
      emails.adminPairingNotStarted({
        ...adminBase,
        pairingId: PAIRING_ID,
        participants: [
          { participantId: MENTOR.participantId, name: MENTOR.name, role: 'mentor', answer: 'no-answer' },
          { participantId: MENTEE.participantId, name: MENTEE.name, role: 'mentee', answer: 'accepted' },
        ],
      }),
      undefined,
    ),
  ],
  checkInRequest: () =>
    both((side) =>
      toParticipant(
        side,
        'check-in',
        emails.checkInRequest({
          ...participantBase(side),
          since: '2027-01-19T08:00:00Z',
          answerBy: '2027-02-05T16:00:00Z',
          answerLinks: {
            yes: answerLink('yes'),
            no: answerLink('no'),
            ratings: ['1', '2', '3', '4', '5'].map(answerLink) as [string, string, string, string, string],
          },
        }),
        'check-in',
        links('yes', 'no', '1', '2', '3', '4', '5'),
      ),
    ),
  // Notices to a member of the pair: the standing address (outbox.ts, standingOf).
  checkInThanks: () =>
    both((side) => [
      toParticipant(
        side,
        'thanks after the first meeting',
        emails.checkInThanks({ ...participantBase(side), checkInsHeld: 1, nextCheckIn: '2027-02-16T08:00:00Z' }),
        'standing',
      ),
      toParticipant(
        side,
        'thanks with a low rating',
        emails.checkInThanks({ ...participantBase(side), checkInsHeld: 2, rating: 2, nextCheckIn: '2027-03-02T08:00:00Z' }),
        'standing',
      ),
      toParticipant(side, 'thanks for the last check-in', emails.checkInThanks({ ...participantBase(side), checkInsHeld: 6 }), 'standing'),
      toParticipant(
        side,
        'thanks to someone whose note says they will be away',
        emails.checkInThanks({
          ...participantBase(side),
          checkInsHeld: 2,
          nextCheckIn: '2027-03-02T08:00:00Z',
          awayPause: 'PAUSE from 1 March until 15 March',
        }),
        'standing',
      ),
    ]),
  missedCheckInNudge: () =>
    both((side) => [
      toParticipant(side, 'nudge', emails.missedCheckInNudge({ ...participantBase(side), nextCheckIn: '2027-02-16T08:00:00Z' }), 'standing'),
      toParticipant(side, 'nudge before the final review', emails.missedCheckInNudge(participantBase(side)), 'standing'),
      toParticipant(side, 'nudge with the final review out', emails.missedCheckInNudge({ ...participantBase(side), finalReviewArrives: 'today' }), 'standing'),
    ]),
  // To the mentee (the senior) only.
  seniorCommitmentNote: () => [
    toParticipant(
      'mentee',
      'commitment note',
      emails.seniorCommitmentNote({ ...participantBase('mentee'), missedCount: 2, nextCheckIn: '2027-03-02T08:00:00Z' }),
      'standing',
    ),
    toParticipant('mentee', 'commitment note after one miss', emails.seniorCommitmentNote({ ...participantBase('mentee'), missedCount: 1 }), 'standing'),
    toParticipant(
      'mentee',
      'commitment note with the final review out',
      emails.seniorCommitmentNote({ ...participantBase('mentee'), missedCount: 2, finalReviewArrives: 'sent' }),
      'standing',
    ),
  ],
  adminEscalation: () => [
    toAdmin(
      'escalation',
      emails.adminEscalation({ ...adminBase, pairingId: PAIRING_ID, people: PEOPLE_NAMES, missedCount: 2, lastMetOn: '2027-01-26T08:00:00Z' }),
      undefined,
    ),
    toAdmin('escalation (never met)', emails.adminEscalation({ ...adminBase, pairingId: PAIRING_ID, people: PEOPLE_NAMES, missedCount: 1 }), undefined),
  ],
  // The admin-decision question's address, one per admin.
  adminDecisionRequest: () =>
    [3, 1].map((missedCount) =>
      toAdmin(
        `decision request after ${missedCount} missed`,
        emails.adminDecisionRequest({
          ...adminBase,
          pairingId: PAIRING_ID,
          people: PEOPLE_NAMES,
          missedCount,
          answerBy: '2027-03-09T17:00:00Z',
          answerLinks: { continue: answerLink('continue'), pause: answerLink('pause'), end: answerLink('end'), rematch: answerLink('rematch') },
        }),
        'admin-decision',
        links('continue', 'pause', 'end', 'rematch'),
      ),
    ),
  milestoneSurvey: () =>
    both((side) =>
      toParticipant(
        side,
        'milestone review',
        emails.milestoneSurvey({
          ...participantBase(side),
          milestone: 'Day 30 review',
          goals: personOf(side).goals,
          topics: journey.topics,
          answerBy: '2027-02-12T16:00:00Z',
          answerLink: answerLink('review'),
        }),
        'milestone',
        links('review'),
      ),
    ),
  recognition: () =>
    both((side) =>
      toParticipant(side, 'recognition', emails.recognition({ ...participantBase(side), to: recipient(personOf(side)), role: side, journey }), 'standing'),
    ),
  // To a manager who has no reply address; one knows the name, one is known by email only.
  managerNote: () =>
    SIDES.map((side) => ({
      label: `manager note about the ${side}`,
      reader: 'manager' as const,
      email: emails.managerNote({
        to: { ...(side === 'mentor' ? { name: MANAGER_OF.mentor.name! } : {}), timeZone: personOf(side).timeZone },
        program: PROGRAM_CONTEXT,
        report: { name: personOf(side).name, role: side },
        journey,
        contributed: personOf(side).topicsOffered.filter((t) => partnerOf(side).topicsWanted.includes(t)),
        learned: personOf(side).topicsWanted.filter((t) => partnerOf(side).topicsOffered.includes(t)),
        highlights: [],
      }),
      replyPurpose: undefined,
      about: [personOf(side)],
      ids: IDS,
      links: [],
      adminEmail: PROGRAM_CONTEXT.admin.email,
    })),
  partnerLeft: () =>
    both((side) =>
      [
        { checkInsHeld: 0, rematchRequested: true },
        { checkInsHeld: 1, rematchRequested: false },
        { checkInsHeld: 3, rematchRequested: true },
      ].map((v) => toParticipant(side, `partner left after ${v.checkInsHeld} meetings`, emails.partnerLeft({ ...participantBase(side), ...v }), 'standing')),
    ),
  pairingPaused: () =>
    both((side) => [
      toParticipant(side, 'paused', emails.pairingPaused({ ...participantBase(side), resumeOn: '2027-04-06T08:00:00Z' }), 'standing'),
      toParticipant(
        side,
        'pause booked',
        emails.pairingPaused({ ...participantBase(side), startsOn: '2027-04-06', resumeOn: '2027-04-20', nextCheckIn: '2027-03-30T08:00:00Z' }),
        'standing',
      ),
      toParticipant(
        side,
        'pause asked after the end',
        emails.pairingPaused({ ...participantBase(side), startsOn: '2027-04-06', resumeOn: '2027-04-20', programEndsOn: '2027-03-30T08:00:00Z' }),
        'standing',
      ),
    ]),
  pairingResumed: () =>
    both((side) => [
      toParticipant(side, 'resumed', emails.pairingResumed({ ...participantBase(side), nextCheckIn: '2027-04-20T08:00:00Z' }), 'standing'),
      toParticipant(side, 'resumed before the final review', emails.pairingResumed(participantBase(side)), 'standing'),
      toParticipant(
        side,
        'booked pause cancelled',
        emails.pairingResumed({ ...participantBase(side), cancelledPause: { from: '2027-04-06', until: '2027-04-20' }, nextCheckIn: '2027-04-06T08:00:00Z' }),
        'standing',
      ),
    ]),
  meetingsRescheduled: () =>
    both((side) => [
      toParticipant(
        side,
        'meetings rescheduled',
        emails.meetingsRescheduled({
          ...participantBase(side),
          meeting: { slot: SAMPLE_SLOT, partner: { name: partnerOf(side).name, timeZone: partnerOf(side).timeZone } },
        }),
        'standing',
      ),
      toParticipant(
        side,
        'meeting series cancelled',
        emails.meetingsRescheduled({
          ...participantBase(side),
          meeting: { slot: { found: false }, partner: { name: partnerOf(side).name, timeZone: partnerOf(side).timeZone } },
        }),
        'standing',
      ),
      toParticipant(
        side,
        'meeting series stops at the end of the pairing',
        emails.meetingsRescheduled({
          ...participantBase(side),
          meeting: { slot: { found: false }, partner: { name: partnerOf(side).name, timeZone: partnerOf(side).timeZone } },
          ending: true,
        }),
        'standing',
      ),
      toParticipant(
        side,
        'meeting series stops at the end of the pairing, the review on its day',
        emails.meetingsRescheduled({
          ...participantBase(side),
          meeting: { slot: { found: false }, partner: { name: partnerOf(side).name, timeZone: partnerOf(side).timeZone } },
          ending: true,
          pairingEndsOn: '2027-05-07T08:00:00Z',
        }),
        'standing',
      ),
    ]),
  datesRescheduled: () =>
    both((side) => [
      toParticipant(
        side,
        'next question moved',
        emails.datesRescheduled({ ...participantBase(side), nextCheckIn: '2027-04-20T09:00:00Z', nextReview: 'Day 45 review' }),
        'standing',
      ),
      toParticipant(side, 'no question left before the final review', emails.datesRescheduled(participantBase(side)), 'standing'),
      toParticipant(
        side,
        'the end moved, the next question not',
        emails.datesRescheduled({ ...participantBase(side), nextCheckIn: '2027-04-20T09:00:00Z', pairingEndsOn: '2027-05-07T08:00:00Z', onlyEndMoved: true }),
        'standing',
      ),
    ]),
  pairingEnded: () =>
    both((side) =>
      emails.END_REASONS.flatMap((reason, i) =>
        [0, 1, 2].map((checkInsHeld) =>
          toParticipant(
            side,
            `ended (${reason}, ${checkInsHeld} meetings)`,
            emails.pairingEnded({ ...participantBase(side), reason, checkInsHeld, rematchRequested: i % 2 === 0 }),
            'standing',
          ),
        ),
      ),
    ),
  // functions/inbound-mail.ts: a clarification keeps the question's own address.
  clarificationRequest: () => [
    ...both((side) => [
      toParticipant(side, 'acceptance clarification', clarification('acceptance', ['yes', 'no'], recipient(personOf(side))), 'acceptance', links('yes', 'no')),
      toParticipant(
        side,
        'check-in clarification',
        clarification('check-in', ['yes', 'no', '1', '2', '3', '4', '5'], recipient(personOf(side))),
        'check-in',
        links('yes', 'no', '1', '2', '3', '4', '5'),
      ),
      toParticipant(side, 'milestone clarification', clarification('milestone', ['review'], recipient(personOf(side))), 'milestone', links('review')),
    ]),
    // Admin questions have no participant: the admin is greeted plainly, in the program's time zone.
    toAdmin(
      'decision clarification',
      clarification('admin-decision', ['continue', 'pause', 'end', 'rematch'], adminBase.to, 'admin'),
      'admin-decision',
      links('continue', 'pause', 'end', 'rematch'),
      [],
    ),
    toAdmin('approval clarification', clarification('approval', ['approve'], adminBase.to, 'admin'), 'approval', links('approve'), []),
  ],
  // functions/inbound-mail.ts: the standing address for a participant, none for an admin.
  questionClosed: () => [
    ...both((side) =>
      toParticipant(
        side,
        'question closed',
        emails.questionClosed({
          ...participantBase(side),
          question: questionWording('check-in').topic,
          closedOn: '2027-02-05T16:00:00Z',
          nextOn: '2027-02-16T08:00:00Z',
        }),
        'standing',
      ),
    ),
    toAdmin(
      'question closed',
      emails.questionClosed({ ...adminBase, question: questionWording('admin-decision').topic, closedOn: '2027-03-09T17:00:00Z', reader: 'admin' }),
      undefined,
      [],
      [],
    ),
    // Closed in silence (functions/domain/admin-answer.ts): what the silence decided, and the admin API routes that act now.
    toAdmin(
      'decision closed with no answer',
      emails.questionClosed({
        ...adminBase,
        question: questionWording('admin-decision').topic,
        closedOn: '2027-03-10T04:59:59.999Z',
        answeredOn: '2027-03-10T04:59:59.999Z',
        answeredAs: { by: 'nobody', decision: 'continue', pairingId: PAIRING_ID },
        reader: 'admin',
      }),
      undefined,
      [],
      [],
    ),
    toAdmin(
      'approval closed with no answer',
      emails.questionClosed({
        ...adminBase,
        question: questionWording('approval').topic,
        closedOn: '2027-01-09T04:59:59.999Z',
        answeredOn: '2027-01-09T04:59:59.999Z',
        answeredAs: { by: 'nobody', decision: 'not-approved' },
        reader: 'admin',
      }),
      undefined,
      [],
      [],
    ),
    toAdmin(
      'decision answered REMATCH in a program with no automatic rematches',
      emails.questionClosed({
        ...adminBase,
        program: { ...PROGRAM_CONTEXT, automaticRematches: 0 },
        question: questionWording('admin-decision').topic,
        closedOn: '2027-03-09T17:00:00Z',
        answeredOn: '2027-03-09T17:00:00Z',
        answeredAs: { by: 'another-admin', decision: 'rematch' },
        reader: 'admin',
      }),
      undefined,
      [],
      [],
    ),
  ],
  notTheParticipant: () => [
    ...both((side) =>
      toParticipant(
        side,
        'reply from another address',
        emails.notTheParticipant({ ...participantBase(side), otherAddress: 'i.mueller.privat@mail.example.net' }),
        'standing',
      ),
    ),
    toAdmin(
      'reply from another address',
      emails.notTheParticipant({ ...adminBase, otherAddress: 'assistant@example.org', reader: 'admin' }),
      undefined,
      [],
      [],
    ),
  ],
  // functions/inbound-mail.ts: a NO to the introduction naming the day they are back, recorded (the standing address).
  declineRecorded: () =>
    both((side) => [
      toParticipant(
        side,
        'decline with a return day',
        emails.declineRecorded({ ...participantBase(side), availableFrom: '2027-04-14', attachmentsNotKept: true }),
        'standing',
      ),
      toParticipant(
        side,
        'decline with a return day after the program stops matching',
        emails.declineRecorded({ ...participantBase(side), availableFrom: '2027-09-14', matchingEndsOn: '2027-06-30' }),
        'standing',
      ),
    ]),
  // functions/inbound-mail.ts: an answer to an admin question from someone HR removed from the admins.
  notAnAdmin: () => [toAdmin('answer from a former admin', emails.notAnAdmin(adminBase), undefined, [], [])],
  standingAddressHelp: () => both((side) => toParticipant(side, 'standing address help', emails.standingAddressHelp(participantBase(side)), 'standing')),
  // functions/inbound-mail.ts: PAUSE, END or REMATCH on the standing address, no pairing running.
  nothingRunning: () =>
    both((side) => [
      ...(['pause', 'end', 'rematch'] as const).flatMap((command) =>
        [true, false].map((waiting) =>
          toParticipant(
            side,
            `nothing running (${command}, ${waiting ? 'waiting' : 'not waiting'})`,
            emails.nothingRunning({ ...participantBase(side), command, waiting }),
            'standing',
          ),
        ),
      ),
      ...(['end', 'rematch'] as const).map((command) =>
        toParticipant(
          side,
          `that pairing has ended (${command})`,
          emails.nothingRunning({ ...participantBase(side), command, waiting: false, ended: true, reader: 'waiting' }),
          'standing',
        ),
      ),
      toParticipant(
        side,
        'already paused',
        emails.nothingRunning({ ...participantBase(side), command: 'pause', waiting: false, pausedUntil: '2027-04-06', reader: 'participant' }),
        'standing',
      ),
      // Before the start: the introduction in their inbox, or one that has not reached them yet (introduction-coming.ts).
      ...(
        [
          ['in the inbox', undefined],
          ['coming on a day', { on: '2027-01-13T08:00:00Z' }],
          ['coming shortly', { shortly: true }],
        ] as const
      ).map(([label, introductionComing]) =>
        toParticipant(
          side,
          `nothing to pause yet (introduction ${label})`,
          emails.nothingRunning({
            ...participantBase(side),
            command: 'pause',
            waiting: false,
            introduced: true,
            reader: 'introduced-elsewhere',
            ...(introductionComing ? { introductionComing } : {}),
          }),
          'standing',
        ),
      ),
      // END or REMATCH before their introduction has reached them: nothing ends (introductionToCome).
      ...(['end', 'rematch'] as const).flatMap((command) =>
        (
          [
            ['on a day', { on: '2027-01-13T08:00:00Z' }],
            ['shortly', { shortly: true }],
          ] as const
        ).map(([label, introductionComing]) =>
          toParticipant(
            side,
            `nothing to ${command} yet (introduction coming ${label})`,
            emails.nothingRunning({
              ...participantBase(side),
              command,
              waiting: false,
              introduced: true,
              reader: 'introduced-elsewhere',
              introductionComing,
            }),
            'standing',
          ),
        ),
      ),
    ]),
  // functions/inbound-mail.ts: the answer to a DATA or ERASE reply, sent with the standing address.
  dataRightsConfirm: () =>
    both((side) =>
      (['data', 'erase'] as const).map((request) =>
        toParticipant(
          side,
          `data-rights confirmation (${request})`,
          emails.dataRightsConfirm({
            to: recipient(personOf(side)),
            program: PROGRAM_CONTEXT,
            request,
            confirmUrl: 'https://answers.example.org/d/tok123.sig',
            expiresAt: '2027-03-08T09:00:00Z',
          }),
          'standing',
          ['https://answers.example.org/d/tok123.sig'],
        ),
      ),
    ),
  // functions/data-rights.ts: the export carries the standing address; the erasure's confirmation none.
  dataExport: () =>
    both((side) =>
      toParticipant(
        side,
        'data export',
        emails.dataExport({ to: recipient(personOf(side)), program: PROGRAM_CONTEXT, exportJson: '{"participantId":"pt_x"}', filename: 'export.json' }),
        'standing',
      ),
    ),
  dataErased: () =>
    both((side) =>
      toParticipant(side, 'erasure confirmation', emails.dataErased({ to: { timeZone: personOf(side).timeZone }, program: PROGRAM_CONTEXT }), undefined),
    ),
  // functions/cohort-approval.ts: the approval question's address.
  matchingApprovalRequest: () => {
    const name = (id: string) => PEOPLE.find((p) => p.participantId === id)!.name;
    return [
      toAdmin(
        'approval request',
        emails.matchingApprovalRequest({
          ...adminBase,
          pairs: MATCH.pairs.map((p) => ({ mentor: name(p.mentorId), mentee: name(p.menteeId), score: p.score, reasons: p.reasons, tradeOffs: p.tradeOffs })),
          proposedPairs: MATCH.pairs.length,
          unmatched: MATCH.unmatched.map((u) => ({ name: name(u.participantId), role: u.role, reason: u.reason })),
          unmatchedCount: MATCH.unmatched.length,
          answerBy: '2027-01-08T17:00:00Z',
          proposalRoute: `GET /programs/${PROGRAM.programId}/matching/${RUN_ID}`,
          answerLinks: { approve: answerLink('approve') },
        }),
        'approval',
        links('approve'),
        [MENTOR, MENTEE, WAITING],
      ),
      toAdmin(
        'approval request for two pairs and many unmatched',
        emails.matchingApprovalRequest({
          ...adminBase,
          pairs: [
            { mentor: MENTOR.name, mentee: MENTEE.name, score: 70.1, reasons: PROPOSED.reasons, tradeOffs: ['Only 1 hour of shared availability a week'] },
          ],
          proposedPairs: 2,
          unmatched: [{ name: WAITING.name, role: 'mentee', reason: MATCH.unmatched[0]!.reason }],
          unmatchedCount: 2,
          answerBy: '2027-01-08T17:00:00Z',
          proposalRoute: `GET /programs/${PROGRAM.programId}/matching/${RUN_ID}`,
          answerLinks: { approve: answerLink('approve') },
        }),
        'approval',
        links('approve'),
        [MENTOR, MENTEE, WAITING],
      ),
    ];
  },
  // functions/lifecycle/fault.ts: no reply address.
  adminPairingParked: () => [
    toAdmin(
      'pairing on hold',
      emails.adminPairingParked({
        ...adminBase,
        pairingId: PAIRING_ID,
        people: PEOPLE_NAMES,
        errorName: 'ProvisionedThroughputExceededException',
        resumeHow: `POST /pairings/${PAIRING_ID}/resume on the admin API (or a PairingResumeRequested event)`,
      }),
      undefined,
    ),
  ],
  // functions/lifecycle/waitlist-notices.ts (sendToPerson): the standing address.
  waitlisted: () =>
    both((side) =>
      (['no-eligible-partner', 'rematch-limit'] as const).map((code) =>
        toParticipant(side, `waitlisted, ${code}`, emails.waitlisted({ to: recipient(personOf(side)), program: PROGRAM_CONTEXT, code }), 'standing'),
      ),
    ),
  waitlistMatched: () =>
    both((side) =>
      toParticipant(
        side,
        'off the waitlist',
        emails.waitlistMatched({ to: recipient(personOf(side)), program: PROGRAM_CONTEXT, introductionBy: '2027-03-09T09:30:00Z' }),
        'standing',
      ),
    ),
  waitlistProgramClosed: () =>
    both((side) => [
      toParticipant(side, 'waitlist closed', emails.waitlistProgramClosed({ to: recipient(personOf(side)), program: PROGRAM_CONTEXT }), 'standing'),
      toParticipant(
        side,
        'waitlist closed after a pairing',
        emails.waitlistProgramClosed({ to: recipient(personOf(side)), program: PROGRAM_CONTEXT, hadPartner: true }),
        'standing',
      ),
    ]),
  // functions/domain/pairing/rematch.ts (planRematch), sent by the outbox to admins: no reply address.
  adminRematchHeld: () => [
    toAdmin(
      'rematch held',
      emails.adminRematchHeld({
        ...adminBase,
        pairingId: PAIRING_ID,
        people: [
          { name: MENTOR.name, role: 'mentor', held: 'capped', count: 3 },
          { name: MENTEE.name, role: 'mentee', held: 'inactive', count: 2 },
        ],
      }),
      undefined,
    ),
    toAdmin(
      'rematch held, one person',
      emails.adminRematchHeld({ ...adminBase, pairingId: PAIRING_ID, people: [{ name: MENTEE.name, role: 'mentee', held: 'inactive', count: 1 }] }),
      undefined,
      [],
      [MENTEE],
    ),
  ],
  // functions/admin-digest.ts: to each admin, no reply address.
  adminDigest: () => [
    toAdmin(
      'weekly digest',
      emails.adminDigest({
        ...adminBase,
        programId: PROGRAM.programId,
        weekOf: '2027-02-01T12:00:00Z',
        atRisk: [
          {
            pairingId: PAIRING_ID,
            people: PEOPLE_NAMES,
            // As functions/domain/report-risk.ts words them.
            risks: [{ reason: 'The pair missed 2 check-ins in a row.', action: 'Nothing yet: both were nudged; watch the next check-in.' }],
          },
        ],
        milestones: [{ pairingId: PAIRING_ID, people: PEOPLE_NAMES, label: 'Day 30 review', dueAt: '2027-02-10T08:00:00Z' }],
        waitlistSize: 1,
        approvals: [
          { runId: RUN_ID, pairCount: 2, unmatchedCount: 1, since: '2027-01-29T08:00:00Z', route: `/programs/${PROGRAM.programId}/matching/${RUN_ID}` },
        ],
        started: [{ pairingId: PAIRING_ID, people: PEOPLE_NAMES, at: '2027-01-12T10:00:00Z' }],
        notStarted: [],
      }),
      undefined,
    ),
  ],
  // functions/domain/pairing/goals.ts (confirmation), sent by the outbox: the standing address.
  goalsConfirmed: () =>
    both((side) => [
      toParticipant(
        side,
        'goals confirmed',
        emails.goalsConfirmed({
          ...participantBase(side),
          goals: { mine: ['Learn how the team uses AI tools'], partner: ['Understand how budgets are decided', 'Lead one planning meeting'] },
          baseline: personOf(side).topicsWanted.map((topic, i) => ({ topic, rating: i + 2 })),
          goalsAskedLater: true,
        }),
        'standing',
      ),
      toParticipant(
        side,
        'goals confirmed, none of their own yet',
        emails.goalsConfirmed({ ...participantBase(side), goals: { mine: [], partner: ['Lead one planning meeting'] }, goalsAskedLater: true }),
        'standing',
      ),
    ]),
  // functions/domain/pairing/mail.ts (startedWhileAway), sent by the outbox: the standing address.
  pairingStarted: () =>
    both((side) => [
      toParticipant(
        side,
        'started while away',
        emails.pairingStarted({ ...participantBase(side), nextCheckIn: '2027-02-16T09:00:00Z', awayPause: 'PAUSE until 1 March' }),
        'standing',
      ),
    ]),
  // functions/domain/pairing/goals.ts (partnerNotes), sent by the outbox: the standing address.
  partnerNote: () =>
    both((side) =>
      toParticipant(
        side,
        'partner note',
        emails.partnerNote({ ...participantBase(side), note: { valued: 'your questions about how we work', try: 'ask your team for a demo' } }),
        'standing',
      ),
    ),
  // functions/lifecycle/concern.ts (acknowledge): the standing address, with the private concern form.
  concernReceived: () =>
    both((side) =>
      [false, true].map((exit) => {
        const concernUrl = `${ANSWER_BASE}/c/v1.q7x2k9m3b8n1.sig-concern`;
        return toParticipant(
          side,
          exit ? 'concern received, leaving the pairing' : 'concern received',
          emails.concernReceived({
            to: recipient(personOf(side)),
            program: { ...PROGRAM_CONTEXT, concernUrl },
            text: 'We keep moving our meetings and I do not know how to raise it.',
            readBy: '2027-02-04T17:00:00Z',
            workingDays: 3,
            ...(exit ? { exit: true } : {}),
          }),
          'standing',
          [concernUrl],
        );
      }),
    ),
  // functions/lifecycle/concern.ts (notifyAdmins): to each admin, no reply address.
  adminConcernRaised: () => [
    toAdmin('concern raised', emails.adminConcernRaised(adminConcern(false)), undefined),
    toAdmin('concern raised, leaving the pairing', emails.adminConcernRaised({ ...adminConcern(false), exit: true }), undefined),
  ],
  // functions/domain/pairing/concerns.ts (watchConcerns), sent by the outbox in working hours: no reply address.
  adminConcernEscalated: () => [toAdmin('concern escalated', emails.adminConcernEscalated(adminConcern(true)), undefined)],
  // functions/domain/pairing/fit-check.ts (fitQuestion): the fit question's address.
  fitCheckRequest: () =>
    both((side) =>
      toParticipant(
        side,
        'fit check',
        emails.fitCheckRequest({
          ...participantBase(side),
          answerBy: '2027-02-12T17:00:00Z',
          answerLinks: { yes: answerLink('yes'), unsure: answerLink('unsure'), no: answerLink('no') },
        }),
        'fit',
        links('yes', 'unsure', 'no'),
      ),
    ),
  // functions/domain/pairing/fit-check.ts (closeFitCheck), sent by the outbox: no reply address.
  adminFitUnsure: () => [
    toAdmin(
      'fit unsure',
      emails.adminFitUnsure({
        ...adminBase,
        pairingId: PAIRING_ID,
        people: PEOPLE_NAMES,
        unsure: [{ name: MENTEE.name, role: 'mentee', note: 'Too early to tell' }],
      }),
      undefined,
    ),
  ],
};

/** An admin's notice of a concern the mentee raised about the pairing, as concern.ts and concerns.ts word it. */
function adminConcern(escalated: boolean) {
  return {
    ...adminBase,
    concernId: 'cn_7h2k9q4m1x',
    raisedAt: '2027-01-28T09:00:00Z',
    raisedBy: { name: MENTEE.name, role: 'mentee' as const },
    partner: { name: MENTOR.name, role: 'mentor' as const },
    text: 'We keep moving our meetings and I do not know how to raise it.',
    pairingId: PAIRING_ID,
    workingDays: 3,
    ...(escalated ? { escalated: true } : {}),
  };
}

/** Which readers each template reaches, as its senders send it: the walk checks each is sampled. */
export const READERS_OF: Partial<Record<TemplateName, readonly Delivery['reader'][]>> = {
  enrolmentConfirmation: ['mentor', 'mentee'],
  introduction: ['mentor', 'mentee'],
  acceptanceReminder: ['mentor', 'mentee'],
  pairingNotStarted: ['mentor', 'mentee'],
  adminPairingNotStarted: ['admin'],
  checkInRequest: ['mentor', 'mentee'],
  checkInThanks: ['mentor', 'mentee'],
  missedCheckInNudge: ['mentor', 'mentee'],
  seniorCommitmentNote: ['mentee'],
  adminEscalation: ['admin'],
  adminDecisionRequest: ['admin'],
  milestoneSurvey: ['mentor', 'mentee'],
  recognition: ['mentor', 'mentee'],
  managerNote: ['manager'],
  partnerLeft: ['mentor', 'mentee'],
  pairingPaused: ['mentor', 'mentee'],
  pairingResumed: ['mentor', 'mentee'],
  meetingsRescheduled: ['mentor', 'mentee'],
  datesRescheduled: ['mentor', 'mentee'],
  pairingEnded: ['mentor', 'mentee'],
  clarificationRequest: ['mentor', 'mentee', 'admin'],
  questionClosed: ['mentor', 'mentee', 'admin'],
  notTheParticipant: ['mentor', 'mentee', 'admin'],
  notAnAdmin: ['admin'],
  declineRecorded: ['mentor', 'mentee'],
  standingAddressHelp: ['mentor', 'mentee'],
  nothingRunning: ['mentor', 'mentee'],
  dataRightsConfirm: ['mentor', 'mentee'],
  dataExport: ['mentor', 'mentee'],
  dataErased: ['mentor', 'mentee'],
  matchingApprovalRequest: ['admin'],
  adminPairingParked: ['admin'],
  waitlisted: ['mentor', 'mentee'],
  waitlistMatched: ['mentor', 'mentee'],
  waitlistProgramClosed: ['mentor', 'mentee'],
  adminRematchHeld: ['admin'],
  adminDigest: ['admin'],
  goalsConfirmed: ['mentor', 'mentee'],
  pairingStarted: ['mentor', 'mentee'],
  partnerNote: ['mentor', 'mentee'],
  concernReceived: ['mentor', 'mentee'],
  adminConcernRaised: ['admin'],
  adminConcernEscalated: ['admin'],
  fitCheckRequest: ['mentor', 'mentee'],
  adminFitUnsure: ['admin'],
};
