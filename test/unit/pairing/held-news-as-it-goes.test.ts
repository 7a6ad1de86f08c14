import { describe, expect, it } from 'vitest';
import { datesBasis, stillHolds } from '../../../functions/domain/pairing/held';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, replying, simProgram, simulate } from './simulate';

/**
 * Emails held for their reader's working hours say what is true when they arrive, not when they
 * were decided (QA, each reproduced twice): the goals confirmation of a pairing that ended before
 * it went, and the REMATCH offer of a footer after the program closed. And whoever replied REMATCH
 * reads that their pairing ended as they asked, not news of the program's changes.
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('a held goals confirmation, after STOP', () => {
  // Sora (Tokyo) says YES in his morning; Rafael (São Paulo) says YES with goals at 14:20 UTC, 23:20
  // in Tokyo: Sora's "Your goals with Rafael" is held for his morning. He replies STOP at 23:45.
  const r = simulate({
    program: { lifecycle: { durationMonths: 1, checkInCadenceDays: 14 } as never },
    mentor: { participantId: 'pt_sora', name: 'Sora Tanaka', timeZone: 'Asia/Tokyo' },
    mentee: { participantId: 'pt_rafael', name: 'Rafael Lima', timeZone: 'America/Sao_Paulo' },
    // Rafael's introduction reaches him on 4 January, Sora's in his morning of the 5th: Sora answers
    // within the hour, Rafael the next day at 14:20 UTC.
    answer: (e, side) => {
      const read = replying((q) =>
        q.question?.purpose !== 'acceptance' ? 'YES 4' : side === 'mentee' ? 'YES\nGOALS:\n1. Use an AI assistant weekly\n2. Run one meeting async' : 'YES',
      )!;
      const reply = read(e, side);
      return reply && { ...reply, delayHours: e.question?.purpose === 'acceptance' && side === 'mentee' ? 25 : 1 };
    },
    controls: [{ at: '2027-01-05T14:45:00Z', request: { kind: 'left', reason: 'withdrawn', participantId: 'pt_sora' } }],
  });
  const toSora = r.emails.filter((e) => e.template === 'goalsConfirmed' && e.to === 'mentor@example.com');

  it('is held past his STOP, as QA found it', () => {
    expect(toSora).toHaveLength(1);
    expect(Date.parse(toSora[0]!.notBefore!)).toBeGreaterThan(Date.parse('2027-01-05T14:45:00Z'));
    expect(r.pairing.status).toBe('ended');
  });

  it('is never sent once the pairing has ended: it promises check-ins that will not come', () => {
    const now = {
      status: r.pairing.status,
      dates: datesBasis({ program: simProgram({ lifecycle: { durationMonths: 1, checkInCadenceDays: 14 } as never }) }, r.pairing),
    };
    expect(stillHolds(toSora[0]!, now)).toBe(false);
    // While the pairing runs it still goes.
    expect(stillHolds(toSora[0]!, { ...now, status: 'active' })).toBe(true);
  });
});

describe('a held pause email, after the program closed', () => {
  // The program's last day is 20 April; the pairing itself runs into May. Gabriel (São Paulo)
  // replies PAUSE for 1 week at 15:00 UTC on 20 April; Emi's (Tokyo) pause email waits for her
  // morning, 21 April, when the program has closed.
  const program = { endDate: '2027-04-20', lifecycle: { durationMonths: 2 } as never };
  const r = simulate({
    start: '2027-03-01T08:00:00Z',
    program: { ...program, startDate: '2027-03-01' },
    mentor: { participantId: 'pt_emi', name: 'Emi Sato', timeZone: 'Asia/Tokyo' },
    mentee: { participantId: 'pt_gabriel', name: 'Gabriel Souza', timeZone: 'America/Sao_Paulo' },
    answer: agreeable,
    controls: [{ at: '2027-04-20T15:00:00Z', request: { kind: 'pause', until: '2027-04-27', participantId: 'pt_gabriel' } }],
  });
  const email = r.emails.find((e) => e.template === 'pairingPaused' && e.to === 'mentor@example.com')!;
  const asSent = (at: string) => flat(renderIntent(email.template, { ...email.input, to: { ...(email.input.to as object), sentAt: at } }).text);

  it('offers no new partner in its footer: a REMATCH would bring none', () => {
    expect(email.notBefore! > '2027-04-20T23:00:00.000Z').toBe(true);
    const text = asSent(email.notBefore!);
    expect(text).not.toContain('both of you are offered someone new');
    expect(text).toContain('Reply REMATCH: your pairing ends kindly and no new pairing starts, as the program has closed.');
  });

  it('still offers one when it goes before the program closed', () => {
    expect(asSent('2027-04-20T16:00:00.000Z')).toContain('Reply REMATCH: your pairing ends kindly and both of you are offered someone new.');
  });
});

describe('the end email to whoever replied REMATCH', () => {
  const rematchBy = (at: string) =>
    simulate({ answer: agreeable, controls: [{ at, request: { kind: 'end', reason: 'participant-rematch', participantId: 'pt_mentor' } }] });
  const ended = (r: ReturnType<typeof simulate>, to: string) => {
    const email = r.emails.find((e) => e.template === 'pairingEnded' && e.to === to)!;
    return flat(renderIntent(email.template, email.input).text);
  };

  it('says it ended as they asked, and what comes next; the partner reads only the neutral reason', () => {
    const r = rematchBy('2027-02-10T10:00:00Z');
    const asker = ended(r, 'mentor@example.com');
    expect(asker).toContain('Your pairing with Sam has ended, as you asked when you replied REMATCH.');
    expect(asker).not.toContain('The program is changing some pairings, and yours is one of them');
    expect(asker).toContain('Sam is told only that the program is changing some pairings, never who asked.');
    expect(asker).toContain('We are looking for a new partner for you');
    const partner = ended(r, 'mentee@example.com');
    expect(partner).toContain('The program is changing some pairings, and yours is one of them.');
    expect(partner).not.toContain('as you asked');
  });

  it('before the pairing started, says the introduction closed as they asked', () => {
    // Sam's introduction reached him in his Berlin morning; he replies REMATCH before either answered.
    const r = simulate({ controls: [{ at: '2027-01-04T09:30:00Z', request: { kind: 'end', reason: 'participant-rematch', participantId: 'pt_mentee' } }] });
    const asker = ended(r, 'mentee@example.com');
    expect(asker).toContain('Your introduction to Mia is closed, as you asked when you replied REMATCH, and the pairing will not start');
    expect(asker).not.toContain('The program is changing some introductions');
  });
});
