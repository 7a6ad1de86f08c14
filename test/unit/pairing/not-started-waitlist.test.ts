import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { simulate, type SimOptions } from './simulate';

/**
 * The note to whoever said yes to a pairing that will not start says what is true for them, and is
 * their one message about waiting (docs/emails.md, `pairingNotStarted`): past the rematch cap it is
 * their waitlist notice (no separate `waitlisted` email follows it), and once the program has
 * closed it says so, never that they wait.
 */

const declines: SimOptions['answer'] = (e, side) => (e.question?.purpose === 'acceptance' ? { text: { intent: side === 'mentee' ? 'no' : 'yes' } } : undefined);
const flat = (text: string) => text.replace(/\s+/g, ' ');

function notStarted(opts: Omit<SimOptions, 'answer'>) {
  const r = simulate({ answer: declines, ...opts });
  const email = r.emails.find((e) => e.template === 'pairingNotStarted' && e.to === 'mentor@example.com')!;
  const mentor = r.decisions.flatMap((d) => d.decision.people).find((p) => p.participantId === 'pt_mentor');
  return { text: flat(renderIntent(email.template, email.input).text), mentor };
}

describe('a pairing that will not start', () => {
  it('after the program closed: says the program has closed and thanks them, not that they wait', () => {
    const { text } = notStarted({ program: { startDate: '2026-12-01', endDate: '2026-12-15' } });
    expect(text).toContain('As the program has closed, no new pairing will start. Thank you for taking part.');
    expect(text).not.toMatch(/waitlist|looking for a new partner/);
  });

  it('past the rematch cap: the note is their waitlist notice, so no second one is sent', () => {
    const { text, mentor } = notStarted({ mentor: { rematchAttempts: 3 } });
    expect(mentor).toMatchObject({ status: 'waitlisted', toldInEndEmail: true });
    expect(text).toContain('you are now on the waitlist and the program team will decide with you how to go on');
    expect(text).toContain('You will get an introduction email as soon as there is a good match, or an email if the program closes before then.');
  });

  it('with no automatic rematches: says the program does not look on its own, once', () => {
    const { text, mentor } = notStarted({ program: { rematch: { maxAttempts: 0, offersAfterSilence: 1, needsApproval: false } } });
    expect(mentor).toMatchObject({ status: 'waitlisted', toldInEndEmail: true });
    expect(text).toContain('does not look for new partners on its own');
    expect(text).not.toMatch(/already looked/);
  });

  it('with a rematch: a new partner is looked for, and no waitlist notice is claimed', () => {
    const { text, mentor } = notStarted({});
    expect(text).toMatch(/looking for a new partner/);
    expect(mentor).not.toHaveProperty('toldInEndEmail');
  });
});
