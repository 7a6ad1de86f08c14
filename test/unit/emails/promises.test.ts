import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { proposeMeetingSlot, type FoundSlot } from '../../../functions/domain/meeting-slot';
import { readerTimeRuns } from '../../../functions/domain/emails/meeting-times';
import { interpretReply } from '../../../functions/domain/replies';
import { topicLabel } from '../../../functions/domain/topics';

/** Promises the emails make, held to what the system really does (QA: /work/qa/promises, /work/qa/import2). */

const base = {
  to: { name: 'Alex Morgan', timeZone: 'Europe/London' },
  program: { name: 'Spring Cohort 2027', admin: { name: 'Priya Shah', email: 'priya@example.org' } },
};
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** The first reply example of the plain-text part, as the reader would copy it. */
const exampleIn = (text: string) =>
  (text.match(/for example:\n\n((?: {4}.*\n)+)/)?.[1] ?? '')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .trim();
const links = { accept: 'https://a.example.org/y', decline: 'https://a.example.org/n' };

describe('names written "Last, First"', () => {
  it('greet and name by the first name', () => {
    expect(emails.firstNameOf('Lovelace, Ada')).toBe('Ada');
    expect(emails.firstNameOf('  Hopper,Grace Brewster ')).toBe('Grace');
    expect(emails.firstNameOf('Ada Lovelace, PhD')).toBe('Ada');
    expect(emails.firstNameOf('Martin Luther King, Jr.')).toBe('Martin');
    const email = emails.enrolmentConfirmation({
      ...base,
      to: { name: 'Lovelace, Ada', timeZone: 'Europe/London' },
      role: 'mentor',
      sharesProgressWithManager: false,
    });
    expect(email.text).toContain('Hello Ada,');
    expect(email.text).not.toContain('Lovelace,,');
    expect(email.html).toContain('Hello Ada,');
  });
});

describe('the enrolment confirmation', () => {
  it('names everything the partner sees: the invitation carries the full name and work email, the certificate the full name', () => {
    const text = flat(emails.enrolmentConfirmation({ ...base, role: 'mentee', sharesProgressWithManager: false }).text);
    expect(text).not.toContain('Your partner sees your first name, your topics and your goals.');
    expect(text).toMatch(/calendar invitation for your meetings also shows them your full name and work email address/);
    expect(text).toMatch(/certificate at the end carries your full name/);
  });

  it('promises no manager note when no manager address is known', () => {
    const text = flat(emails.enrolmentConfirmation({ ...base, role: 'mentee', sharesProgressWithManager: true, managerEmailKnown: false }).text);
    expect(text).not.toMatch(/manager may receive a short note/);
    expect(text).toMatch(/no email address for them, so no note can be sent/);
    const known = flat(emails.enrolmentConfirmation({ ...base, role: 'mentee', sharesProgressWithManager: true, managerEmailKnown: true }).text);
    expect(known).toMatch(/manager may receive a short note at the end/);
  });
});

