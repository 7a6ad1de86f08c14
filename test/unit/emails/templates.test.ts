import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { introduction, TEMPLATE_NAMES } from '../../../functions/domain/emails';
import { renderAll } from './fixtures';

const rendered = renderAll();
const cases = Object.entries(rendered);
const ASKING = new Set([
  'introduction',
  'acceptanceReminder',
  'checkInRequest',
  'adminDecisionRequest',
  'milestoneSurvey',
  'clarificationRequest',
  'matchingApprovalRequest',
  'fitCheckRequest',
]);
/** Templates only ever sent to a participant with no pairing running (enrolled, waitlisted, or told nothing changed). */
// Sent when no pairing of this reader runs, or about one that has just ended (or will not start).
const NO_PAIRING_RUNNING = new Set([
  'enrolmentConfirmation',
  'waitlisted',
  'waitlistProgramClosed',
  'nothingRunning',
  'waitlistMatched',
  'pairingNotStarted',
  'declineRecorded',
  'partnerLeft',
  'pairingEnded',
  'recognition',
  'partnerNote',
]);
/** An introduction waits for YES or NO: nothing runs to pause yet. */
const INTRODUCED = new Set(['introduction', 'acceptanceReminder']);
const ADMIN = new Set([
  'notAnAdmin',
  'adminPairingParked',
  'adminPairingNotStarted',
  'adminEscalation',
  'adminDecisionRequest',
  'matchingApprovalRequest',
  'adminConcernRaised',
  'adminConcernEscalated',
  'adminFitUnsure',
  'adminDigest',
  'adminRematchHeld',
]);

