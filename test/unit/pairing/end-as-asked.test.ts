import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate } from './simulate';

/**
 * Whoever replied END reads that their pairing ended as they asked, never "One of you asked to end
 * it", which reads as if their partner had; the partner reads that one of them asked.
 */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const endedBy = (at: string, participantId?: string) =>
  simulate({ answer: agreeable, controls: [{ at, request: { kind: 'end', reason: 'participant-request', ...(participantId ? { participantId } : {}) } }] });
const ended = (r: ReturnType<typeof simulate>, to: string) => {
  const email = r.emails.find((e) => e.template === 'pairingEnded' && e.to === to);
  expect(email, `no end email to ${to}`).toBeDefined();
  return flat(renderIntent(email!.template, email!.input).text);
};

describe('the end email after a reply END', () => {
  it('tells whoever replied END that it ended as they asked, and what their partner reads', () => {
    const r = endedBy('2027-02-10T10:00:00Z', 'pt_mentor');
    expect(r.pairing.status).toBe('ended');
    const asker = ended(r, 'mentor@example.com');
    expect(asker).toContain('Your pairing with Sam has ended, as you asked when you replied END.');
    expect(asker).toContain('Sam is told that one of you asked to end it.');
    expect(asker).not.toContain('One of you asked');
    const partner = ended(r, 'mentee@example.com');
    expect(partner).toContain('Your pairing with Mia has ended. One of you asked to end it');
    expect(partner).not.toContain('as you asked');
  });

  it('before the pairing started, says the introduction closed as they asked', () => {
    const r = simulate({ controls: [{ at: '2027-01-04T09:30:00Z', request: { kind: 'end', reason: 'participant-request', participantId: 'pt_mentee' } }] });
    const asker = ended(r, 'mentee@example.com');
    expect(asker).toContain('Your introduction to Mia is closed, as you asked when you replied END, and the pairing will not start');
    expect(asker).not.toContain('One of you asked');
  });

  it('an end HR recorded as a participant request, naming nobody, reads the same to both', () => {
    const r = endedBy('2027-02-10T10:00:00Z');
    for (const to of ['mentor@example.com', 'mentee@example.com']) {
      const text = ended(r, to);
      expect(text).toContain('One of you asked to end it');
      expect(text).not.toContain('as you asked');
    }
  });
});
