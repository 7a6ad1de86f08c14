import { describe, expect, it } from 'vitest';
import { interpretReply, stripReply } from '../../../functions/domain/replies';
import { decisionNote, fitNote, pauseLineReason } from '../../../functions/domain/replies/answer-notes';

/** The notes kept with an answer for the admins (QA admin inbox, bugs 5 and 7). */

const now = new Date('2027-01-05T13:00:00Z');
const ada = 'ada.admin@example.com';
/** The note the reply reader keeps of a reply as a mail client sends it (quote and signature cut, lines joined). */
const noteOf = (text: string, purpose: 'admin-decision' | 'fit') => interpretReply(stripReply(text), purpose, { now }).note;

describe("an admin's note on a decision, without their sign-off", () => {
  it('keeps no note when the sign-off was all there was (QA: "CONTINUE / Ada / -- / signature" stored "Ada")', () => {
    expect(decisionNote(noteOf('Hi team,\n\nCONTINUE\n\nAda\n--\nAda Admin | Head of Talent\nExample Ltd', 'admin-decision'), ada)).toBeUndefined();
    expect(decisionNote('Ada Admin', ada)).toBeUndefined();
    expect(decisionNote('Ada Lovelace', 'ada.lovelace@example.org')).toBeUndefined();
    expect(decisionNote('Best, Ada', ada)).toBeUndefined();
  });

  it('cuts the signed name after the note: after a sentence, a comma or a dash, or after a closing on the same line', () => {
    expect(decisionNote(noteOf('END\nThey never met.\n\nBob', 'admin-decision'), 'bob.admin@example.com')).toBe('They never met');
    expect(decisionNote('Sorry for the delay, Ada', ada)).toBe('Sorry for the delay');
    expect(decisionNote('Busy quarter - Ada', ada)).toBe('Busy quarter');
    expect(decisionNote(noteOf('REMATCH\nthey never got going\nThanks, Ada', 'admin-decision'), ada)).toBe('they never got going');
    // After a closing, a name the address does not give is a sign-off too.
    expect(decisionNote('They never got going. Kind regards, Sandy', 'a.smith@example.com')).toBe('They never got going');
  });

  it('keeps a name the note talks about, and a name that is not the writer’s', () => {
    expect(decisionNote('please talk to Ada', ada)).toBe('please talk to Ada');
    expect(decisionNote('Sam', ada)).toBe('Sam');
    expect(decisionNote('They never met. Bob', ada)).toBe('They never met. Bob');
    expect(decisionNote('thanks all', ada)).toBe('thanks all');
    expect(decisionNote(undefined, ada)).toBeUndefined();
  });
});

describe('a "not sure" to the fit check, as the admins read it', () => {
  it('keeps the note without the answer word the email already says (QA: "> NOT SURE We struggle to find common ground")', () => {
    expect(fitNote(noteOf('NOT SURE\nWe struggle to find common ground.', 'fit'))).toBe('We struggle to find common ground');
    expect(fitNote('Not sure. It is early days')).toBe('It is early days');
    expect(fitNote('NOT SURE we have different expectations')).toBe('we have different expectations');
    expect(fitNote('NOT SURE')).toBeUndefined();
  });

  it('keeps a sentence the cue is part of: it carries the context', () => {
    expect(fitNote("I'm not sure we click")).toBe("I'm not sure we click");
    expect(fitNote('Not sure we click')).toBe('Not sure we click');
    expect(fitNote('We are not sure yet')).toBe('We are not sure yet');
  });
});

describe('a reason on the PAUSE line itself', () => {
  it('is what follows the day after a dash, a comma, a colon or "because"', () => {
    expect(pauseLineReason(' until 1 February please - Sam is on parental leave', now)).toBe('Sam is on parental leave');
    expect(pauseLineReason(' until 3 March, she is on leave', now)).toBe('she is on leave');
    expect(pauseLineReason(' until 3 March: Mark is away', now)).toBe('Mark is away');
    expect(pauseLineReason(' for 3 weeks because she is on leave', now)).toBe('because she is on leave');
  });

  it('is never a part of the day itself, nor a line with the day alone', () => {
    expect(pauseLineReason(' until 3 March', now)).toBeUndefined();
    expect(pauseLineReason(' until 3 March please', now)).toBeUndefined();
    expect(pauseLineReason(' until 1 March, 2027', now)).toBeUndefined();
    expect(pauseLineReason(' until Monday, 1 March', now)).toBeUndefined();
    expect(pauseLineReason(' from 3 March, back 17 March', now)).toBeUndefined();
    expect(pauseLineReason(' until whenever, sorry', now)).toBeUndefined();
  });
});
