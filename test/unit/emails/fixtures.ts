import * as emails from '../../../functions/domain/emails';
import type { RenderedEmail, TemplateName } from '../../../functions/domain/emails';
import { proposeMeetingSlot, type MeetingSlot } from '../../../functions/domain/meeting-slot';

const weekdays = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '09:00', end: '17:00' }));
/** A weekly series between London and Berlin from 1 March 2027 for three months. */
export const SAMPLE_SLOT: MeetingSlot = proposeMeetingSlot({
  anchor: { timeZone: 'Europe/Berlin', availability: weekdays },
  other: { timeZone: 'Europe/London', availability: weekdays },
  cadenceDays: 7,
  notBefore: new Date('2027-03-01T00:00:00Z'),
  until: new Date('2027-06-01T00:00:00Z'),
});

/** Names and free text that templates interpolate; tests swap in hostile values. */
export interface People {
  person: string;
  partner: string;
  freeText: string;
}

export const BENIGN: People = { person: 'Alex Morgan', partner: 'Sam Lee', freeText: 'Learn how my team uses AI tools day to day' };

const link = (answer: string) => `https://answers.example.org/r/tok123?answer=${answer}&sig=abc`;
const defaultProgram = { name: 'Spring Cohort 2027', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } };
const london = { name: '', timeZone: 'Europe/London' };
const journey = {
  startedOn: '2027-01-12T09:00:00Z',
  completedOn: '2027-07-13T09:00:00Z',
  checkInsHeld: 11,
  topics: ['ai-tools', 'strategy'],
  milestones: [
    { label: 'Day 30', progress: 3 },
    { label: 'Day 90', progress: 4 },
  ],
};

