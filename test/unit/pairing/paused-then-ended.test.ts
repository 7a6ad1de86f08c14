import { describe, expect, it } from 'vitest';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { Answer, ControlRequest, Pairing } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import type { Participant } from '../../../functions/domain/participant';
import { agreeable, participant, simPairing, simProgram, simulate } from './simulate';

/**
 * A member who is away on a pause they asked for by reply is still away when the pairing ends under
 * them: their partner leaves, or an admin ends it, or a fit check's "no" closes it. As for a PAUSE
 * that arrives with an end (pause-with-end.test.ts), they are not matched with a new partner before
 * the day the pause lasts until (`availableFrom`), a rematch for them is asked on that day, and their
 * end email names it. A PAUSE that arrives while a round that has run its course closes into an end
 * is honoured alike. A pause HR or the admins set names nobody away.
 */

const PAUSED_AT = new Date('2027-02-10T10:00:00Z');
const ENDS_AT = new Date('2027-02-17T10:00:00Z'); // a week into the pause
const BACK = '2027-03-24';
const execution = { startedAt: '2027-01-04T08:00:00Z', generation: 1 };
const running: Pairing = simPairing('2027-01-04T08:00:00Z', {
  status: 'active',
  acceptedAt: '2027-01-06T10:00:00Z',
  startedAt: '2027-01-04T08:00:00Z',
  checkInsHeld: 2,
});

function step(pairing: Pairing, now: Date, controls: ControlRequest[], people: { mentor?: Partial<Participant>; mentee?: Partial<Participant> } = {}) {
  return decideNext({
    pairing: { ...pairing, ...(controls.length > 0 ? { controls } : {}) },
    program: simProgram(),
    mentor: participant('mentor', people.mentor),
    mentee: participant('mentee', people.mentee),
    now,
    execution,
  });
}

const pauseBy = (participantId: string | undefined, until: string | null = BACK, at = PAUSED_AT): ControlRequest => ({
  kind: 'pause',
  requestedAt: at.toISOString(),
  ...(participantId ? { participantId } : {}),
  ...(until ? { until } : {}),
});
/** The pairing as the pause left it (pause() stores its day and who asked). */
const pausedBy = (participantId: string | undefined, until: string | null = BACK): Pairing => {
  const p = step(running, PAUSED_AT, [pauseBy(participantId, until)]).pairing;
  expect(p.status).toBe('paused');
  return p;
};
const mentorStop = (at = ENDS_AT): ControlRequest => ({ kind: 'left', requestedAt: at.toISOString(), participantId: 'pt_mentor', reason: 'withdrawn' });
const withdrawn = { mentor: { status: 'withdrawn' as const } };

type Decision = ReturnType<typeof decideNext>;
const textTo = (d: Decision, to: string) => {
  const email = d.emails.find((e) => e.to === to && (e.template === 'partnerLeft' || e.template === 'pairingEnded'));
  expect(email, `an end email to ${to}`).toBeDefined();
  return renderIntent(email!.template, email!.input).text.replace(/\s+/g, ' ');
};
const rematches = (d: Decision) =>
  d.events
    .filter((e) => e.type === 'RematchRequested')
    .map((e) => ({ ids: (e.detail as { participantIds: string[] }).participantIds, notBefore: e.notBefore }));

