import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimOptions } from './simulate';

/**
 * A program whose ladder puts two rungs at the same miss (QA settings2: with 1/1/2 no nudge was ever
 * sent, the mentor who missed too heard nothing, and the admins read "Both partners had a friendly
 * nudge"): the mentor has the nudge with the mentee's firmer note, and the admins read what was sent.
 */
const silentCheckIns: SimOptions['answer'] = (email) => {
  if (email.question?.purpose === 'check-in') return { text: { intent: 'no' } };
  return agreeable!(email, email.question!.side);
};
const side = (e: { input: Record<string, unknown> }) => (e.input.to as { timeZone: string }).timeZone;
const flat = (t: string) => t.replace(/\s+/g, ' ');

describe('an escalation ladder with rungs at the same miss', () => {
  it('1/1/2: at the first miss the mentor has the nudge, the mentee the note, and the admins are told just that', () => {
    const r = simulate({ answer: silentCheckIns, program: { lifecycle: { escalation: { nudgeAfter: 1, seniorNoteAfter: 1, adminDecisionAfter: 2 } } } });
    const note = r.emails.find((e) => e.template === 'seniorCommitmentNote')!;
    expect(note).toBeDefined();
    const nudges = r.emails.filter((e) => e.template === 'missedCheckInNudge' && e.sentAt === note.sentAt);
    expect(nudges.map((e) => e.key.split(':').at(-1))).toEqual(['mentor']);
    expect(side(nudges[0]!)).not.toBe(side(note));
    const escalation = r.emails.find((e) => e.template === 'adminEscalation')!;
    const text = flat(renderIntent('adminEscalation', escalation.input).text);
    expect(text).not.toContain('Both partners had a friendly nudge');
    expect(text).toMatch(/ has had a friendly nudge, and .* has had a note about the commitment they made/);
  });

  it('1/2/3 (rungs apart): both are nudged at the first miss, and the admins read so at the second', () => {
    const r = simulate({ answer: silentCheckIns, program: { lifecycle: { escalation: { nudgeAfter: 1, seniorNoteAfter: 2, adminDecisionAfter: 3 } } } });
    const note = r.emails.find((e) => e.template === 'seniorCommitmentNote')!;
    expect(r.emails.filter((e) => e.template === 'missedCheckInNudge' && e.sentAt === note.sentAt)).toEqual([]);
    const escalation = r.emails.find((e) => e.template === 'adminEscalation')!;
    expect(flat(renderIntent('adminEscalation', escalation.input).text)).toContain('Both partners had a friendly nudge');
  });

  it('1/1/1: the decision request does not speak of nudges that never went', () => {
    const r = simulate({ answer: silentCheckIns, program: { lifecycle: { escalation: { nudgeAfter: 1, seniorNoteAfter: 1, adminDecisionAfter: 1 } } } });
    const request = r.emails.find((e) => e.template === 'adminDecisionRequest')!;
    expect(request).toBeDefined();
    const links = { continue: 'https://x.example/a/1', pause: 'https://x.example/a/2', end: 'https://x.example/a/3', rematch: 'https://x.example/a/4' };
    const text = flat(renderIntent('adminDecisionRequest', request.input, links).text);
    expect(text).toMatch(/has missed 1 check-in in a row\. The pairing waits for your decision/);
    expect(text).not.toContain('despite the nudges');
  });
});
