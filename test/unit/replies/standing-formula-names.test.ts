import { describe, expect, it } from 'vitest';
import { footerBlocks, recipientNow } from '../../../functions/domain/emails/footer';
import { nothingRunning } from '../../../functions/domain/emails/replies';
import type { ProgramContext } from '../../../functions/domain/emails/types';
import {
  elsewhereTarget,
  namesFormerPartner,
  namesUntoldPartner,
  partnerCallNames,
  partnerCalls,
  questionTarget,
  standingTarget,
} from '../../../functions/domain/replies/standing-target';

/**
 * QA: a partner whose name is a spreadsheet formula was offered to the person by its pieces ("REMATCH
 * =HYPERLINK("http://x.test"" in the footer and in "Which pairing did you mean?"), while every other
 * email calls them "Click" (the link's label, docs/emails.md). The names a reply may use, and those
 * shown back, are now the readable ones; a name with nothing readable is never offered nor matched,
 * and that pairing is told by the email the reply answers.
 */
const HYPERLINK = '=HYPERLINK("http://x.test","Click me")';
const SUM = "+SUM(1+1)*cmd|' /C calc'!A0";
const FORMULA_TEXT = /HYPERLINK|x\.test|SUM|calc|cmd/;

const click = { pairingId: 'pr_click', partnerName: HYPERLINK, sentMessageIds: ['ses-click'] };
const sum = { pairingId: 'pr_sum', partnerName: SUM, sentMessageIds: ['ses-sum'] };
const sam = { pairingId: 'pr_sam', partnerName: 'Sam Senior', sentMessageIds: ['ses-sam'] };
const tom = { pairingId: 'pr_tom', partnerName: 'Tom Elder', sentMessageIds: ['ses-tom'] };
const program: ProgramContext = { name: 'Pilot', admin: { name: 'Ada Admin', email: 'ada@example.com' } } as ProgramContext;

describe('partnerCallNames: a partner whose name starts as a formula', () => {
  it("is called by the link's label, as the emails show it", () => {
    expect(partnerCallNames([click, tom])).toEqual(['Click', 'Tom']);
    // Two partners with one first name: the full readable name of each.
    expect(partnerCallNames([{ ...click, partnerName: '=HYPERLINK("http://x.test","Sam Beta")' }, sam])).toEqual(['Sam Beta', 'Sam Senior']);
  });

  it('with nothing readable, is not named at all: no piece of the formula', () => {
    expect(partnerCallNames([sum, sam, tom])).toEqual(['Sam', 'Tom']);
    expect(partnerCallNames([sum, click]).join(' ')).not.toMatch(FORMULA_TEXT);
  });

  it('what the footer and "Which pairing did you mean?" offer, and the reply they ask for ends that pairing', () => {
    const calls = partnerCalls([click, tom]);
    const footer = JSON.stringify(footerBlocks('participant', program, recipientNow({ timeZone: 'Europe/London' }, 'paired', 0, calls)));
    expect(footer).toContain('(\\"REMATCH Click\\" or \\"REMATCH Tom\\")');
    const which = nothingRunning({ to: { timeZone: 'Europe/London', name: 'Mia' }, program, command: 'rematch', waiting: false, whichPartner: calls });
    expect(which.text.replace(/\s+/g, ' ')).toContain('reply REMATCH with that partner\'s name: "REMATCH Click" or "REMATCH Tom"');
    for (const part of [footer, which.text, which.html]) expect(part).not.toMatch(FORMULA_TEXT);
    expect(standingTarget([click, tom], { note: 'Click' })).toEqual({ kind: 'pairings', pairings: [click] });
    expect(standingTarget([click, tom], { note: 'click me, please' })).toEqual({ kind: 'pairings', pairings: [click] });
  });
});

describe('a reply naming a partner reads the name as it is shown', () => {
  it("the link's label names that pairing, in reply to another pairing's email or naming a partner in another program", () => {
    expect(questionTarget([click, tom], tom.pairingId, 'Click')).toEqual({ kind: 'other', pairing: click });
    expect(elsewhereTarget([sam], [click], 'Click')).toEqual({ kind: 'other', pairing: click });
    expect(namesUntoldPartner('Click', [tom], [click])).toBe(true);
    expect(namesFormerPartner('Click.', [tom], [HYPERLINK])).toBe('Click');
  });

  it('a piece of a formula names no one: nothing ends on it, and the pairing is told by the email answered', () => {
    expect(standingTarget([sum, tom], { note: 'SUM' })).toEqual({ kind: 'unclear', running: [sum, tom] });
    expect(standingTarget([click, tom], { note: 'hyperlink' })).toEqual({ kind: 'unclear', running: [click, tom] });
    expect(questionTarget([sum, tom], tom.pairingId, 'sum')).toEqual({ kind: 'this' });
    expect(elsewhereTarget([tom], [sum], 'SUM')).toBeUndefined();
    expect(namesFormerPartner('SUM', [tom], [SUM])).toBeUndefined();
    expect(standingTarget([sum, tom], { inReplyTo: ['<ses-sum@eu-west-1.amazonses.com>'] })).toEqual({ kind: 'pairings', pairings: [sum] });
  });
});