/** The visible text of an HTML part: tags dropped, the few entities we emit decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('email templates', () => {
  it('cover every template name exactly once', () => {
    expect(Object.keys(rendered).sort()).toEqual([...TEMPLATE_NAMES].sort());
    for (const [name, { email }] of cases) expect(email.template).toBe(name);
  });

  it.each(cases)('%s shows its facts in the subject or both parts', (_name, { email, facts }) => {
    expect(email.subject.length).toBeGreaterThan(10);
    expect(email.subject).not.toMatch(/[\r\n]/);
    for (const fact of facts) {
      expect(visibleText(email.html), `HTML part should contain "${fact}"`).toContain(fact);
      expect(flat(email.text), `text part should contain "${fact}"`).toContain(fact);
    }
  });

  it.each(cases)('%s uses the accessible layout', (_name, { email }) => {
    expect(email.html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB"/);
    expect(email.html.match(/<main[\s>]/g)).toHaveLength(1);
    expect(email.html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(email.html).toContain(`<title>${email.subject.replace(/'/g, '&#39;')}</title>`);
    expect(email.html).not.toMatch(/<table|<img/);
    // Every link is a real, labelled link to a web or mail address.
    for (const [, href, label] of email.html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)) {
      expect(href).toMatch(/^(https?|mailto):/);
      expect(label?.trim()).not.toBe('');
    }
  });

  it.each(cases)('%s has a footer with how to pause or stop and whom to contact', (name, { email }) => {
    const footer = email.html.slice(email.html.indexOf('<footer'));
    const textFooter = email.text.slice(email.text.indexOf('\n-- \n'));
    if (ADMIN.has(name)) {
      expect(visibleText(footer)).toMatch(/paused, resumed or ended through the admin API/);
    } else if (name === 'managerNote') {
      // A manager has no reply address: the footer names the admin, and never asks for a reply.
      expect(visibleText(footer)).toContain('To receive no more of these notes');
      expect(visibleText(footer)).not.toMatch(/reply (STOP|PAUSE)/i);
    } else if (name === 'dataErased') {
      // After an erasure nothing of theirs is held, reply addresses included: nothing asks for a reply.
      expect(visibleText(footer)).toContain('you asked');
      expect(visibleText(footer)).not.toMatch(/reply (STOP|PAUSE)/i);
    } else if (INTRODUCED.has(name)) {
      // "Not now" is a NO with a date (read as the day they are back); REMATCH and STOP act on an introduction too.
      expect(visibleText(footer)).toContain('Reply NO with the date you are back');
      expect(visibleText(footer)).toContain('Reply STOP');
      expect(visibleText(footer)).toContain('Reply REMATCH');
      expect(visibleText(footer)).not.toMatch(/Reply PAUSE/);
      expect(flat(textFooter)).not.toMatch(/Reply PAUSE/);
    } else if (name === 'milestoneSurvey') {
      // The fixture is the end-of-program review: its last question, so no break "to resume" is offered.
      expect(visibleText(footer)).toContain('Reply STOP');
      expect(visibleText(footer)).not.toMatch(/Reply PAUSE/);
      expect(flat(textFooter)).not.toMatch(/Reply PAUSE/);
    } else if (name === 'waitlistProgramClosed') {
      // The program has closed and they get no more emails: nothing is left for STOP to leave or stop.
      expect(visibleText(footer)).toContain('Reply CONCERN');
      expect(visibleText(footer)).not.toMatch(/Reply (STOP|PAUSE|REMATCH|END)/);
      expect(flat(textFooter)).not.toMatch(/Reply (STOP|PAUSE|REMATCH|END)/);
    } else if (NO_PAIRING_RUNNING.has(name)) {
      // Sent only to someone with no pairing running: PAUSE, END and REMATCH would change nothing
      // (they get nothingRunning), so only STOP and CONCERN, which act, are offered.
      expect(visibleText(footer)).toContain('Reply STOP');
      expect(visibleText(footer)).toContain('Reply CONCERN');
      expect(visibleText(footer)).not.toMatch(/Reply (PAUSE|REMATCH|END)/);
      expect(flat(textFooter)).toContain('Reply STOP');
      expect(flat(textFooter)).not.toMatch(/Reply (PAUSE|REMATCH|END)/);
    } else {
      expect(visibleText(footer)).toContain('Reply PAUSE');
      expect(visibleText(footer)).toContain('Reply STOP');
      expect(flat(textFooter)).toContain('Reply STOP');
    }
    expect(footer).toContain('mailto:priya.shah@example.org');
    expect(textFooter).toContain('priya.shah@example.org');
  });

  it.each(cases)('%s has a "How to answer" block exactly when it asks something', (name, { email }) => {
    const asks = ASKING.has(name);
    expect(email.html.includes('id="how-to-answer"')).toBe(asks);
    expect(email.text.includes('How to answer')).toBe(asks);
    if (asks) {
      expect(email.text).toContain('Reply to this email');
      // Each answer link is given in full in the text part, on its own line.
      for (const [, href] of email.html.matchAll(/<a href="(https:\/\/answers\.[^"]*)"/g)) {
        expect(email.text).toContain(href!.replace(/&amp;/g, '&'));
      }
      expect(email.text).toMatch(/https:\/\/\S+/);
    }
  });

  it.each(cases)('%s has a plain-text part without HTML, wrapped for reading', (_name, { email }) => {
    expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(email.text).not.toMatch(/&(amp|lt|gt|quot|#39);/);
    for (const line of email.text.split('\n')) {
      if (!/https?:\/\//.test(line)) expect(line.length).toBeLessThanOrEqual(72);
    }
  });

  it.each(cases)('%s greets by first name only', (name, { email }) => {
    if (name === 'managerNote') return void expect(email.text).toContain('Hello Jordan,');
    expect(email.text).toContain('Hello Alex,');
    expect(email.text).not.toContain('Alex Morgan,');
    // The partner is named by first name only; the full name appears on the certificate alone,
    // and in admin emails (admins are staff and read people by their full names).
    if (name !== 'recognition' && !ADMIN.has(name)) expect(email.text + email.html).not.toContain('Sam Lee');
  });
});

describe('what each reader sees', () => {
  const IDS = ['pair-0042', 'pr_abc', 'p-mentor-1', 'p-mentee-7'];

  // The digest and the approval request cover many pairs: their subject names none.
  // (A former admin's notice is about their answer, not about a pair.)
  it.each([...ADMIN].filter((n) => n !== 'matchingApprovalRequest' && n !== 'notAnAdmin'))(
    '%s names the people and gives the pairing id only as a reference',
    (name) => {
      const { email } = rendered[name as keyof typeof rendered];
      const parts = [flat(email.text), visibleText(email.html)];
      for (const part of name === 'adminDigest' ? parts : [email.subject, ...parts]) {
        expect(part).toContain('Ana Souza');
        expect(part).toContain('Sam Lee');
        // Outside "Reference: pairing <id>" and admin API routes, no id stands in for a person or a pairing.
        const rest = part.replace(/Reference: pairing \S+/g, '').replace(/\/pairings\/[\w-]+/g, '');
        for (const id of IDS) expect(rest, `${name} shows ${id} outside a reference`).not.toContain(id);
      }
    },
  );

  it('the approval email names the program, every shown pair and every unmatched person, not the program id', () => {
    const { email } = rendered.matchingApprovalRequest;
    const text = flat(email.text);
    expect(email.subject).toBe('Approve matching for Spring Cohort 2027: 12 pairs proposed');
    expect(text).not.toMatch(/cohort spring-2027/);
    expect(text).toContain('Ana Souza (mentor) with Sam Lee (mentee)');
    expect(text).toContain('Kim Park (mentee)');
    // Links point only to things that exist: no console, the admin API route instead.
    expect(email.text + email.html).not.toMatch(/console/i);
  });

  it('no admin email sends people to a console', () => {
    for (const name of ADMIN) expect(rendered[name as keyof typeof rendered].email.text, name).not.toMatch(/console/i);
  });

  const withTeam = Object.entries(renderAll(undefined, { adminName: 'the program team' }));
  it.each([...cases, ...withTeam])('%s repeats no phrase back to back', (_name, { email }) => {
    // Paragraph by paragraph (a heading followed by a sentence that starts with the same name is fine).
    for (const part of [email.subject, ...email.text.split(/\n\s*\n/).map(flat)]) {
      // "the program admin, the program admin" or "the the": a word group said twice in a row.
      expect(part).not.toMatch(/\b(\w+(?:\s+\w+)*)[,;]?\s+\1\b(?!\.\w)/i);
      expect(part).not.toMatch(/the program (team|admin), the program admin/i);
    }
  });

  /** Counts of one and of several, in every template that states a count. */
  function counted(n: number) {
    const base = { to: { name: 'Alex Morgan', timeZone: 'Europe/London' }, program: { name: 'P', admin: { name: 'Priya Shah', email: 'priya@example.org' } } };
    const partner = { name: 'Sam Lee' };
    const people = { mentor: 'Ana Souza', mentee: 'Sam Lee' };
    return [
      emails.checkInThanks({ ...base, partner, checkInsHeld: n }),
      emails.partnerLeft({ ...base, partner, checkInsHeld: n, rematchRequested: true }),
      emails.pairingEnded({ ...base, partner, reason: 'not-meeting', checkInsHeld: n, rematchRequested: false }),
      emails.seniorCommitmentNote({ ...base, partner, missedCount: n }),
      emails.adminEscalation({ ...base, pairingId: 'pr_x', people, missedCount: n }),
      emails.adminDecisionRequest({
        ...base,
        pairingId: 'pr_x',
        people,
        missedCount: n,
        answerBy: '2027-03-16T09:00:00Z',
        answerLinks: { continue: 'https://a.example/c', pause: 'https://a.example/p', end: 'https://a.example/e', rematch: 'https://a.example/r' },
      }),
      emails.matchingApprovalRequest({
        ...base,
        pairs: [],
        proposedPairs: n,
        unmatched: [],
        unmatchedCount: n,
        answerBy: '2027-01-08T09:00:00Z',
        proposalRoute: 'GET /programs/p/matching/r',
        answerLinks: { approve: 'https://a.example/ok' },
      }),
    ];
  }
  const NOUNS = 'meeting|check-in|pair|participant|person|people';

  it.each(counted(1).map((e) => [e.template, e] as const))('%s agrees in number with a count of one', (_name, email) => {
    for (const part of [email.subject, flat(email.text)]) {
      expect(part).not.toMatch(new RegExp(`\\b1 (more )?(${NOUNS})s\\b`));
      expect(part).not.toMatch(new RegExp(`\\b1 (more )?(${NOUNS})\\b[^.:;]*? (are|have)\\b`));
      expect(part).not.toMatch(/\b1 [\w-]+: they\b|: they are recorded/);
    }
  });

  it.each(counted(2).map((e) => [e.template, e] as const))('%s agrees in number with a count of several', (_name, email) => {
    for (const part of [email.subject, flat(email.text)]) {
      expect(part).not.toMatch(/\b2 (more )?(meeting|check-in|pair|participant)\b(?!s)/);
      expect(part).not.toMatch(new RegExp(`\\b2 (${NOUNS})s?\\b[^.:;]*? (is|has)\\b`));
    }
  });
});