describe("a pairing paused at a member's request that ends before the pause does", () => {
  it("the partner's STOP: the one away is looked for a partner from the day the pause lasts until, and their end email says so", () => {
    const d = step(pausedBy('pt_mentee'), ENDS_AT, [mentorStop()], withdrawn);
    expect(d.pairing.status).toBe('ended');
    expect(d.people).toEqual([
      expect.objectContaining({ participantId: 'pt_mentee', status: 'awaiting-rematch', standing: expect.objectContaining({ availableFrom: BACK }) }),
    ]);
    // Their own rematch, once the day has begun in Berlin and for matching (UTC); none now.
    expect(rematches(d)).toEqual([{ ids: ['pt_mentee'], notBefore: `${BACK}T00:00:00.000Z` }]);
    expect(d.records.find((r) => r.item.kind === 'pause-overruled')?.item).toMatchObject({ detail: { side: 'mentee', until: BACK } });
    const said = textTo(d, 'mentee@example.com');
    expect(said).toContain('Your pairing was paused until Wednesday 24 March 2027, as you asked. With the pairing ended there is nothing left to pause');
    expect(said).toContain('We will look for a new partner for you from Wednesday 24 March 2027, when you are back');
    expect(said).not.toContain('We also received your request');
    expect(said).not.toContain('We are looking for a new partner');
    // Safe to run twice: the same decision again.
    expect(step(pausedBy('pt_mentee'), ENDS_AT, [mentorStop()], withdrawn)).toEqual(d);
  });

  it('a pause without a date: away until the day two weeks after it began, not two weeks after the end', () => {
    const d = step(pausedBy('pt_mentee', null), ENDS_AT, [mentorStop()], withdrawn);
    expect(d.people[0]!.standing.availableFrom).toBe('2027-02-24');
    expect(rematches(d)).toEqual([{ ids: ['pt_mentee'], notBefore: '2027-02-24T00:00:00.000Z' }]);
    expect(textTo(d, 'mentee@example.com')).toContain('from Wednesday 24 February 2027, when you are back');
  });

  it("an admin's end: both go back to the pool, the one away not before their day", () => {
    const d = step(pausedBy('pt_mentee'), ENDS_AT, [{ kind: 'end', requestedAt: ENDS_AT.toISOString(), reason: 'admin-decision' }]);
    expect(d.pairing.statusReason).toBe('admin-decision');
    const standing = Object.fromEntries(d.people.map((p) => [p.participantId, [p.status, p.standing.availableFrom]]));
    expect(standing).toEqual({ pt_mentor: ['enrolled', undefined], pt_mentee: ['enrolled', BACK] });
    expect(rematches(d)).toEqual([]);
    expect(textTo(d, 'mentee@example.com')).toContain('you will not be matched with a new partner before Wednesday 24 March 2027');
    expect(textTo(d, 'mentor@example.com')).not.toContain('pause');
  });

  it("an admin's end with a rematch: the partner is looked for someone now, the one away from their day", () => {
    const d = step(pausedBy('pt_mentor'), ENDS_AT, [{ kind: 'end', requestedAt: ENDS_AT.toISOString(), reason: 'admin-rematch' }]);
    expect(rematches(d)).toEqual([
      { ids: ['pt_mentee'], notBefore: undefined },
      { ids: ['pt_mentor'], notBefore: `${BACK}T00:00:00.000Z` },
    ]);
  });
});

describe('a pairing paused that ends: what stays as it was', () => {
  it('their own later PAUSE with a new day in the same step: that day, answered as a request just received', () => {
    const d = step(pausedBy('pt_mentee'), ENDS_AT, [pauseBy('pt_mentee', '2027-03-31', ENDS_AT), mentorStop()], withdrawn);
    expect(d.people[0]!.standing.availableFrom).toBe('2027-03-31');
    expect(textTo(d, 'mentee@example.com')).toContain('We also received your request to pause until Wednesday 31 March 2027');
  });

  it('not away: a pause HR or an admin set, one a resume in the same step called off, or one whose day has begun where they are', () => {
    const cases: [Pairing, ControlRequest[], Date][] = [
      [pausedBy(undefined), [mentorStop()], ENDS_AT],
      [pausedBy('pt_mentee'), [{ kind: 'resume', requestedAt: ENDS_AT.toISOString() }, mentorStop()], ENDS_AT],
      // 00:30 on the 24th in Berlin, still the 23rd in London: the pairing is paused, but the mentee is back.
      [pausedBy('pt_mentee'), [mentorStop(new Date('2027-03-23T23:30:00Z'))], new Date('2027-03-23T23:30:00Z')],
    ];
    for (const [pairing, controls, now] of cases) {
      expect(pairing.status).toBe('paused');
      const d = step(pairing, now, controls, withdrawn);
      expect(d.people[0]!.standing.availableFrom).toBeUndefined();
      expect(rematches(d).map((r) => r.ids)).toEqual([['pt_mentee']]);
      // As any end's: after their end email (held for their working hours), not on a day of the pause's.
      const endEmail = d.emails.find((e) => e.template === 'partnerLeft')!;
      expect(rematches(d)[0]!.notBefore).toBe(endEmail.notBefore);
      expect(textTo(d, 'mentee@example.com')).toContain('We are looking for a new partner for you');
      expect(d.records.some((r) => r.item.kind === 'pause-overruled')).toBe(false);
    }
  });

  it('the one who paused leaves: their leaving is their news, nothing is kept for them', () => {
    const d = step(pausedBy('pt_mentee'), ENDS_AT, [{ kind: 'left', requestedAt: ENDS_AT.toISOString(), participantId: 'pt_mentee', reason: 'withdrawn' }], {
      mentee: { status: 'withdrawn' },
    });
    expect(d.people.map((p) => [p.participantId, p.standing.availableFrom])).toEqual([['pt_mentor', undefined]]);
    expect(rematches(d).map((r) => r.ids)).toEqual([['pt_mentor']]);
  });
});

