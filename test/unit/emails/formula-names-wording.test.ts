import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';

/**
 * A partner whose name has nothing readable in it (a formula such as `+SUM(1+1)*cmd|' /C calc'!A0`)
 * is "your partner" in their partner's emails (docs/emails.md, "Names that start as a formula"). QA:
 * the words went into sentences that already said who the person is, so the introduction read
 * "Meet your partner, your reverse-mentoring partner" and the manager "Your report, who reports to
 * you, has completed". Each sentence now reads as if written for the stand-in.
 */
const SUM = "+SUM(1+1)*cmd|' /C calc'!A0";
const program = { name: 'Spring Cohort 2027', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } };
const to = { name: 'Alex Morgan', timeZone: 'Europe/London' };
const flat = (text: string) => text.replace(/\s+/g, ' ');
const h1 = (html: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '';

function introduction(partnerName: string) {
  return emails.introduction({
    to,
    program,
    role: 'mentee',
    partner: { name: partnerName, role: 'mentor', goals: 'Learn strategy', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] },
    reasons: [],
    topics: ['ai-tools'],
    answerBy: '2027-01-19T23:59:59.999Z',
    answerLinks: { accept: 'https://answers.example.org/r/t?answer=yes', decline: 'https://answers.example.org/r/t?answer=no' },
    meeting: { slot: { found: false }, partner: { name: partnerName, timeZone: 'Asia/Kolkata' } },
  });
}

describe('the introduction to a partner with no readable name', () => {
  it('meets "your reverse-mentoring partner", never "your partner, your ... partner", in the subject, heading and body', () => {
    const email = introduction(SUM);
    expect(email.subject).toBe('Meet your reverse-mentoring partner');
    expect(h1(email.html)).toBe('Meet your partner');
    const text = flat(email.text);
    expect(text).toContain('You have been matched with a partner who joins as the mentor');
    expect(text).toContain('About your partner');
    expect(text).toContain("Your partner's goals, in their own words:");
    expect(text).toContain('Your partner will not see it.');
    for (const part of [email.subject, email.text, email.html]) expect(flat(part)).not.toMatch(/your partner, (your|who)\b/i);
  });

  it('says where the partner is with a capital at the start of its sentence (no time suggested)', () => {
    const text = flat(introduction(SUM).text);
    expect(text).toContain('so we cannot suggest a regular time. Your partner is in India Standard Time (Asia/Kolkata), 5 hours 30 minutes ahead of you');
    expect(text).not.toContain('. your partner');
  });

  it('a readable name still reads "Meet Sam, your reverse-mentoring partner"', () => {
    const email = introduction('Sam Lee');
    expect(email.subject).toBe('Meet Sam, your reverse-mentoring partner');
    expect(h1(email.html)).toBe('Meet Sam, your partner');
    expect(flat(email.text)).toContain('You have been matched with Sam, who joins as the mentor');
    expect(flat(email.text)).toContain('Sam is in India Standard Time');
  });
});

describe('the emails that follow the introduction, with the stand-in', () => {
  it('the acceptance reminder and the pairing that does not start name "your partner" once in each sentence', () => {
    const reminder = emails.acceptanceReminder({
      to,
      program,
      partner: { name: SUM },
      answerBy: '2027-01-19T23:59:59.999Z',
      answerLinks: { accept: 'https://answers.example.org/r/t?answer=yes', decline: 'https://answers.example.org/r/t?answer=no' },
    });
    expect(reminder.subject).toBe('Reminder: will you start your pairing with your partner?');
    expect(flat(reminder.text)).toContain('A few days ago we introduced you to your partner.');
    const notStarted = emails.pairingNotStarted({ to, program, partner: { name: SUM } });
    expect(flat(notStarted.text)).toContain('Your pairing with your partner will not go ahead after all');
    for (const email of [reminder, notStarted]) expect(flat(email.text)).not.toMatch(/your partner, (your|who)\b/i);
  });

  it('the manager reads "Your report has completed ...", never "Your report, who reports to you,"', () => {
    const note = (name: string) =>
      flat(
        emails.managerNote({
          to: { timeZone: 'Europe/London' },
          program,
          report: { name, role: 'mentee' },
          journey: { startedOn: '2027-01-12', completedOn: '2027-07-13', checkInsHeld: 4, topics: ['ai-tools'], milestones: [] },
          contributed: [],
          learned: [],
        }).text,
      );
    expect(note(SUM)).toContain('Your report has completed Spring Cohort 2027 as the mentee (');
    expect(note(SUM)).toContain('They agreed that we share this summary with you.');
    expect(note(SUM)).not.toContain('who reports to you');
    expect(note('Sam Lee')).toContain('Sam, who reports to you, has completed Spring Cohort 2027 as the mentee (');
    expect(note('Sam Lee')).toContain('Sam agreed that we share this summary with you.');
  });
});
