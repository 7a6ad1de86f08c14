import { describe, expect, it } from 'vitest';
import { agreeable, simulate, type SimOptions } from './simulate';

/**
 * A pause starts the escalation ladder again (QA quiet3, verify20): the silence before it no longer
 * counts. A pause dropped the held nudges of the first miss, and the admins then read "Both partners
 * had a friendly nudge" after the second; a first miss after the resume went to the next rung.
 */
const silent: SimOptions['answer'] = (e, side) => (e.question?.purpose === 'acceptance' ? agreeable!(e, side) : undefined);
const hoursAfter = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();

describe('a pause between a miss and its held nudges', () => {
  const base = simulate({ answer: silent, maxSteps: 200 });
  const nudge = base.emails.find((e) => e.template === 'missedCheckInNudge')!;

  it('drops the nudges, and the next misses climb from the first rung again', () => {
    const decidedAt = nudge.sentAt;
    const r = simulate({
      answer: silent,
      maxSteps: 200,
      controls: [{ at: hoursAfter(decidedAt, 0.01), request: { kind: 'pause', until: hoursAfter(decidedAt, 7 * 24).slice(0, 10) } }],
    });
    const levels = r.events.filter((e) => e.type === 'EscalationRaised').map((e) => e.detail.level);
    // Before the pause: the nudge of the first miss. After: a nudge again, then the senior's note.
    expect(levels.slice(0, 3)).toEqual(['nudge', 'nudge', 'senior-note']);
    const escalation = r.emails.find((e) => e.template === 'adminEscalation')!;
    const nudgesAfterResume = r.emails.filter((e) => e.template === 'missedCheckInNudge' && e.sentAt > r.events.find((x) => x.type === 'PairingResumed')!.at);
    expect(nudgesAfterResume.length).toBeGreaterThan(0);
    expect(escalation.sentAt > nudgesAfterResume[0]!.sentAt).toBe(true);
  });
});