describe('reply examples in the reader’s own voice', () => {
  const intro = (role: 'mentor' | 'mentee') =>
    emails.introduction({
      ...base,
      role,
      partner: { name: 'Sam Lee', role: role === 'mentor' ? 'mentee' : 'mentor', goals: 'Learn', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] },
      reasons: ['You both care about AI tools'],
      topics: ['ai-tools'],
      answerBy: '2027-01-11T23:59:59Z',
      answerLinks: links,
      rateTopics: role === 'mentor' ? ['strategy'] : ['ai-tools'],
    });
  const review = (role: 'mentor' | 'mentee', final = false) =>
    emails.milestoneSurvey({
      ...base,
      role,
      milestone: final ? 'End of program review' : 'Day 30 review',
      partner: { name: 'Sam Lee' },
      goals: 'Learn',
      topics: ['ai-tools', 'strategy'],
      answerBy: '2027-02-11T23:59:59Z',
      answerLink: 'https://a.example.org/r',
      ...(final ? { final: true, rateTopics: [role === 'mentor' ? 'strategy' : 'ai-tools'] } : {}),
    });

  it('the mentor’s introduction gives goals a mentor learns; the mentee’s, goals a senior learns', () => {
    const mentor = flat(intro('mentor').text);
    expect(mentor).not.toContain('Use an AI assistant for my weekly report');
    expect(mentor).toContain('1. Understand how budget decisions are really made');
    expect(flat(intro('mentee').text)).toContain('1. Use an AI assistant for my weekly report');
  });

  it('every review names the partner it is about: a mentor with two mentees gets two (QA)', () => {
    for (const final of [false, true]) {
      const email = review('mentor', final);
      // The final review asks per topic and about the program too: not "four short questions" then.
      expect(email.subject).toBe(`${final ? 'End of program review' : 'Day 30 review'} with Sam: ${final ? 'a few questions' : 'four short questions'}`);
      expect(flat(email.text)).toContain('Time to look back on your pairing with Sam.');
      expect(flat(email.text)).not.toContain('Sam Lee');
    }
  });

  it('the mentor’s review learns strategy and teaches digital ways; the mentee’s the reverse', () => {
    for (const final of [false, true]) {
      const mentor = flat(review('mentor', final).text);
      expect(mentor).toContain('LEARNED: how budget decisions are really made');
      expect(mentor).toContain('TAUGHT: how the team uses shared docs instead of long email threads');
      const mentee = flat(review('mentee', final).text);
      expect(mentee).toContain('LEARNED: how the team uses shared docs instead of long email threads');
      expect(mentee).toContain('TAUGHT: how budget decisions are really made');
    }
  });

  it('the first check-in’s goals example is in the reader’s voice', () => {
    const text = flat(
      emails.checkInRequest({
        ...base,
        role: 'mentor',
        partner: { name: 'Sam Lee' },
        since: '2027-01-11T09:00:00Z',
        answerBy: '2027-01-20T23:59:59Z',
        answerLinks: { yes: 'https://a/y', no: 'https://a/n', ratings: ['https://a/1', 'https://a/2', 'https://a/3', 'https://a/4', 'https://a/5'] },
        askGoals: true,
      }).text,
    );
    expect(text).not.toContain('Use an AI assistant');
    expect(text).toContain('1. Understand how budget decisions are really made');
  });

  it('every example still reads as the answer it shows', () => {
    const strategy = [{ key: 'strategy', labels: [topicLabel('strategy'), 'strategy'] }];
    const intro = emails.introduction({
      ...base,
      role: 'mentor',
      partner: { name: 'Sam Lee', role: 'mentee', goals: 'Learn', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] },
      reasons: ['r'],
      topics: ['strategy'],
      answerBy: '2027-01-11T23:59:59Z',
      answerLinks: links,
      rateTopics: ['strategy'],
    });
    // The plain text lists the NO example right under the YES one: the YES reply is the lines before it.
    const example = exampleIn(intro.text).split('\nNO ')[0]!;
    expect(interpretReply(example, 'acceptance', { ask: { goals: true, items: strategy } })).toMatchObject({
      intent: 'yes',
      goals: ['Understand how budget decisions are really made', 'Lead my first cross-team meeting'],
    });
    for (const role of ['mentor', 'mentee'] as const) {
      const reviewExample = exampleIn(review(role).text);
      expect(interpretReply(reviewExample, 'milestone')).toMatchObject({ rating: 4, score: 9 });
    }
  });
});

describe('a pairing that ends before it starts', () => {
  it('is not "ended" and thanks no one for a try, and still promises someone new', () => {
    const email = emails.pairingEnded({
      ...base,
      partner: { name: 'Mia Chen' },
      reason: 'program-change',
      checkInsHeld: 0,
      rematchRequested: true,
      started: false,
    });
    const text = flat(email.text);
    expect(email.subject).toBe('Your pairing with Mia will not start');
    expect(text).not.toMatch(/has ended|giving it a try/);
    expect(text).toMatch(/introduction to Mia is closed/);
    expect(text).toMatch(/looking for someone new for you/);
  });

  it('a pairing that did start still reads as ended', () => {
    const text = flat(emails.pairingEnded({ ...base, partner: { name: 'Mia Chen' }, reason: 'program-change', checkInsHeld: 0, rematchRequested: true }).text);
    expect(text).toMatch(/Your pairing with Mia has ended/);
  });
});

describe('the admins’ escalation', () => {
  const escalation = (extra: Partial<emails.AdminEscalationInput>) =>
    flat(
      emails.adminEscalation({
        ...base,
        to: { timeZone: 'Europe/London' },
        pairingId: 'pr_1',
        people: { mentor: 'Mia Chen', mentee: 'Sam Lee' },
        missedCount: 2,
        ...extra,
      }).text,
    );

  it('promises a decision request only when a check-in is left to bring it', () => {
    expect(escalation({ decisionAfterMissed: 1 })).toMatch(/If the next check-in is missed too, you will be asked/);
    const none = escalation({ checkInsLeft: 0, finalReviewOn: '2027-04-05T00:00:00Z' });
    expect(none).not.toMatch(/If the next check-in is missed/);
    expect(none).toMatch(/none will be asked: no check-in is left before the end-of-program review, sent on Monday 5 April 2027\./);
  });

  it('counts the check-ins still needed when the ladder is longer', () => {
    expect(escalation({ decisionAfterMissed: 2 })).toMatch(/If the next 2 check-ins are missed too/);
    expect(escalation({ checkInsLeft: 1 })).toMatch(/only 1 check-in is left before the end-of-program review, too few/);
  });
});

