import { describe, expect, it } from 'vitest';
import { interpretReply, type ReplyPurpose } from '../../../functions/domain/replies';

/**
 * "Please remove me from this pairing", "I'd like a different partner": a wish to change partner or
 * leave the pairing, not the program. The hint named only STOP, which leaves the whole program and
 * cannot be undone; it now names REMATCH (a new partner) and END (the pairing ends) first.
 */
const now = new Date('2027-02-20T10:00:00Z');
const PAIRING_HINT =
  'If you would rather not go on with your partner, reply with just REMATCH to ask for a new one, or with just END to end your pairing; to leave the program, reply with just STOP.';

describe('a wish for another partner, or to leave the pairing', () => {
  it.each<[string, ReplyPurpose]>([
    ['Please remove me from this pairing.', 'check-in'],
    ["I'd like a different partner.", 'check-in'],
    ['Can I get a new partner please?', 'check-in'],
    ['We just don’t click. Could I be paired with someone else?', 'check-in'],
    ['I want to change partners', 'standing'],
    ['Ich möchte einen anderen Partner.', 'check-in'],
    ["I'd like a different partner.", 'acceptance'],
  ])('%s (%s) answers nothing, and is told REMATCH and END, then STOP', (text, purpose) => {
    const r = interpretReply(text, purpose, { now });
    expect(r.intent).toBe('unclear');
    expect(r.reason).toContain(PAIRING_HINT);
  });

  it('a NO to a check-in beside it records nothing and gives the same hint', () => {
    const r = interpretReply("No. I'd like a different partner, we never find a time.", 'check-in', { now });
    expect(r.intent).toBe('unclear');
    expect(r.reason).toContain(
      '"No" as no, but the reply also asks for another partner ("I\'d like a different partner, we never find a time"), so nothing was recorded',
    );
    expect(r.reason).toContain(PAIRING_HINT);
    const leave = interpretReply('No, we did not meet. Please remove me from this pairing.', 'check-in', { now });
    expect(leave.reason).toContain('asks to leave ("Please remove me from this pairing")');
    expect(leave.reason).toContain(PAIRING_HINT);
  });

  it.each<ReplyPurpose>(['acceptance', 'fit'])('a NO to the %s, where NO itself brings a new partner, stays a NO with its note', (purpose) => {
    const r = interpretReply("No. I'd like a different partner.", purpose, { now });
    expect(r.intent).toBe('no');
    expect(r.note).toBe("I'd like a different partner");
  });

  it.each([
    ['Yes 5 - my new partner has been great', 'yes'],
    ["No, Mia's other mentee took the room", 'no'],
    // "I met" right after the NO reads as a meeting held: the reply says both, so it is asked about.
    ['No, I met her partner at the offsite instead', 'unclear'],
  ])('%s asks for no new partner: read as %s', (text, intent) => {
    expect(interpretReply(text, 'check-in', { now }).intent).toBe(intent);
  });

  it('leaving the program said in words keeps the STOP hint alone', () => {
    const r = interpretReply('I want to leave the program.', 'check-in', { now });
    expect(r.reason).toContain('If you want to leave the program, reply with just STOP.');
    expect(r.reason).not.toContain('REMATCH');
  });
});
