import { describe, expect, it } from 'vitest';
import { planOf, type LifecycleContext } from '../../../functions/domain/pairing/context';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { Pairing } from '../../../functions/domain/pairing/model';
import type { Participant } from '../../../functions/domain/participant';
import { programSchema } from '../../../functions/domain/program';
import { agreeable, participant, simulate } from '../pairing/simulate';

const localTime = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

describe('the lifecycle after a ParticipantUpdated', () => {
  for (const reason of ['reporting-line-changed', 'department-changed'] as const) {
    it(`${reason}: ends at once without blame, tells both kindly and rematches both`, () => {
      const at = '2027-02-10T10:00:00Z';
      const r = simulate({ answer: agreeable, controls: [{ at, request: { kind: 'end', reason } }] });
      expect(r.pairing).toMatchObject({ status: 'ended', statusReason: reason, endedAt: new Date(at).toISOString() });
      const ended = r.emails.filter((e) => e.template === 'pairingEnded');
      expect(ended.map((e) => e.to).sort()).toEqual(['mentee@example.com', 'mentor@example.com']);
      for (const e of ended) expect(e.input).toMatchObject({ reason: 'circumstances-changed', rematchRequested: true });
      expect(r.emails.some((e) => e.template === 'partnerLeft')).toBe(false);
      expect(r.events.find((e) => e.type === 'PairingEnded')?.detail).toMatchObject({ reason });
      const rematch = r.events.find((e) => e.type === 'RematchRequested');
      expect(rematch?.detail).toMatchObject({ participantIds: ['pt_mentor', 'pt_mentee'], previousPairingId: 'pr_sim', reason });
      expect(r.emails.filter((e) => e.sentAt > new Date(at).toISOString()).every((e) => !e.question)).toBe(true);
    });
  }

  it('a new time zone and name apply from the next email: the step reads the participant fresh', () => {
    const program = programSchema.parse({
      programId: 'sim',
      name: 'Sim cohort',
      startDate: '2027-01-04',
      admins: ['admin@example.com'],
      timeZone: 'Europe/London',
      // Every pairing at the send time itself, so that the test can name the hour (the spread has its own tests).
      lifecycle: { sendWindowMinutes: 0 },
    });
    const run = simulate({ answer: agreeable, program: { lifecycle: { sendWindowMinutes: 0 } } });
    // The pairing as stored between two check-ins: active, no question open.
    const between = run.decisions.map((d) => d.decision.pairing).find((p) => p.status === 'active' && !p.round && (p.planPosition ?? 0) === 1)!;
    expect(between).toBeDefined();
    const mentee = participant('mentee');
    const ctx = (mentor: Participant, pairing: Pairing, now: Date): LifecycleContext => ({
      pairing,
      program,
      mentor,
      mentee,
      now,
      execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
    });
    const dueAt = planOf(ctx(participant('mentor'), between, new Date(between.updatedAt)))[1]!.dueAt;
    const step = (mentor: Participant, pairing = between, now = dueAt) => decideNext(ctx(mentor, pairing, now));

    const before = step(participant('mentor'));
    const moved = participant('mentor', { timeZone: 'Asia/Singapore', name: 'Mia Newname', version: 2 });
    const after = step(moved);
    const sendAt = (d: typeof before) => d.pairing.round!.asks.mentor!.sendAt;
    expect(localTime(sendAt(before), 'Europe/London')).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);
    expect(localTime(sendAt(after), 'Asia/Singapore')).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);
    expect(sendAt(after)).not.toBe(sendAt(before));

    // At that time the question goes out addressed with the new name, dated in the new zone.
    const asked = step(moved, after.pairing, new Date(sendAt(after)));
    const question = asked.emails.find((e) => e.to === moved.email && e.question);
    expect(question?.input).toMatchObject({ to: { name: 'Mia Newname', timeZone: 'Asia/Singapore' } });
    // And the partner's question names the participant by the new name.
    const toMentee = step(moved, after.pairing, new Date(after.pairing.round!.asks.mentee!.sendAt)).emails.find((e) => e.to === mentee.email && e.question);
    expect(toMentee?.input).toMatchObject({ partner: { name: 'Mia Newname' } });
  });
});
