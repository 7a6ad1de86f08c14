import { describe, expect, it } from 'vitest';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { ControlRequest, Pairing, Round } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import type { Participant } from '../../../functions/domain/participant';
import { participant, simPairing, simProgram } from './simulate';

/**
 * An early end while the fit check is out (docs/lifecycle.md, "An early end keeps what was already
 * asked"): an answer already given is stored for the admins, and whoever was asked and has not
 * answered reads in their end email that the question is closed.
 */

const NOW = new Date('2027-02-10T10:00:00Z');
const at = NOW.toISOString();
const FIT: Round = {
  key: 'round-003',
  kind: 'fit-check',
  label: 'Fit check',
  dueAt: '2027-02-08T09:00:00.000Z',
  closesAt: '2027-02-13T22:59:59.999Z',
  asks: { mentor: { sendAt: '2027-02-08T09:00:00.000Z', sent: true }, mentee: { sendAt: '2027-02-08T08:00:00.000Z', sent: true } },
  answers: { mentor: { intent: 'unsure', note: 'different expectations', at: '2027-02-09T10:00:00.000Z' } },
};

function step(control: ControlRequest, round: Round = FIT, mentee: Partial<Participant> = {}) {
  const pairing: Pairing = simPairing('2027-01-04T08:00:00Z', {
    status: 'active',
    startedAt: '2027-01-04T08:00:00Z',
    acceptedAt: '2027-01-06T10:00:00Z',
    checkInsHeld: 1,
    fitCheckAskedAt: '2027-02-07T10:00:00.000Z',
    roundsOpened: 3,
    round,
    controls: [control],
  });
  return decideNext({
    pairing,
    program: simProgram(),
    mentor: participant('mentor'),
    mentee: participant('mentee', mentee),
    now: NOW,
    execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
  });
}

const endEmail = (d: ReturnType<typeof step>, to: string) => {
  const e = d.emails.find((x) => x.to === to && (x.template === 'pairingEnded' || x.template === 'partnerLeft'))!;
  return renderIntent(e.template, e.input).text.replace(/\s+/g, ' ');
};

describe('an early end while the fit check is out', () => {
  it('an END keeps the answer already given (FIT# record) and tells the one who has not answered that their question is closed', () => {
    const d = step({ kind: 'end', requestedAt: at, reason: 'participant-request' });
    expect(d.pairing.status).toBe('ended');
    expect(d.pairing.round).toBeUndefined();
    const fit = d.records.find((r) => r.sk === 'FIT#round-003');
    expect(fit?.item).toMatchObject({ type: 'FitCheck', mentor: { answer: 'unsure', note: 'different expectations' }, mentee: { answer: 'no-answer' } });
    // The end answers the question; the admins are not asked to look at a pairing that has ended.
    expect(d.emails.some((e) => e.template === 'adminFitUnsure')).toBe(false);
    expect(endEmail(d, 'mentee@example.com')).toContain('The question on whether your pairing is a good fit is closed');
    expect(endEmail(d, 'mentor@example.com')).not.toContain('good fit');
  });

  it("the partner's STOP: the one who stays is told their open fit question is closed, and the leaver's answer stays on record", () => {
    const round: Round = { ...FIT, answers: { mentee: { intent: 'no', at: '2027-02-09T10:00:00.000Z' } } };
    const d = step({ kind: 'left', requestedAt: at, participantId: 'pt_mentee', reason: 'withdrawn' }, round, { status: 'withdrawn' });
    expect(d.pairing.statusReason).toBe('participant-withdrew');
    expect(d.records.find((r) => r.sk === 'FIT#round-003')?.item).toMatchObject({ mentee: { answer: 'no' }, mentor: { answer: 'no-answer' } });
    expect(endEmail(d, 'mentor@example.com')).toContain('The question on whether your pairing is a good fit is closed');
  });

  it('a fit check nobody answered: no record is made up, and the end email still says it is closed', () => {
    const d = step({ kind: 'end', requestedAt: at, reason: 'admin-decision' }, { ...FIT, answers: {} });
    expect(d.records.some((r) => r.sk.startsWith('FIT#'))).toBe(false);
    for (const to of ['mentor@example.com', 'mentee@example.com']) expect(endEmail(d, to)).toContain('is closed');
  });
});
