import { describe, expect, it } from 'vitest';
import { footerBlocks, recipientNow } from '../../../functions/domain/emails/footer';
import { nothingRunning } from '../../../functions/domain/emails/replies';
import type { Block, ProgramContext } from '../../../functions/domain/emails/types';
import { elsewhereTarget, namesFormerPartner, partnerCallNames, questionTarget, standingTarget } from '../../../functions/domain/replies/standing-target';

const sam = { pairingId: 'pr_sam', partnerName: 'Sam Senior', sentMessageIds: ['ses-aaa', 'ses-bbb'] };
const tom = { pairingId: 'pr_tom', partnerName: 'Tom Elder', sentMessageIds: ['ses-ccc'] };

describe('standingTarget: which running pairing a standing-address END or REMATCH is about', () => {
  it('a bare REMATCH with two pairings running ties to none of them', () => {
    expect(standingTarget([sam, tom], {})).toEqual({ kind: 'unclear', running: [sam, tom] });
  });
  it('the only running pairing is the one meant', () => {
    expect(standingTarget([sam], {})).toEqual({ kind: 'pairings', pairings: [sam] });
    expect(standingTarget([], {})).toEqual({ kind: 'pairings', pairings: [] });
  });
  it('the partner named after the command, by first or full name, any case or accents', () => {
    expect(standingTarget([sam, tom], { note: 'Sam' })).toEqual({ kind: 'pairings', pairings: [sam] });
    expect(standingTarget([sam, tom], { note: 'tom elder, please' })).toEqual({ kind: 'pairings', pairings: [tom] });
    expect(standingTarget([{ ...sam, partnerName: 'Zoë Ápfel' }, tom], { note: 'zoe' }).kind).toBe('pairings');
    expect(standingTarget([sam, tom], { note: 'Samuel' }).kind).toBe('unclear');
    expect(standingTarget([sam, tom], { note: 'Sam and Tom' }).kind).toBe('unclear');
  });
  it('two partners with one first name: only the full name ties', () => {
    const other = { pairingId: 'pr_sam2', partnerName: 'Sam Other' };
    expect(standingTarget([sam, other], { note: 'Sam' }).kind).toBe('unclear');
    expect(standingTarget([sam, other], { note: 'Sam Other' })).toEqual({ kind: 'pairings', pairings: [other] });
    expect(partnerCallNames([sam, other, tom])).toEqual(['Sam Senior', 'Sam Other', 'Tom']);
  });
  it('the email the reply answers (In-Reply-To names an SES message id we sent about that pairing)', () => {
    expect(standingTarget([sam, tom], { inReplyTo: ['<ses-bbb@eu-west-1.amazonses.com>'] })).toEqual({ kind: 'pairings', pairings: [sam] });
    expect(standingTarget([sam, tom], { inReplyTo: ['<ses-zzz@eu-west-1.amazonses.com>'] }).kind).toBe('unclear');
  });
  it('a name and an answered email that disagree end nothing', () => {
    expect(standingTarget([sam, tom], { note: 'Tom', inReplyTo: ['<ses-aaa@x>'] }).kind).toBe('unclear');
    expect(standingTarget([sam, tom], { note: 'Tom', inReplyTo: ['<ses-ccc@x>'] })).toEqual({ kind: 'pairings', pairings: [tom] });
  });
});

const program: ProgramContext = { name: 'Pilot', admin: { name: 'Ada Admin', email: 'ada@example.com' } } as ProgramContext;
const text = (blocks: Block[]) => JSON.stringify(blocks);

describe('questionTarget: an END or REMATCH in reply to an email about one pairing', () => {
  it('names another running partner: that pairing', () => {
    expect(questionTarget([sam, tom], sam.pairingId, 'Tom')).toEqual({ kind: 'other', pairing: tom });
    expect(questionTarget([sam, tom], sam.pairingId, 'tom elder, we are not a fit')).toEqual({ kind: 'other', pairing: tom });
  });
  it("names nobody, or this pairing's partner alone: this pairing", () => {
    expect(questionTarget([sam, tom], sam.pairingId, undefined)).toEqual({ kind: 'this' });
    expect(questionTarget([sam, tom], sam.pairingId, 'we never met')).toEqual({ kind: 'this' });
    expect(questionTarget([sam, tom], sam.pairingId, 'Sam')).toEqual({ kind: 'this' });
  });
  it('names this partner and another ("REMATCH Tom, keep Sam please"): unclear, nothing ends (QA verify)', () => {
    expect(questionTarget([sam, tom], sam.pairingId, 'Tom, keep Sam please')).toEqual({ kind: 'unclear', running: [sam, tom] });
    expect(questionTarget([sam, tom], sam.pairingId, 'Sam and Tom')).toEqual({ kind: 'unclear', running: [sam, tom] });
  });
  it('only one pairing running: this one, whatever the note names', () => {
    expect(questionTarget([sam], sam.pairingId, 'Tom')).toEqual({ kind: 'this' });
  });
  it('names two other partners and not this one: unclear', () => {
    const uma = { pairingId: 'pr_uma', partnerName: 'Uma Upton' };
    expect(questionTarget([sam, tom, uma], sam.pairingId, 'Tom and Uma')).toEqual({ kind: 'unclear', running: [sam, tom, uma] });
  });
});