describe('a fit check whose "no" ends the pairing while a member is away', () => {
  /** The pairing as it stands with the fit check sent to both and nobody's answer in yet. */
  const fit = simulate({ answer: (e, side) => (e.question?.purpose === 'fit' ? undefined : agreeable!(e, side)), maxSteps: 200 })
    .decisions.map((d) => d.decision.pairing)
    .find((p) => p.round?.kind === 'fit-check' && p.round.asks.mentor?.sent && p.round.asks.mentee?.sent)!;
  const said = (intent: string): Answer => ({ intent, at: fit.round!.dueAt }) as Answer;
  const now = new Date(Date.parse(fit.round!.closesAt) - 3_600_000);
  const back = new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);

  it('a PAUSE in the step the answers close it: honoured in the end email, with no "nothing to pause" beside it', () => {
    const answered = { ...fit, round: { ...fit.round!, answers: { mentor: said('no'), mentee: said('yes') } } };
    const d = step(answered, now, [pauseBy('pt_mentee', back, now)]);
    expect(d.pairing.statusReason).toBe('not-a-fit');
    expect(d.people.find((p) => p.participantId === 'pt_mentee')!.standing.availableFrom).toBe(back);
    expect(d.people.find((p) => p.participantId === 'pt_mentor')!.standing.availableFrom).toBeUndefined();
    expect(rematches(d).map((r) => r.ids)).toEqual([['pt_mentor'], ['pt_mentee']]);
    expect(rematches(d)[0]!.notBefore === undefined || rematches(d)[0]!.notBefore! < back).toBe(true);
    expect(rematches(d)[1]!.notBefore).toBe(`${back}T00:00:00.000Z`);
    expect(d.emails.filter((e) => e.template === 'nothingRunning')).toEqual([]);
    expect(textTo(d, 'mentee@example.com')).toContain('We also received your request to pause until');
    expect(textTo(d, 'mentor@example.com')).not.toContain('pause');
  });

  it('a fit check kept open through the pause a member asked for: its "no" ends the pairing, and they are still away', () => {
    const kept = step({ ...fit, round: { ...fit.round!, answers: { mentor: said('no') } } }, now, [pauseBy('pt_mentee', back, now)]).pairing;
    expect(kept.status).toBe('paused');
    expect(kept.round?.kind).toBe('fit-check');
    const later = new Date(now.getTime() + 1_800_000);
    const d = step({ ...kept, round: { ...kept.round!, answers: { ...kept.round!.answers, mentee: said('yes') } } }, later, []);
    expect(d.pairing.statusReason).toBe('not-a-fit');
    expect(d.people.find((p) => p.participantId === 'pt_mentee')!.standing.availableFrom).toBe(back);
    expect(rematches(d).find((r) => r.ids[0] === 'pt_mentee')).toEqual({ ids: ['pt_mentee'], notBefore: `${back}T00:00:00.000Z` });
    expect(textTo(d, 'mentee@example.com')).toContain('as you asked. With the pairing ended there is nothing left to pause');
  });
});
