import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate } from './simulate';

/**
 * The partner of someone who leaves (a bounce, STOP, HR) is told kindly. Before the pairing started
 * (its introduction still waited for answers) there were no sessions to speak of.
 */

function partnerLeftText(opts: Parameters<typeof simulate>[0]): string {
  const r = simulate(opts);
  const told = r.emails.find((e) => e.template === 'partnerLeft' && e.to === 'mentor@example.com');
  if (!told) throw new Error(`no partnerLeft to the mentor: ${r.emails.map((e) => e.template).join(', ')}`);
  return renderIntent(told.template, told.input).text.replace(/\s+/g, ' ');
}

describe('partnerLeft', () => {
  it("during the introduction (the partner's address bounced): the pairing will not start, and nothing is said of sessions", () => {
    const text = partnerLeftText({
      // The mentor said YES; the mentee never answered before their address bounced.
      answer: (_e, side) => (side === 'mentor' ? { text: { intent: 'yes' } } : undefined),
      controls: [{ at: '2027-01-05T10:00:00Z', request: { kind: 'left', participantId: 'pt_mentee', reason: 'suppressed' } }],
    });
    expect(text).toMatch(/Sam is no longer taking part in the program, so your introduction is closed and your pairing will not start/);
    expect(text).toMatch(/nothing to do with you\./);
    expect(text).not.toMatch(/session|ends here|meetings? you had/i);
  });

  it('once the pairing runs: it ends there, and it has nothing to do with how their sessions went', () => {
    const text = partnerLeftText({
      answer: agreeable,
      controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'left', participantId: 'pt_mentee', reason: 'suppressed' } }],
    });
    expect(text).toMatch(/so your pairing ends here\. .* nothing to do with you or with how your sessions went/);
  });
});
