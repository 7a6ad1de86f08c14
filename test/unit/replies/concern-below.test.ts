import { describe, expect, it } from 'vitest';
import { concernBelow } from '../../../functions/domain/replies/concern-below';
import { interpretReply } from '../../../functions/domain/replies/interpret';
import { stripReply } from '../../../functions/domain/replies/strip';

// QA replies5: "Yes 3\n\nCONCERN: ..." was recorded as a check-in with the concern as its note; no case opened.
const GIA = 'Gia was late again and made fun of my questions in front of her colleagues. I would like to talk to someone about it.';

describe('a CONCERN below the answer is a concern, and the answer above it is read alone', () => {
  it('QA replies5: the check-in answer above, the concern below, the concern never in the note', () => {
    const found = concernBelow(`Yes 3\n\nCONCERN: ${GIA}`, 'check-in');
    expect(found).toMatchObject({ above: 'Yes 3', concern: { text: GIA, word: 'CONCERN', exit: false } });
    const answer = interpretReply(found!.above, 'check-in');
    expect(answer).toMatchObject({ intent: 'yes', rating: 3 });
    expect(answer.note).toBeUndefined();
  });

  it('keeps a note written above the concern as the note, and everything from the keyword on as the concern', () => {
    const found = concernBelow('Yes 4, we talked about budgets.\nConcern - the room was double booked.\nAgain.', 'check-in');
    expect(found?.concern.text).toBe('the room was double booked.\nAgain.');
    const answer = interpretReply(found!.above, 'check-in');
    expect(answer).toMatchObject({ intent: 'yes', rating: 4 });
    expect(answer.note).toBe('we talked about budgets');
  });

  it.each([
    ['Concern: she cancels every time', 'Concern', 'she cancels every time'],
    ['concern: she cancels every time', 'concern', 'she cancels every time'],
    ['CONCERN she cancels every time', 'CONCERN', 'she cancels every time'],
    ['ANLIEGEN: Sie sagt jedes Mal ab', 'ANLIEGEN', 'Sie sagt jedes Mal ab'],
    ['Bedenken – sie sagt jedes Mal ab', 'Bedenken', 'sie sagt jedes Mal ab'],
    ['Préoccupation : elle annule à chaque fois', 'Préoccupation', 'elle annule à chaque fois'],
    ['PREOCUPACIÓN: cancela siempre', 'PREOCUPACIÓN', 'cancela siempre'],
    ['Zorg: ze zegt steeds af', 'Zorg', 'ze zegt steeds af'],
    ['懸念：毎回キャンセルされます', '懸念', '毎回キャンセルされます'],
    ['- CONCERN: she cancels every time', 'CONCERN', 'she cancels every time'],
  ])('%j on a later line is a concern, in any language the reader knows', (line, word, text) => {
    expect(concernBelow(`Ja 4\n${line}`, 'check-in')).toMatchObject({ above: 'Ja 4', concern: { word, text } });
  });

  it('takes the keyword alone on its line (asks to be contacted), and an exit asked for below it', () => {
    expect(concernBelow('Yes 3\n\nCONCERN', 'check-in')).toMatchObject({ above: 'Yes 3', concern: { text: '' } });
    expect(concernBelow('No\nCONCERN:\nIt is not working. I want to leave this pairing.', 'check-in')?.concern).toMatchObject({ exit: true });
  });

  it.each([
    'Yes 3. I have no concern about the dates.',
    'Yes 3\nI have no concern about the dates.',
    'Yes 3\nConcern about the dates is gone now.',
    'Yes 3\nConcerned about nothing, all good.',
    'Yes 3\nConcerns: none',
    'Yes 3\nZorg dat je op tijd bent.',
    'Ja 4\nBedenken habe ich keine.',
    'Yes 3\nThe footer says to reply CONCERN: I have none.',
  ])('%j: the word inside a sentence, or not as the keyword, is no concern', (text) => {
    expect(concernBelow(text, 'check-in')).toBeUndefined();
  });

  it.each([
    'Yes 3\nCONCERN: none',
    'Yes 3\nConcern - n/a',
    'Yes 3\nConcern: nothing to report',
    'Ja 4\nANLIEGEN: keine',
    'Yes 3\nConcern: no concerns so far, thanks',
  ])('%j: a concern line filled in with nothing is no case', (text) => {
    expect(concernBelow(text, 'check-in')).toBeUndefined();
  });

  it('leaves a concern on the first line to interpretReply, and admins’ questions out', () => {
    expect(concernBelow(`CONCERN: ${GIA}`, 'check-in')).toBeUndefined();
    expect(concernBelow(`\nCONCERN: ${GIA}`, 'check-in')).toBeUndefined();
    expect(concernBelow('CONTINUE\nCONCERN: the mentor is rude', 'admin-decision')).toBeUndefined();
    expect(concernBelow('APPROVE\nCONCERN: the mentor is rude', 'approval')).toBeUndefined();
  });

  it('reads what stripReply leaves: a concern quoted from history is gone', () => {
    const reply = stripReply(`Yes 4\r\n\r\nOn Mon, 3 May 2027 at 09:00, crossgen wrote:\r\n> CONCERN: an old one\r\n> Reply CONCERN and what is on your mind`);
    expect(concernBelow(reply, 'check-in')).toBeUndefined();
    expect(
      concernBelow(stripReply(`Yes 4\r\n\r\nCONCERN: ${GIA}\r\n\r\nOn Mon, 3 May 2027 at 09:00, crossgen wrote:\r\n> Did you meet?`), 'check-in'),
    ).toMatchObject({
      above: 'Yes 4',
      concern: { text: GIA },
    });
  });

  it('reads a reply to the standing address, a fit check and a review the same way', () => {
    for (const purpose of ['standing', 'fit', 'milestone', 'acceptance'] as const) {
      expect(concernBelow(`Yes\nCONCERN: ${GIA}`, purpose)).toMatchObject({ above: 'Yes', concern: { text: GIA } });
    }
  });
});