describe('the meeting invitation’s time in the reader’s zone', () => {
  const monToFri = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '00:00', end: '23:59' }));
  const slotFor = (anchor: string, other: string, from: string, months: number): FoundSlot => {
    const notBefore = new Date(from);
    const until = new Date(notBefore);
    until.setUTCMonth(until.getUTCMonth() + months);
    const slot = proposeMeetingSlot({
      anchor: { timeZone: anchor, availability: monToFri },
      other: { timeZone: other, availability: monToFri },
      workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '00:00', end: '23:59' },
      cadenceDays: 7,
      notBefore,
      until,
    });
    if (!slot.found) throw new Error('no slot');
    return slot;
  };
  const meetingText = (slot: FoundSlot, readerZone: string, partnerZone: string) =>
    flat(
      emails.introduction({
        ...base,
        to: { name: 'Mia Chen', timeZone: readerZone },
        role: 'mentor',
        partner: { name: 'Sam Lee', role: 'mentee', goals: 'Learn', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] },
        reasons: ['r'],
        topics: ['ai-tools'],
        answerBy: '2027-01-11T23:59:59Z',
        answerLinks: links,
        meeting: { slot, partner: { name: 'Sam Lee', timeZone: partnerZone } },
      }).text,
    );

  it('says the Auckland time moves by two hours for months when the series keeps Los Angeles time', () => {
    const slot = slotFor('America/Los_Angeles', 'Pacific/Auckland', '2027-02-01T00:00:00Z', 6);
    const runs = readerTimeRuns(slot, 'Pacific/Auckland');
    expect(Math.max(...runs.map((r) => Math.abs(r.shiftMinutes)))).toBe(120);
    const text = meetingText(slot, 'Pacific/Auckland', 'America/Los_Angeles');
    expect(text).not.toMatch(/may move by an hour for a few weeks/);
    expect(text).toMatch(/the time in yours moves by up to two hours: at \d\d:\d\d until \w+ \d+ \w+ 2027, then at \d\d:\d\d from/);
  });

  it('says nothing about moving when the two zones change their clocks together', () => {
    const slot = slotFor('Europe/Berlin', 'Europe/Paris', '2027-02-01T00:00:00Z', 6);
    const text = meetingText(slot, 'Europe/Paris', 'Europe/Berlin');
    expect(text).toMatch(/It keeps its time in Europe\/Berlin time\. If it does not suit you/);
    expect(text).not.toMatch(/move by|moves by/);
  });

  it('says nothing about moving when no clock changes during the series', () => {
    const slot = slotFor('Europe/London', 'America/New_York', '2027-05-03T00:00:00Z', 3);
    expect(meetingText(slot, 'America/New_York', 'Europe/London')).toMatch(/It keeps its time in Europe\/London time\. If/);
  });

  it('names the weeks an hour moves when the zones change their clocks weeks apart', () => {
    const slot = slotFor('Europe/London', 'America/New_York', '2027-02-01T00:00:00Z', 3);
    expect(meetingText(slot, 'America/New_York', 'Europe/London')).toMatch(
      /moves by an hour: at \d\d:\d\d until \w+ \d+ March 2027, then at \d\d:\d\d from \w+ \d+ March 2027 to \w+ \d+ March 2027, then at \d\d:\d\d from \w+ \d+ (?:March|April) 2027 to the end of the series/,
    );
  });
});

describe('the admin decision request', () => {
  it('says what silence does and where the note is kept (QA)', () => {
    const text = emails
      .adminDecisionRequest({
        to: { timeZone: 'Europe/London' },
        program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
        pairingId: 'pr_1',
        people: { mentor: 'Mia Chen', mentee: 'Sam Lee' },
        missedCount: 3,
        answerBy: '2027-03-08T09:00:00Z',
        answerLinks: { continue: 'https://a.example/c', pause: 'https://a.example/p', end: 'https://a.example/e', rematch: 'https://a.example/r' },
      })
      .text.replace(/\s+/g, ' ');
    expect(text).toContain('If no admin answers in time, the pairing continues as it is.');
    expect(text).toContain('kept as your note on the decision (GET /pairings/{pairingId} shows it with the decision)');
  });
});
