import { describe, expect, it, vi } from 'vitest';
import { footerBlocks, recipientNow } from '../../../functions/domain/emails/footer';
import { nothingRunning, type NothingRunningInput } from '../../../functions/domain/emails/replies';
import type { ProgramContext } from '../../../functions/domain/emails/types';
import { partnerCalls, questionTarget, standingTarget } from '../../../functions/domain/replies/standing-target';
import { processInboundMessage, type RunningPairing } from '../../../functions/inbound-mail';
import { runningPartnerNames } from '../../../functions/lifecycle/running-partners';
import { logger } from '../../../functions/shared/powertools';
import { fakes, NOW, question, standing } from '../../fixtures/inbound-commands';
import { replyMessage } from '../../fixtures/questions';

vi.mock('../../../functions/adapters/participants', async (original) => ({
  ...(await original<object>()),
  getParticipant: async (id: string) => ({ pt_sam: { name: 'Sam Lee' }, pt_sum: { name: SUM }, pt_tom: { name: 'Tom Elder' } })[id],
}));

logger.setLogLevel('ERROR');

/**
 * QA: a partner whose name has nothing readable (`+SUM(1+1)*cmd|' /C calc'!A0`) is rightly never
 * offered as "REMATCH <name>", but the emails took the names left for the pairings running: with
 * Sam and that partner, "Which pairing did you mean?" said one pairing ran "(with Sam)", and the
 * footer offered a bare "Reply REMATCH", which ends nothing while two run. Every running pairing is
 * counted (partnerCalls: `unnamed`), and that pairing is told by replying to one of its own emails,
 * which does end it alone.
 */
const SUM = "+SUM(1+1)*cmd|' /C calc'!A0";
const FORMULA_TEXT = /HYPERLINK|x\.test|SUM|calc|cmd/;
const program: ProgramContext = { name: 'Pilot', admin: { name: 'Ada Admin', email: 'ada@example.com' } } as ProgramContext;
const flat = (s: string) => s.replace(/\s+/g, ' ');

const sam = { pairingId: 'pr_sam', partnerName: 'Sam Lee', sentMessageIds: ['ses-sam'] };
const tom = { pairingId: 'pr_tom', partnerName: 'Tom Elder', sentMessageIds: ['ses-tom'] };
const sum = { pairingId: 'pr_sum', partnerName: SUM, sentMessageIds: ['ses-sum'] };
const sum2 = { pairingId: 'pr_sum2', partnerName: '=1+2', sentMessageIds: ['ses-sum2'] };

const which = (running: readonly { pairingId: string; partnerName?: string }[], extra: Partial<NothingRunningInput> = {}) => {
  const email = nothingRunning({
    to: { timeZone: 'Europe/London', name: 'Mia' },
    program,
    command: 'rematch',
    waiting: false,
    whichPartner: partnerCalls(running),
    ...extra,
  });
  return { ...email, text: flat(email.text) };
};
const footerOf = (runningPartners: Parameters<typeof recipientNow>[3]) =>
  flat(
    footerBlocks('participant', program, recipientNow({ timeZone: 'Europe/London' }, 'paired', 0, runningPartners))
      .map((b) => JSON.stringify(b))
      .join(' '),
  );

describe('partnerCalls: every running pairing counted', () => {
  it('names the readable partners and counts the others', () => {
    expect(partnerCalls([sam, sum])).toEqual({ names: ['Sam'], unnamed: 1 });
    expect(partnerCalls([sam, sum, tom])).toEqual({ names: ['Sam', 'Tom'], unnamed: 1 });
    expect(partnerCalls([sum, { pairingId: 'pr_erased' }])).toEqual({ names: [], unnamed: 2 });
    expect(partnerCalls([sam, tom])).toEqual({ names: ['Sam', 'Tom'], unnamed: 0 });
  });

  it("a reply to one of the unnamed pairing's own emails ends that pairing alone, as the emails promise", () => {
    expect(standingTarget([sam, sum], { inReplyTo: ['<ses-sum@eu-west-1.amazonses.com>'] })).toEqual({ kind: 'pairings', pairings: [sum] });
    expect(standingTarget([sum, sum2], { inReplyTo: ['<ses-sum2@eu-west-1.amazonses.com>'] })).toEqual({ kind: 'pairings', pairings: [sum2] });
    expect(questionTarget([sam, sum], sum.pairingId, undefined)).toEqual({ kind: 'this' });
  });
});