describe('standing address help', () => {
  const base = renderAll().standingAddressHelp.email;
  const help = (reader?: 'participant' | 'introduced' | 'waiting') => {
    const program = { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' }, id: 'pilot' };
    return emails.standingAddressHelp({
      to: { name: 'Ana Souza', email: 'ana@example.com', timeZone: 'Europe/London' },
      program,
      ...(reader ? { reader } : {}),
    } as never);
  };
  const body = (e: ReturnType<typeof help>) => e.text.split(/Nothing was recorded/)[0]!;

  it('lists exactly the words that act where the reader stands, as the footer offers them', () => {
    expect(base.subject).toBe('Your reply was not recorded: this address takes PAUSE, END, REMATCH, STOP, CONCERN, DATA or ERASE');
    const waiting = help('waiting');
    expect(waiting.subject).toBe('Your reply was not recorded: this address takes STOP, CONCERN, DATA or ERASE');
    expect(body(waiting)).not.toMatch(/\b(PAUSE|END|REMATCH)\b/);
    expect(flat(waiting.text)).toMatch(/Once you have a partner/);
    const introduced = help('introduced');
    expect(introduced.subject).toBe('Your reply was not recorded: this address takes REMATCH, STOP, CONCERN, DATA or ERASE');
    expect(body(introduced)).not.toMatch(/\b(PAUSE|END)\b/);
    expect(flat(introduced.text)).toMatch(/reply YES or NO to your introduction email/);
    expect(flat(body(help('participant')))).toMatch(/PAUSE for 3 weeks/);
  });

  it('to someone no partner can come to (they left, or the program closed while they waited): only CONCERN, and no match promised (QA)', () => {
    const program = { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } };
    const to = { name: 'Ana Souza', timeZone: 'Europe/London' };
    expect(emails.standingOf('withdrawn', false)).toBe('gone');
    expect(emails.standingOf('completed', true)).toBe('gone');
    expect(emails.standingOf('waitlisted', true)).toBe('closed');
    expect(emails.standingOf('waitlisted', false)).toBeUndefined();
    expect(emails.standingOf('enrolled', false)).toBeUndefined();
    for (const standing of ['gone', 'closed'] as const) {
      const help = emails.standingAddressHelp({ to, program, reader: 'waiting', standing });
      expect(help.subject).toBe('Your reply was not recorded: this address takes CONCERN, DATA or ERASE');
      const body = flat(help.text.split(/Nothing was recorded/)[0]!);
      expect(body).not.toMatch(/\bSTOP, to leave|Once you have a partner/);
      expect(body).toContain('To take part in a later program, write to Priya Shah at priya.shah@example.org.');
      expect(body).toContain(standing === 'closed' ? 'Pilot has closed, so no new partner will be found in it.' : 'You are no longer taking part in Pilot');
      for (const command of ['pause', 'end', 'rematch'] as const) {
        for (const ended of [false, true]) {
          const text = flat(
            emails.nothingRunning({ to, program, command, waiting: standing === 'closed', standing, ...(ended ? { ended, reader: 'waiting' } : {}) }).text,
          );
          expect(text).not.toMatch(/waiting for a partner|as soon as you are matched|a partner again/);
          expect(text).toContain('To take part in a later program, write to Priya Shah');
        }
      }
    }
  });

  it('says first why a PAUSE did nothing, to a person whose pairing runs; to one waiting, only what the address takes', () => {
    const why = '"10 June" has passed: reply PAUSE with the date you will be back, after today (for example "PAUSE until 6 July").';
    const make = (reader: 'participant' | 'waiting') =>
      emails.standingAddressHelp({
        to: { name: 'Ana Souza', timeZone: 'Europe/London' },
        program: { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } },
        reader,
        notActedOn: { command: 'pause', why },
      });
    const running = make('participant');
    expect(running.subject).toBe('Your PAUSE was not acted on: please give another date');
    expect(flat(running.text)).toContain(`Nothing was paused: ${why}`);
    expect(flat(running.text)).toMatch(/STOP, to leave the program/);
    expect(flat(running.text)).not.toMatch(/asked no question/);
    const waiting = make('waiting');
    expect(waiting.subject).toBe('Your reply was not recorded: this address takes STOP, CONCERN, DATA or ERASE');
    expect(flat(waiting.text)).not.toContain('Nothing was paused');
  });

  it('asks for a PAUSE inside a sentence on a line of its own, not for another date (QA journey5)', () => {
    const help = emails.standingAddressHelp({
      to: { name: 'Ana Souza', timeZone: 'Europe/London' },
      program: { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } },
      reader: 'participant',
      notActedOn: {
        command: 'pause',
        why: 'The reply mentions PAUSE inside a sentence ("PAUSE the check-ins until 15 January"), so nothing was done: to act on it, reply with PAUSE and the date you will be back on a line of its own (for example "PAUSE until 6 July").',
      },
    });
    expect(help.subject).toBe('Your PAUSE was not acted on: please write it on a line of its own');
    // The reading's sentence goes on after "Nothing was paused:" in lower case (QA verify21).
    expect(flat(help.text)).toContain('Nothing was paused: the reply mentions PAUSE inside a sentence');
  });

  it('asks which pairing without naming one program when the partners are in several (QA verify17 B3)', () => {
    const make = (acrossPrograms: boolean) =>
      flat(
        emails.nothingRunning({
          to: { name: 'Ana Souza', timeZone: 'Europe/London' },
          program: { name: 'Alpha', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } },
          command: 'end',
          waiting: false,
          whichPartner: { names: ['Kim', 'Lee One', 'Lee Two'], unnamed: 0 },
          ...(acrossPrograms ? { acrossPrograms } : {}),
        }).text,
      );
    expect(make(true)).toContain('you have 3 pairings running in your programs (with Kim, Lee One and Lee Two)');
    expect(make(false)).toContain('you have 3 pairings running in Alpha (with Kim, Lee One and Lee Two)');
  });

  it('a resume after which the program team decides first names no date for the next question', () => {
    const email = emails.pairingResumed({
      to: { name: 'Ana Souza', timeZone: 'Europe/London' },
      program: { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } },
      partner: { name: 'Sam Lee' },
      nextCheckIn: '2027-01-11T09:00:00Z',
      afterDecision: true,
    });
    expect(flat(email.text)).toContain(
      'Your next question will come by email: Priya Shah will first look at how your pairing is going, so its date is not set yet.',
    );
    expect(flat(email.text)).not.toMatch(/January 2027/);
  });

  it('says first that a STOP with a time limit did nothing and the person is still in the program', () => {
    const why = '"stop for a week" reads as a break, not as leaving the program, so nothing was done: to pause, reply PAUSE with the date you will be back.';
    const told = emails.standingAddressHelp({
      to: { name: 'Ana Souza', timeZone: 'Europe/London' },
      program: { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } },
      reader: 'participant',
      notActedOn: { command: 'stop', why },
    });
    expect(told.subject).toBe('Your STOP was not acted on: a break, or leaving the program?');
    expect(flat(told.text)).toContain(`You are still in the program: ${why}`);
    expect(flat(told.text)).not.toContain('Nothing was paused');
    expect(flat(told.text)).not.toContain('Reply to this email with it,');
  });
});