/** One rendering of every template, with the facts each must show in both parts. */
export function renderAll(p: People = BENIGN, opts: { adminName?: string } = {}): Record<TemplateName, { email: RenderedEmail; facts: string[] }> {
  const program = { ...defaultProgram, admin: { ...defaultProgram.admin, name: opts.adminName ?? defaultProgram.admin.name } };
  const to = { ...london, name: p.person };
  const base = { to, program };
  // Admins read the pair by full name (a hostile partner name reaches admin emails too).
  const pairPeople = { mentor: 'Ana Souza', mentee: p.partner };
  return {
    enrolmentConfirmation: {
      email: emails.enrolmentConfirmation({ ...base, role: 'mentor', sharesProgressWithManager: false, matchingExpectedBy: '2027-02-01T09:00:00Z' }),
      facts: [
        'What happens next',
        'Monday 1 February 2027',
        'your first name, your topics, your goals, your time zone',
        'your full name and work email address',
        'Your manager is not told',
        'Reply STOP',
      ],
    },
    introduction: {
      email: emails.introduction({
        ...base,
        role: 'mentee',
        partner: { name: p.partner, role: 'mentor', goals: p.freeText, topicsOffered: ['ai-tools', 'social-media'], topicsWanted: ['strategy'] },
        reasons: ['Sam offers AI tools, the topic you want most', 'You are both free on Tuesday mornings'],
        topics: ['ai-tools', 'strategy'],
        answerBy: '2027-01-19T23:59:59.999Z',
        answerLinks: { accept: link('yes'), decline: link('no') },
        rateTopics: ['ai-tools', 'social-media'],
      }),
      facts: [
        'Your goals and where you start',
        'AI tools: 1-5',
        'GOALS:',
        'Why you were matched',
        'You are both free on Tuesday mornings',
        'AI tools; and Social media and creator platforms',
        'Receive feedback with curiosity',
        'Protect the time you committed',
        'What was the last task you tried an AI tool for',
        'Will you take part? Reply YES or NO',
        'Tuesday 19 January 2027',
      ],
    },
    acceptanceReminder: {
      email: emails.acceptanceReminder({
        ...base,
        partner: { name: p.partner },
        answerBy: '2027-01-19T23:59:59.999Z',
        answerLinks: { accept: link('yes'), decline: link('no') },
      }),
      facts: ['Reply YES or NO', 'Tuesday 19 January 2027', 'no one is blamed'],
    },
    adminPairingNotStarted: {
      email: emails.adminPairingNotStarted({
        ...base,
        pairingId: 'pair-0042',
        participants: [
          { participantId: 'p-mentor-1', name: 'Ana Souza', role: 'mentor', answer: 'accepted' },
          { participantId: 'p-mentee-7', name: p.partner, role: 'mentee', answer: 'declined', reason: 'Travelling until March' },
        ],
      }),
      facts: ['Ana Souza (mentor)', `${p.partner} (mentee)`, 'declined', 'Travelling until March', 'rematch', 'Reference: pairing pair-0042'],
    },
    pairingNotStarted: {
      email: emails.pairingNotStarted({ ...base, partner: { name: p.partner } }),
      facts: ['will not go ahead', 'says nothing about you', 'new partner'],
    },
    checkInRequest: {
      email: emails.checkInRequest({
        ...base,
        partner: { name: p.partner },
        since: '2027-01-26T09:00:00Z',
        answerBy: '2027-02-14T23:59:59.999Z',
        answerLinks: { yes: link('yes'), no: link('no'), ratings: [link('1'), link('2'), link('3'), link('4'), link('5')] },
      }),
      facts: ['since Tuesday 26 January 2027', 'Reply YES or NO', 'from 1 (not useful) to 5', 'We met: 5 of 5', 'never by your partner'],
    },
    checkInThanks: {
      email: emails.checkInThanks({ ...base, partner: { name: p.partner }, checkInsHeld: 3, nextCheckIn: '2027-02-23T09:00:00Z', rating: 2 }),
      facts: ['3 meetings so far', 'Tuesday 23 February 2027', 'privately'],
    },
    missedCheckInNudge: {
      email: emails.missedCheckInNudge({ ...base, partner: { name: p.partner }, nextCheckIn: '2027-02-23T09:00:00Z', nextReview: 'Day 60 review' }),
      facts: ['Book your next three sessions now', 'Next comes your Day 60 review, on Tuesday 23 February 2027', 'reply PAUSE'],
    },
    seniorCommitmentNote: {
      email: emails.seniorCommitmentNote({ ...base, partner: { name: p.partner }, missedCount: 2, nextCheckIn: '2027-03-09T09:00:00Z' }),
      facts: ['2 check-ins in a row', 'you committed to protecting this time', 'without blame', 'Tuesday 9 March 2027'],
    },
    adminEscalation: {
      email: emails.adminEscalation({ ...base, pairingId: 'pair-0042', people: pairPeople, missedCount: 2, lastMetOn: '2027-01-26T09:00:00Z' }),
      facts: [
        'Ana Souza (mentor)',
        `${p.partner} (mentee)`,
        '2 check-ins in a row',
        'Missed check-ins in a row',
        'Tuesday 26 January 2027',
        'Reference: pairing pair-0042',
      ],
    },
    adminDecisionRequest: {
      email: emails.adminDecisionRequest({
        ...base,
        pairingId: 'pair-0042',
        people: pairPeople,
        missedCount: 3,
        answerBy: '2027-03-16T23:59:59.999Z',
        answerLinks: { continue: link('continue'), pause: link('pause'), end: link('end'), rematch: link('rematch') },
      }),
      facts: [
        'Ana Souza (mentor)',
        `${p.partner} (mentee)`,
        'missed 3 check-ins',
        'CONTINUE, PAUSE with how long or a resume date, END or REMATCH',
        'Rematch',
        'Reference: pairing pair-0042',
      ],
    },
    milestoneSurvey: {
      email: emails.milestoneSurvey({
        ...base,
        milestone: 'Day 30 review',
        goals: p.freeText,
        topics: ['ai-tools'],
        answerBy: '2027-02-18T23:59:59.999Z',
        answerLink: link('form'),
        rateTopics: ['ai-tools'],
        pairGoals: ['Use an AI assistant for my weekly report'],
        partner: { name: p.partner },
        final: true,
      }),
      facts: [
        'Where you are now, per topic',
        'How far along is each goal?',
        'Use an AI assistant for my weekly report',
        'KEEP:',
        'SHARE',
        'Day 30 review',
        'from 1 (none yet) to 5',
        'from 0 (not at all) to 10',
        'PROGRESS 4, RECOMMEND 9',
        'LEARNED:',
        'TAUGHT:',
      ],
    },
    recognition: {
      email: emails.recognition({ ...base, to: { ...to, name: p.person }, role: 'mentor', partner: { name: p.partner }, journey }),
      facts: [
        'Tuesday 12 January 2027 to Tuesday 13 July 2027',
        'Check-ins held',
        '11',
        'AI tools and Strategy',
        'Day 30: 3; Day 90: 4',
        emails.CERTIFICATE_FILENAME,
      ],
    },
    managerNote: {
      email: emails.managerNote({
        ...base,
        to: { name: 'Jordan Blake', timeZone: 'Europe/London' },
        report: { name: p.person, role: 'mentor' },
        journey,
        contributed: ['ai-tools'],
        learned: ['strategy'],
        highlights: [p.freeText],
      }),
      facts: ['Hello Jordan,', 'Contributed: AI tools', 'Learned about: Strategy', 'agreed that we share', 'receive no more of these notes'],
    },
    partnerLeft: {
      email: emails.partnerLeft({ ...base, partner: { name: p.partner }, checkInsHeld: 4, rematchRequested: true, leaving: 'organisation' }),
      facts: ['leaving the organisation', 'nothing to do with you', '4 meetings', 'new partner'],
    },
    pairingPaused: {
      email: emails.pairingPaused({ ...base, partner: { name: p.partner }, resumeOn: '2027-04-06T09:00:00Z', openQuestionUntil: '2027-03-28T22:59:59.999Z' }),
      facts: ['paused until Tuesday 6 April 2027', 'you can answer it until Sunday 28 March 2027', 'Nothing you have recorded is lost'],
    },
    pairingResumed: {
      email: emails.pairingResumed({ ...base, partner: { name: p.partner }, nextCheckIn: '2027-04-20T09:00:00Z' }),
      facts: ['has resumed', 'Tuesday 20 April 2027'],
    },
    meetingsRescheduled: {
      email: emails.meetingsRescheduled({
        ...base,
        partner: { name: p.partner },
        meeting: { slot: SAMPLE_SLOT, partner: { name: p.partner, timeZone: 'Europe/Berlin' } },
      }),
      facts: ['changed the schedule', 'every week', 'replaces the earlier series'],
    },
    datesRescheduled: {
      email: emails.datesRescheduled({ ...base, partner: { name: p.partner }, nextCheckIn: '2027-04-20T09:00:00Z', nextReview: 'Day 45 review' }),
      facts: ['changed the schedule', 'no longer holds', 'next comes your Day 45 review, on Tuesday 20 April 2027'],
    },
    concernReceived: {
      email: emails.concernReceived({ ...base, text: p.freeText, readBy: '2027-02-03T09:00:00Z', workingDays: 2 }),
      facts: ['Only the program admins of', 'your partner never sees it', 'within 2 working days', 'Wednesday 3 February 2027', p.freeText],
    },
    adminConcernRaised: {
      email: emails.adminConcernRaised({
        ...base,
        concernId: 'cn_abc',
        raisedAt: '2027-02-01T10:00:00Z',
        raisedBy: { name: 'Ana Souza', role: 'mentor' },
        partner: { name: p.partner, role: 'mentee' },
        text: p.freeText,
        pairingId: 'pair-0042',
        workingDays: 2,
      }),
      facts: [
        'Ana Souza (mentor)',
        `${p.partner} (mentee)`,
        p.freeText,
        'POST /concerns/cn_abc',
        'has not been told',
        'get back to them within',
        'please write to them yourself',
        'are not emailed to them',
        // The person's data export carries the admins' notes on their case: the email never promises they stay unseen.
        'a copy of their data they ask for includes them',
      ],
    },
    adminConcernEscalated: {
      email: emails.adminConcernEscalated({
        ...base,
        concernId: 'cn_abc',
        raisedAt: '2027-02-01T10:00:00Z',
        raisedBy: { name: 'Ana Souza', role: 'mentor' },
        partner: { name: p.partner, role: 'mentee' },
        text: p.freeText,
        pairingId: 'pair-0042',
        workingDays: 2,
        escalated: true,
      }),
      facts: ['Ana Souza (mentor)', 'promised an answer within 2 working days, and today is the last of them', p.freeText, 'POST /concerns/cn_abc'],
    },
    fitCheckRequest: {
      email: emails.fitCheckRequest({
        ...base,
        partner: { name: p.partner },
        answerBy: '2027-02-05T23:59:59.999Z',
        answerLinks: { yes: link('yes'), unsure: link('unsure'), no: link('no') },
      }),
      facts: ['good fit', 'NOT SURE', 'program admins only', 'Friday 5 February 2027'],
    },
    adminFitUnsure: {
      email: emails.adminFitUnsure({
        ...base,
        pairingId: 'pair-0042',
        people: pairPeople,
        unsure: [{ name: 'Ana Souza', role: 'mentor', note: p.freeText }],
      }),
      facts: ['Ana Souza (mentor)', 'not sure', p.freeText, 'pair-0042'],
    },
    pairingEnded: {
      email: emails.pairingEnded({ ...base, partner: { name: p.partner }, reason: 'not-meeting', checkInsHeld: 2, rematchRequested: false }),
      facts: ['has ended', "no one's fault", '2 meetings', 'may be offered a new partner'],
    },
    clarificationRequest: {
      email: emails.clarificationRequest({
        ...base,
        quotedReply: p.freeText,
        understood: 'a YES, but no rating between 1 and 5',
        prompt: 'Did you meet? Reply YES or NO, with a rating from 1 to 5 if you met.',
        replyExamples: ['YES 4', 'NO'],
        answerLinks: [{ label: 'Yes, we met', url: link('yes') }],
      }),
      facts: ['We read:', 'What we understood: a YES, but no rating between 1 and 5', 'nothing has been recorded yet', 'YES 4'],
    },
    questionClosed: {
      email: emails.questionClosed({
        ...base,
        question: 'the check-in about your meetings since Tuesday 26 January 2027',
        closedOn: '2027-02-14T09:00:00Z',
        nextOn: '2027-02-23T09:00:00Z',
      }),
      facts: ['closed on Sunday 14 February 2027', 'could not be recorded', 'next question comes on Tuesday 23 February 2027'],
    },
    notTheParticipant: {
      email: emails.notTheParticipant({ ...base, otherAddress: 'alex.private@mail.example.com' }),
      facts: ['a***@mail.example.com', 'nothing was recorded'],
    },
    declineRecorded: {
      email: emails.declineRecorded({ ...base, partner: { name: p.partner }, availableFrom: '2027-04-14', attachmentsNotKept: true }),
      facts: ['has closed, without blame', 'back on Wednesday 14 April 2027', 'not be matched with a new partner before that day', 'attachments are not kept'],
    },
    notAnAdmin: {
      email: emails.notAnAdmin(base),
      facts: ["removed from the program's admins", 'current admins decide now'],
    },
    standingAddressHelp: {
      email: emails.standingAddressHelp(base),
      facts: ['PAUSE', 'END', 'STOP', 'Nothing was recorded'],
    },
    nothingRunning: {
      email: emails.nothingRunning({ ...base, command: 'rematch', waiting: true }),
      facts: ['REMATCH', 'no pairing running', 'nothing was changed', 'already waiting for a partner'],
    },
    dataRightsConfirm: {
      email: emails.dataRightsConfirm({
        ...base,
        request: 'erase',
        confirmUrl: 'https://answers.example.org/d/tok123.sig',
        expiresAt: '2027-03-08T23:59:59.999Z',
      }),
      facts: ['Confirm the erasure', 'Monday 8 March 2027', 'cannot be undone', 'nothing happens without the confirmation'],
    },
    dataExport: {
      email: emails.dataExport({ ...base, exportJson: '{"participantId":"pt_1"}', filename: 'pt_1.json' }),
      facts: ['pt_1.json', 'JSON', 'not in it'],
    },
    dataErased: {
      email: emails.dataErased(base),
      facts: ['erased', 'last email'],
    },
    matchingApprovalRequest: {
      email: emails.matchingApprovalRequest({
        ...base,
        pairs: [
          {
            mentor: 'Ana Souza',
            mentee: p.partner,
            score: 81.4,
            reasons: [`Ana Souza can help ${p.partner} with AI tools, which Sam ranked first`],
            tradeOffs: ['Only 1 hour of shared availability a week'],
          },
        ],
        proposedPairs: 12,
        unmatched: [
          { name: 'Kim Park', role: 'mentee', reason: 'No eligible mentor: of the 2 mentors, 2 share no language. Waitlisted; a late joiner may fit.' },
        ],
        unmatchedCount: 3,
        answerBy: '2027-01-08T23:59:59.999Z',
        proposalRoute: 'GET /programs/spring-2027/matching/run-1',
        answerLinks: { approve: link('approve') },
      }),
      facts: [
        'Matching for Spring Cohort 2027 has proposed 12 pairs',
        '3 participants stay unmatched',
        `1. Ana Souza (mentor) with ${p.partner} (mentee)`,
        'Score 81.',
        'which Sam ranked first',
        'Trade-offs: Only 1 hour of shared availability a week.',
        'Kim Park (mentee)',
        '2 share no language',
        'And 11 more pairs: see GET /programs/spring-2027/matching/run-1',
        'And 2 more people',
        'Reply APPROVE',
      ],
    },
    waitlisted: {
      email: emails.waitlisted({ ...base, code: 'capacity' }),
      facts: ['You are on the waitlist', 'is already paired, or not available in this matching round', 'We cannot say when', 'nothing you need to do'],
    },
    waitlistMatched: {
      email: emails.waitlistMatched({ ...base, introductionBy: '2027-03-09T09:30:00Z' }),
      facts: ['You were on the waitlist', 'introduction email', 'follows by Tuesday 9 March 2027'],
    },
    waitlistProgramClosed: {
      email: emails.waitlistProgramClosed(base),
      facts: ['has now closed', 'did not find a partner', 'off the waitlist'],
    },
    adminRematchHeld: {
      email: emails.adminRematchHeld({
        ...base,
        pairingId: 'pr_abc',
        people: [
          { name: 'Ana Souza', role: 'mentor', held: 'capped', count: 3 },
          { name: p.partner, role: 'mentee', held: 'inactive', count: 2 },
        ],
      }),
      facts: ['Ana Souza (mentor)', `${p.partner} (mentee)`, '3 automatic rematches', '2 introductions in a row', 'inactive', 'Reference: pairing pr_abc'],
    },
    adminPairingParked: {
      email: emails.adminPairingParked({
        ...base,
        pairingId: 'pr_abc',
        people: pairPeople,
        errorName: 'TooManyRequestsException',
        resumeHow: 'POST /pairings/pr_abc/resume on the admin API',
      }),
      facts: [
        'Ana Souza (mentor)',
        `${p.partner} (mentee)`,
        'TooManyRequestsException',
        'on hold',
        'POST /pairings/pr_abc/resume',
        'Reference: pairing pr_abc',
      ],
    },
    adminDigest: {
      email: emails.adminDigest({
        ...base,
        programId: 'spring-2027',
        weekOf: '2027-03-01T00:00:00Z',
        atRisk: [
          {
            pairingId: 'pr_abc',
            people: pairPeople,
            risks: [{ reason: 'The pair missed 2 check-ins in a row.', action: 'Check in with the senior partner about protecting the time.' }],
          },
        ],
        milestones: [{ pairingId: 'pair-0042', people: pairPeople, label: 'Day 30 review', dueAt: '2027-03-03T09:00:00Z' }],
        waitlistSize: 3,
        approvals: [{ runId: 'run-1', pairCount: 4, unmatchedCount: 1, since: '2027-02-26T10:00:00Z', route: '/programs/spring-2027/matching/run-1' }],
        started: [],
        notStarted: [{ pairingId: 'pair-0042', people: pairPeople, at: '2027-02-25T10:00:00Z', detail: 'declined: Travelling until March' }],
      }),
      facts: [
        'Ana Souza (mentor)',
        `${p.partner} (mentee)`,
        'The pair missed 2 check-ins in a row.',
        'Suggested: Check in with the senior partner',
        'Day 30 review',
        'Wednesday 3 March 2027',
        '3 people are waiting',
        '4 pairs proposed',
        'POST /programs/spring-2027/matching/run-1/approve',
        'Travelling until March',
        'Reference: pairing pr_abc',
      ],
    },
    goalsConfirmed: {
      email: emails.goalsConfirmed({
        ...base,
        partner: { name: p.partner },
        goals: { mine: [p.freeText, 'Run one meeting fully async'], partner: ['Understand how budgets get approved'] },
        baseline: [{ topic: 'ai-tools', rating: 2 }],
      }),
      facts: ['The goals you and', 'Run one meeting fully async', 'Understand how budgets get approved', 'AI tools: 2 of 5', 'Only you and the program admin'],
    },
    pairingStarted: {
      email: emails.pairingStarted({
        ...base,
        partner: { name: p.partner },
        nextCheckIn: '2027-03-17T09:00:00Z',
        awayPause: 'PAUSE until 29 March',
      }),
      facts: ['both said YES', 'The next check-in comes on Wednesday 17 March 2027', 'PAUSE until 29 March', 'count as missed'],
    },
    partnerNote: {
      email: emails.partnerNote({
        ...base,
        partner: { name: p.partner },
        note: { valued: 'Your patience with my questions', try: 'Ask your team for feedback too' },
      }),
      facts: ['Your patience with my questions', 'One thing to try', 'Ask your team for feedback too', 'asked us to send it'],
    },
  };
}
