import { describe, expect, it } from 'vitest';
import { interpretReply, readReply, stripReply, type ReplyPurpose } from '../../../functions/domain/replies';
import { decisionNote, fitNote } from '../../../functions/domain/replies/answer-notes';

// QA: a name signed alone on the last line ("…MIANOTE\n\nMia") was kept in the note, as the admins'
// emails and "What you wrote:" then quoted it ("…respect my time Leo"). Read as the inbound
// handler reads a reply: stripped with the sender's address, then interpreted.
const now = new Date('2027-01-05T13:00:00Z');
const mia = 'mia.lopez@example.com';
const leo = 'leo.grant@example.com';
const ada = 'ada.admin@example.com';
const read = (text: string, purpose: ReplyPurpose, writer: string) => interpretReply(stripReply(text, writer), purpose, { now });

describe("the writer's own name signed alone on the last line is no part of the note", () => {
  it('a check-in note (QA: stored "great chat about budgets. MIANOTE Mia")', () => {
    expect(read('yes 5, great chat about budgets. MIANOTE\n\nMia', 'check-in', mia)).toMatchObject({
      intent: 'yes',
      rating: 5,
      note: 'great chat about budgets. MIANOTE',
    });
  });

  it('a "not sure" to the fit check, as the admins\' email quotes it (QA: "> PRIVFIT she talks too fast Leo")', () => {
    const answer = read('Not sure - PRIVFIT she talks too fast\n\nLeo', 'fit', leo);
    expect(answer.intent).toBe('unsure');
    expect(fitNote(answer.note)).toBe('PRIVFIT she talks too fast');
  });

  it('a concern to the standing address, as the admins and "What you wrote:" quote it (QA: "…respect my time Leo")', () => {
    expect(read('concern: PRIVCONCERN I feel she does not respect my time\n\nLeo', 'standing', leo)).toMatchObject({
      intent: 'concern',
      note: 'PRIVCONCERN I feel she does not respect my time',
    });
  });

  it('a note whose last sentence names someone else keeps that name, not the signature', () => {
    expect(read('Yes 4\nGood session, I will introduce her to Leo\n\nAda', 'check-in', ada)).toMatchObject({
      intent: 'yes',
      rating: 4,
      note: 'Good session, I will introduce her to Leo',
    });
    expect(decisionNote(read('CONTINUE\nThey get on well, please talk to Leo\nAda', 'admin-decision', ada).note, ada)).toBe(
      'They get on well, please talk to Leo',
    );
  });

  it('every kind of note: a review, a SHARE note, a PAUSE reason, a REMATCH', () => {
    expect(read('PROGRESS 4, RECOMMEND 9\nBudgets are clearer now\n\nMia Lopez', 'milestone', mia)).toMatchObject({
      rating: 4,
      score: 9,
      note: 'Budgets are clearer now',
    });
    const ask = { programFeedback: true, partnerNote: true };
    const review = interpretReply(
      stripReply('PROGRESS 4, RECOMMEND 9\nKEEP: the check-in emails\nSHARE\nVALUED: your patience\nTRY: ask your team\nMia', mia),
      'milestone',
      {
        now,
        ask,
      },
    );
    expect(review).toMatchObject({ keep: 'the check-in emails', partnerNote: { valued: 'your patience', try: 'ask your team' } });
    expect(read('PAUSE until 3 March\nI am on leave\n- Leo', 'standing', leo)).toMatchObject({ intent: 'pause', note: 'I am on leave' });
    expect(read('REMATCH\nwe never got going\nleo', 'standing', leo)).toMatchObject({ intent: 'rematch', note: 'we never got going' });
  });

  it('keeps no note when the name was all there was under the answer', () => {
    expect(read('YES 5\n\nMia', 'check-in', mia).note).toBeUndefined();
    expect(read('CONTINUE\n\nAda', 'admin-decision', ada).note).toBeUndefined();
    expect(read('CONCERN\n\nLeo', 'standing', leo)).toMatchObject({ intent: 'concern' });
    expect(read('CONCERN\n\nLeo', 'standing', leo).note).toBeUndefined();
  });

  it('reads a raw email the same way, the writer being its sender', async () => {
    const raw = [
      'From: Mia Lopez <mia.lopez@example.com>',
      'To: reply+abc@in.example',
      'Subject: Re: Check-in',
      'Content-Type: text/plain; charset="utf-8"',
      '',
      'yes 5, great chat about budgets. MIANOTE',
      '',
      'Mia',
      '',
      'On Mon, 4 Jan 2027 at 09:00, MC Program <crossgen@example.com> wrote:',
      '> Did you meet?',
      '',
    ].join('\r\n');
    expect(await readReply(raw, 'check-in', { now })).toMatchObject({ intent: 'yes', rating: 5, note: 'great chat about budgets. MIANOTE' });
  });
});

describe('a name that is not a sign-off stays', () => {
  it('a name on the sentence line, or a partner named alone on the last line', () => {
    expect(read('Yes 4\nplease talk to Mia', 'check-in', mia).note).toBe('please talk to Mia');
    expect(read('Yes 4, I want to meet again\n\nLeo', 'check-in', mia).note).toBe('I want to meet again Leo');
    expect(read('REMATCH\n\nSam', 'standing', leo)).toMatchObject({ intent: 'rematch', note: 'Sam' });
  });

  it('a sentence wrapped before the name, words that only start with it, and a name that is the whole reply', () => {
    expect(read('Yes 4, good chat. Next time I will bring it up with\nMia', 'check-in', mia).note).toBe('good chat. Next time I will bring it up with Mia');
    expect(read('Yes 4\nwill do', 'check-in', 'will.smith@example.com').note).toBe('will do');
    // A month that is also the writer's name, ending a wrapped sentence, is the sentence's.
    expect(read('Yes 4, we meet again in\nJune', 'check-in', 'june.lee@example.com').note).toBe('we meet again in June');
    expect(stripReply('Mia', mia)).toBe('Mia');
  });

  it('nothing is cut without the writer’s address', () => {
    expect(stripReply('Yes 5\n\nMia')).toBe('Yes 5\n\nMia');
  });
});