describe('hostile input', () => {
  const hostile = renderAll({
    person: '<script>alert(1)</script> Morgan',
    partner: '"><img src=x onerror=alert(2)> Lee',
    freeText: "</blockquote><a href='javascript:alert(3)'>click</a> & more",
  });

  it.each(Object.entries(hostile))('%s escapes every interpolated value in HTML', (_name, { email }) => {
    expect(email.html).not.toContain('<script');
    expect(email.html).not.toContain('<img');
    expect(email.html).not.toContain("<a href='javascript");
    expect(email.html).not.toMatch(/href="javascript:/i);
  });

  it('keeps the escaped text readable', () => {
    expect(hostile.introduction.email.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(hostile.introduction.email.html).toContain('&lt;/blockquote&gt;&lt;a href=&#39;javascript:alert(3)&#39;&gt;click&lt;/a&gt; &amp; more');
    // A first word that starts with a quote is no first name (format.ts, NAME_LIKE): the whole name, as stored.
    expect(hostile.introduction.email.subject).toBe('Meet "><img src=x onerror=alert(2)> Lee, your reverse-mentoring partner');
  });

  it('never lets a caller put a non-web link into an email', () => {
    expect(() => introductionWithAcceptLink('javascript:alert(1)')).toThrow(/uses javascript:, .*https:\/\//);
    expect(() => introductionWithAcceptLink('/r/relative')).toThrow(/not an absolute URL/);
  });
});

function introductionWithAcceptLink(url: string) {
  return introduction({
    to: { name: 'Alex', timeZone: 'UTC' },
    program: { name: 'P', admin: { name: 'A', email: 'a@example.org' } },
    role: 'mentor',
    partner: { name: 'Sam', role: 'mentee', goals: 'g', topicsOffered: [], topicsWanted: ['strategy'] },
    reasons: ['r'],
    topics: [],
    answerBy: '2027-01-01T00:00:00Z',
    answerLinks: { accept: url, decline: 'https://a.example/no' },
  });
}
