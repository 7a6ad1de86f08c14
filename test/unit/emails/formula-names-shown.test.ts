import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { icalendar, organizerOf } from '../../../functions/domain/emails/calendar';
import { readableName } from '../../../functions/domain/emails/display-name';
import { firstNameOf, fullNameOrErased, greeting } from '../../../functions/domain/emails/format';
import { meetingTitle } from '../../../functions/domain/pairing/meeting';
import { BENIGN, renderAll } from './fixtures';

/**
 * QA: a participant whose name is a spreadsheet formula was greeted "Hello,", but their partner
 * read "Meet =HYPERLINK(...)" and the admins "Decision needed: =HYPERLINK(...) and Sam". Every
 * email now shows such a name as a spreadsheet would (the link's label), or, with nothing readable
 * in it, says who the person is in words (docs/emails.md, "Names that start as a formula").
 */
const HYPERLINK = '=HYPERLINK("http://x.test/?a=""1""","Click me")';
const SUM = "+SUM(1+1)*cmd|' /C calc'!A0";
const FORMULA_TEXT = /HYPERLINK|x\.test|SUM\(|calc'/;

/** The subject, the heading (the email's title, its first <h1>) and both parts of every template. */
function shownParts(email: emails.RenderedEmail) {
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(email.html)?.[1] ?? '';
  const svg = (email.attachments ?? []).map((a) => String(a.content)).join('\n');
  return { subject: email.subject, heading: h1, text: email.text, html: email.html, certificate: svg };
}

describe('a name that starts as a formula, in every email that names the person', () => {
  it('reads as what a spreadsheet shows: the label of a link, or the name behind a stray sign; nothing when none is left', () => {
    expect(readableName(HYPERLINK)).toBe('Click me');
    expect(readableName('=HYPERLINK("mailto:a@b.test","Lovelace, Ada")')).toBe('Lovelace, Ada');
    expect(readableName('-Ana Souza')).toBe('Ana Souza');
    expect(readableName('@Siobhán O’Brien')).toBe('Siobhán O’Brien');
    for (const name of [SUM, '-2+3', '@SUM(A1)', '=HYPERLINK("http://x.test")', '=cmd|"/C calc"!A0']) expect(readableName(name)).toBeUndefined();
    // Any other name is shown as stored.
    expect(readableName('  Ana Souza ')).toBe('Ana Souza');
    expect(firstNameOf('=HYPERLINK("mailto:a@b.test","Lovelace, Ada")')).toBe('Ada');
    expect(fullNameOrErased(HYPERLINK)).toBe('Click me');
    expect(fullNameOrErased(SUM)).toBe('a participant with no readable name');
    // The greeting needs no name: it stays plain rather than guess one (formula-names.test.ts).
    expect(greeting(HYPERLINK)).toBe('Hello,');
  });

  it('no subject, heading or body shows the formula, to the person, their partner, their manager or the admins', () => {
    for (const name of [HYPERLINK, SUM]) {
      const all = renderAll({ person: name, partner: name, freeText: BENIGN.freeText });
      for (const [template, { email }] of Object.entries(all)) {
        // The fixture writes the partner's name into the proposal's reasons itself (matching's explain.ts words them in the product).
        if (template === 'matchingApprovalRequest') continue;
        for (const [part, text] of Object.entries(shownParts(email))) expect(text, `${template} ${part}`).not.toMatch(FORMULA_TEXT);
      }
    }
  });

  it('the partner meets "Click", the admins decide on "Click me"; with nothing readable, "your partner" and "a participant with no readable name"', () => {
    const readable = renderAll({ person: BENIGN.person, partner: HYPERLINK, freeText: BENIGN.freeText });
    expect(readable.introduction.email.subject).toBe('Meet Click, your reverse-mentoring partner');
    expect(readable.adminDecisionRequest.email.subject).toBe('Decision needed: Ana Souza and Click me');
    expect(shownParts(readable.introduction.email).heading).toBe('Meet Click, your partner');
    expect(readable.checkInRequest.email.subject).toMatch(/^Check-in: did you meet Click since /);

    const none = renderAll({ person: BENIGN.person, partner: SUM, freeText: BENIGN.freeText });
    expect(none.introduction.email.subject).toBe('Meet your reverse-mentoring partner');
    expect(none.adminDecisionRequest.email.subject).toBe('Decision needed: Ana Souza and a participant with no readable name');
    expect(none.adminConcernRaised.email.subject).toBe('Private concern from Ana Souza (pairing with a participant with no readable name)');
  });

  it('the certificate names its holder by the link\'s label, and leaves out a name with nothing readable; the manager reads "Your report"', () => {
    const journey = { startedOn: '2027-01-12', completedOn: '2027-07-13', checkInsHeld: 4, topics: ['ai-tools'], milestones: [] };
    const program = { name: 'Spring Cohort 2027', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } };
    const certificate = (name: string) =>
      String(
        emails.recognition({ to: { name, timeZone: 'Europe/London' }, program, role: 'mentor', partner: { name: 'Sam Lee' }, journey }).attachments?.[0]
          ?.content,
      );
    expect(certificate(HYPERLINK)).toContain('<title id="certificate-title">Certificate of reverse mentoring: Click me</title>');
    expect(certificate(SUM)).toContain('<title id="certificate-title">Certificate of reverse mentoring</title>');
    expect(certificate(SUM)).toContain('The holder took part in Spring Cohort 2027');
    const note = emails.managerNote({
      to: { timeZone: 'Europe/London' },
      program,
      report: { name: SUM, role: 'mentee' },
      journey,
      contributed: [],
      learned: [],
    });
    expect(note.subject).toBe('Your report completed Spring Cohort 2027');
    expect(note.text).toContain('Your report has completed');
  });

  it('the meeting invitation names them as the emails do, its attendee by the label or by address alone', () => {
    const invite = (name: string) =>
      icalendar(
        {
          method: 'REQUEST',
          uid: 'meetings-pairing-1@crossgen',
          sequence: 0,
          stamp: '2027-02-20T09:00:00Z',
          summary: meetingTitle(name, 'Mia Mentor'),
          attendees: [
            { name, email: 'sam@example.com' },
            { name: 'Mia Mentor', email: 'mia@example.com' },
          ],
        },
        organizerOf('crossgen <no-reply@example.org>'),
      ).replace(/\r\n[ \t]/g, '');
    expect(invite(HYPERLINK)).toContain('SUMMARY:Reverse mentoring: Click and Mia');
    expect(invite(HYPERLINK)).toContain('ATTENDEE;CN=Click me;');
    expect(invite(SUM)).toContain('ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:sam@example.com');
    // The attendees; the title of a name with nothing readable is pairing/meeting.ts's (meetingTitle, by firstNameOf).
    for (const name of [HYPERLINK, SUM])
      expect(
        invite(name)
          .split('\r\n')
          .filter((l) => l.startsWith('ATTENDEE'))
          .join('\n'),
      ).not.toMatch(FORMULA_TEXT);
    expect(invite(HYPERLINK)).not.toMatch(FORMULA_TEXT);
    // Nothing readable: the title names the partner alone.
    expect(meetingTitle(SUM, 'Mia Mentor')).toBe('Reverse mentoring: Mia');
  });
});