describe('"Which pairing did you mean?" with a partner no reply can name', () => {
  it('two pairings, one unnamed: two are said to run, Sam is offered, and the other is told how', () => {
    const email = which([sam, sum]);
    expect(email.text).toContain(
      'You wrote REMATCH, but you have 2 pairings running in Pilot (with Sam and a partner whose name cannot be written in a reply), and your reply does not say which one you meant, so nothing was changed',
    );
    expect(email.text).toContain(
      "To end one and be offered someone new, reply REMATCH with that partner's name: \"REMATCH Sam\". You can also reply REMATCH to that pairing's own check-in question. For your pairing with a partner whose name cannot be written in a reply, reply REMATCH to one of that pairing's own emails. Your other pairings go on.",
    );
    expect(email.text).not.toContain('the pairing you have running');
    for (const part of [email.text, email.html]) expect(part).not.toMatch(FORMULA_TEXT);
  });

  it('three pairings, one unnamed: three are said to run', () => {
    const email = which([sam, sum, tom], { command: 'end' });
    expect(email.text).toContain('you have 3 pairings running in Pilot (with Sam, Tom and a partner whose name cannot be written in a reply)');
    expect(email.text).toContain('reply END with that partner\'s name: "END Sam" or "END Tom"');
    expect(email.text).toContain("For your pairing with a partner whose name cannot be written in a reply, reply END to one of that pairing's own emails.");
  });

  it('all unnamed: the count, and no name offered', () => {
    const email = which([sum, sum2]);
    expect(email.text).toContain('you have 2 pairings running in Pilot (with 2 partners whose names cannot be written in a reply)');
    expect(email.text).toContain("To end one and be offered someone new, reply REMATCH to one of that pairing's own emails. Your other pairings go on.");
    expect(email.text).not.toMatch(/"REMATCH/);
    const two = which([sam, sum, sum2]);
    expect(two.text).toContain('you have 3 pairings running in Pilot (with Sam and 2 partners whose names cannot be written in a reply)');
    expect(two.text).toContain(
      "For a pairing with one of your 2 partners whose names cannot be written in a reply, reply REMATCH to one of that pairing's own emails.",
    );
  });

  it('the one pairing they were told of, unnamed: no name offered, the reply to its own emails is', () => {
    const email = which([sum]);
    expect(email.text).toContain(
      'the name in your reply is not that of your partner in the pairing you have running in Pilot, so nothing was changed: an ended pairing cannot be started again.',
    );
    expect(email.text).toContain("To end it and be offered someone new, reply REMATCH to one of that pairing's own emails.");
    expect(email.text).not.toMatch(/"REMATCH|\(with /);
  });
});

describe('the footer of someone with a pairing whose partner no reply can name', () => {
  it('two pairings, one unnamed: REMATCH names Sam, and the other pairing is told how; never a bare REMATCH', () => {
    const footer = footerOf(partnerCalls([sam, sum]));
    expect(footer).toContain(
      'Would another partner suit you better in one of your pairings? Reply REMATCH with that partner\'s name (\\"REMATCH Sam\\"): that pairing ends kindly and both of you are offered someone new; your other pairings go on. For your pairing with a partner whose name cannot be written in a reply, reply REMATCH to one of that pairing\'s own emails.',
    );
    expect(footer).not.toContain('Reply REMATCH: your pairing ends');
    expect(footer).not.toMatch(FORMULA_TEXT);
  });

  it('all unnamed: REMATCH to one of that pairing’s own emails', () => {
    const footer = footerOf(partnerCalls([sum, sum2]));
    expect(footer).toContain(
      "Would another partner suit you better in one of your pairings? Reply REMATCH to one of that pairing's own emails: that pairing ends kindly and both of you are offered someone new; your other pairings go on.",
    );
    expect(footer).not.toContain('Reply REMATCH: your pairing ends');
  });

  it('one pairing, unnamed: the bare REMATCH, which ends it, as before', () => {
    expect(footerOf(partnerCalls([sum]))).toContain('Reply REMATCH: your pairing ends kindly');
    expect(footerOf(partnerCalls([sum]))).toEqual(footerOf(undefined));
  });

  it('runningPartnerNames counts the unnamed partner for the footer', async () => {
    const pairing = (pairingId: string, menteeId: string) => ({ pairingId, programId: 'pilot', status: 'active', mentorId: 'pt_1', menteeId });
    const pairings = [pairing('pr_sam', 'pt_sam'), pairing('pr_sum', 'pt_sum')] as unknown as Parameters<typeof runningPartnerNames>[1];
    expect(await runningPartnerNames({ participantId: 'pt_1', programId: 'pilot' }, pairings)).toEqual({ names: ['Sam'], unnamed: 1 });
  });
});

describe('the standing address, with Sam and a partner no reply can name', () => {
  const active = (p: { pairingId: string; partnerName: string; sentMessageIds: string[] }): RunningPairing => ({
    ...p,
    programId: 'pilot',
    status: 'active',
    mentorId: 'pt_1',
  });

  it('a bare REMATCH ends nothing, and the notice counts both pairings', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q, [active(sam), active(sum)]);
    expect(await processInboundMessage(replyMessage(q, 'REMATCH'), 'inbound/a', ports, NOW)).toBe('which-pairing');
    expect(calls.controls).toEqual([]);
    expect(calls.notices).toEqual(['nothingRunning rematch {"whichPartner":{"names":["Sam"],"unnamed":1}}']);
  });

  it('"REMATCH Sam and Tom" to a check-in, naming two, counts the unnamed pairing too', async () => {
    const q = await question({ purpose: 'check-in', pairingId: 'pr_sum' });
    const { ports, calls } = fakes(q, [active(sam), active(sum), active(tom)]);
    expect(await processInboundMessage(replyMessage(q, 'REMATCH Sam and Tom'), 'inbound/a', ports, NOW)).toBe('which-pairing');
    expect(calls.notices).toEqual(['nothingRunning rematch {"whichPartner":{"names":["Sam","Tom"],"unnamed":1}}']);
  });

  it("REMATCH in reply to one of that pairing's own emails ends it alone, as promised", async () => {
    const q = await standing();
    const { ports, calls } = fakes(q, [active(sam), active(sum)]);
    const raw = replyMessage(q, 'REMATCH').toString().replace('Subject:', 'In-Reply-To: <ses-sum@eu-west-1.amazonses.com>\r\nSubject:');
    expect(await processInboundMessage(Buffer.from(raw), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([
      { type: 'PairingEndRequested', programId: 'pilot', pairingId: 'pr_sum', participantId: 'pt_1', reason: 'participant-rematch' },
    ]);
    const checkIn = await question({ purpose: 'check-in', pairingId: 'pr_sum' });
    const onQuestion = fakes(checkIn, [active(sam), active(sum)]);
    expect(await processInboundMessage(replyMessage(checkIn, 'REMATCH'), 'inbound/b', onQuestion.ports, NOW)).toBe('command');
    expect(onQuestion.calls.controls).toMatchObject([{ type: 'PairingEndRequested', pairingId: 'pr_sum' }]);
  });
});