describe('footer: REMATCH to a reader with several pairings running', () => {
  it('one pairing: "your pairing ends"', () => {
    const to = recipientNow({ timeZone: 'Europe/London' }, 'paired', 0, { names: ['Sam'], unnamed: 0 });
    expect(text(footerBlocks('participant', program, to))).toContain('Reply REMATCH: your pairing ends kindly');
  });
  it('several: REMATCH must name the partner, and only that pairing ends', () => {
    const to = recipientNow({ timeZone: 'Europe/London' }, 'paired', 0, { names: ['Sam', 'Tom'], unnamed: 0 });
    const footer = text(footerBlocks('participant', program, to));
    expect(footer).not.toContain('Reply REMATCH: your pairing ends');
    expect(footer).toContain(`Reply REMATCH with that partner's name (\\"REMATCH Sam\\" or \\"REMATCH Tom\\"): that pairing ends kindly`);
    expect(footer).toContain('your other pairings go on');
  });
});

describe('nothingRunning: a standing END or REMATCH that named no pairing', () => {
  it('names each partner and says exactly what to reply', () => {
    const calls = { names: ['Sam', 'Tom'], unnamed: 0 };
    const to = recipientNow({ timeZone: 'Europe/London', name: 'Mia' }, 'paired', 0, calls);
    const email = nothingRunning({ to, program, command: 'rematch', waiting: false, whichPartner: calls, reader: 'participant' });
    expect(email.subject).toBe('Which pairing did you mean? Nothing was changed');
    const body = email.text.replace(/\s+/g, ' ');
    expect(body).toContain('you have 2 pairings running in Pilot (with Sam and Tom)');
    expect(body).toContain('reply REMATCH with that partner\'s name: "REMATCH Sam" or "REMATCH Tom"');
  });
});

describe('elsewhereTarget: an END or REMATCH naming the partner of a pairing in another program', () => {
  const dan = { pairingId: 'pr_dan', partnerName: 'Dan Elder' };
  it('names only a partner elsewhere: that pairing', () => {
    expect(elsewhereTarget([sam], [dan], 'Dan')).toEqual({ kind: 'other', pairing: dan });
  });
  it('names nobody elsewhere: this program decides; a partner here and one elsewhere: nothing ends', () => {
    expect(elsewhereTarget([sam], [dan], 'Sam and Dan')).toEqual({ kind: 'unclear', running: [sam, dan] });
    expect(elsewhereTarget([sam], [dan], 'please')).toBeUndefined();
    expect(elsewhereTarget([sam], [], 'Dan')).toBeUndefined();
  });
  it('a full name elsewhere beats a first name here: "Sam Beta" is not "Sam Alpha" (QA verify17 B1)', () => {
    const samHere = { pairingId: 'pr_sam_a', partnerName: 'Sam Alpha' };
    const samThere = { pairingId: 'pr_sam_b', partnerName: 'Sam Beta' };
    expect(elsewhereTarget([samHere], [samThere], 'Sam Beta')).toEqual({ kind: 'other', pairing: samThere });
    // One first name in both programs ties to neither.
    expect(elsewhereTarget([samHere], [samThere], 'Sam')).toEqual({ kind: 'unclear', running: [samHere, samThere] });
    expect(elsewhereTarget([samHere], [samThere], 'Sam Alpha')).toBeUndefined();
  });
  it('only a name opening the note points elsewhere, never one further on or opening a sentence (QA verify17 B2)', () => {
    const will = { pairingId: 'pr_will', partnerName: 'Will Stone' };
    expect(elsewhereTarget([sam], [dan], 'please, I want to focus on my pairing with Dan')).toBeUndefined();
    expect(elsewhereTarget([sam], [will], '- will explain to HR later')).toBeUndefined();
    for (const note of ['Dan', 'Dan please', 'dan, thanks', 'Dan Elder - we never met', 'Dán']) {
      expect(elsewhereTarget([sam], [dan, will], note)).toEqual({ kind: 'other', pairing: dan });
    }
  });
  it('partners of both programs named end nothing, whatever joins them (QA verify18 N1, N2)', () => {
    for (const note of ['Dan but keep Sam', 'Dan and Sam', 'Dan, keep Sam please']) {
      expect(elsewhereTarget([sam], [dan], note)).toEqual({ kind: 'unclear', running: [sam, dan] });
    }
  });
  it('a first name shared here and elsewhere, or by two elsewhere, ties to none', () => {
    const danHere = { ...sam, partnerName: 'Dan Young' };
    expect(elsewhereTarget([danHere], [dan], 'Dan')).toEqual({ kind: 'unclear', running: [danHere, dan] });
    const other = { pairingId: 'pr_dan2', partnerName: 'Dan Other' };
    expect(elsewhereTarget([sam], [dan, other], 'Dan')).toEqual({ kind: 'unclear', running: [sam, dan, other] });
  });
});

describe('namesFormerPartner: END or REMATCH naming a partner whose pairing has ended', () => {
  it('"END Cleo." after Cleo\'s pairing ended names her, never the pairing left running (QA verify18 N3)', () => {
    expect(namesFormerPartner('Cleo.', [tom], ['Cleo Young'])).toBe('Cleo');
    expect(namesFormerPartner('Cleo Young', [tom], ['Cleo Young'])).toBe('Cleo');
  });
  it('a running partner named, or no former partner opening the note: not this', () => {
    expect(namesFormerPartner('Tom', [tom], ['Tom Old'])).toBeUndefined();
    expect(namesFormerPartner('please, we never met', [tom], ['Cleo Young'])).toBeUndefined();
    expect(namesFormerPartner('Cleo', [tom], [])).toBeUndefined();
    expect(namesFormerPartner(undefined, [tom], ['Cleo Young'])).toBeUndefined();
  });
});
