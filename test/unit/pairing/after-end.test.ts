import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate } from './simulate';

/**
 * What the person who stays is told about how they go on after their pairing ended early: each
 * sentence must be what then happens to them (docs/lifecycle.md, Rematch policy).
 */
const WITHDRAW = { at: '2027-02-10T10:00:00Z', request: { kind: 'left' as const, participantId: 'pt_mentee', reason: 'withdrawn' as const } };

function toldMentor(r: ReturnType<typeof simulate>, template: 'partnerLeft' | 'pairingEnded') {
  const step = r.decisions.find((d) => d.decision.emails.some((e) => e.template === template && e.to === 'mentor@example.com'))!;
  const intent = step.decision.emails.find((e) => e.template === template && e.to === 'mentor@example.com')!;
  const email = renderIntent(intent.template, intent.input);
  return { text: email.text.replace(/\s+/g, ' '), people: step.decision.people };
}

describe('after a pairing ends early, the email says how the reader goes on', () => {
  it('a partner who left, with a rematch: a new partner is looked for, and no recognition is promised for the meetings held', () => {
    const { text, people } = toldMentor(simulate({ answer: agreeable, controls: [WITHDRAW] }), 'partnerLeft');
    expect(text).toContain('We are looking for a new partner for you');
    expect(text).toMatch(/meetings? you had together (is|are) recorded/);
    expect(text).not.toContain('recognition');
    expect(people.find((p) => p.participantId === 'pt_mentor')).toMatchObject({ status: 'awaiting-rematch' });
  });

  it('past the rematch cap: the email is their waitlist notice, not "the program is close to its end"', () => {
    const { text, people } = toldMentor(simulate({ answer: agreeable, program: { rematch: { maxAttempts: 0 } }, controls: [WITHDRAW] }), 'partnerLeft');
    expect(text).toContain('you are now on the waitlist');
    expect(text).not.toContain('close to its end');
    expect(text).not.toContain('recognition');
    // The waitlist entry is marked told: no second notice arrives, and none before this one.
    expect(people.find((p) => p.participantId === 'pt_mentor')).toMatchObject({ status: 'waitlisted', toldInEndEmail: true });
  });

  it('after the program closed: no new pairing, said as such', () => {
    const r = simulate({
      answer: agreeable,
      program: { lifecycle: { durationMonths: 6 } as never },
      programChanges: [{ at: '2027-02-09T10:00:00Z', program: { endDate: '2027-02-09' } }],
      controls: [WITHDRAW],
    });
    const { text } = toldMentor(r, 'partnerLeft');
    expect(text).toContain('As the program has closed, no new pairing will start.');
    expect(text).not.toContain('looking for a new partner');
  });

  it("an admin's end without a rematch: they are told the next matching run may pair them, not that they must ask", () => {
    const r = simulate({ answer: agreeable, controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'end', reason: 'admin-decision' } }] });
    const { text, people } = toldMentor(r, 'pairingEnded');
    expect(people.find((p) => p.participantId === 'pt_mentor')).toMatchObject({ status: 'enrolled' });
    expect(text).toContain('the next time');
    expect(text).toContain('you may be offered a new partner');
    expect(text).not.toContain('If you would like to be matched again later');
  });
});
