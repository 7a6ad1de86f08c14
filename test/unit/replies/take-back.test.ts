import { describe, expect, it } from 'vitest';
import { interpretReply, type ReplyPurpose } from '../../../functions/domain/replies/interpret';

const now = new Date('2027-01-13T10:00:00Z');
const read = (text: string, purpose: ReplyPurpose) => interpretReply(text, purpose, { now });

describe('a yes or a no that the reply then takes back is asked about again', () => {
  it.each([
    ['YES\n\nactually NO, sorry, I just checked my calendar.', 'acceptance', 'YES', 'actually NO'],
    ['Yes. Actually no, sorry - I will be on parental leave from next week.', 'acceptance', 'Yes', 'Actually no'],
    ['Yes!\nWait, no. I have to decline, my manager said no.', 'acceptance', 'Yes', 'Wait, no'],
    ['YES 4\nActually no, we had to cancel at the last minute.', 'check-in', 'YES', 'Actually no'],
  ] as const)('QA: %j is unclear, nothing recorded', (text, purpose, said, back) => {
    const answer = read(text, purpose);
    expect(answer).toEqual({
      intent: 'unclear',
      reason: `The reply says yes ("${said}") and then takes it back ("${back}"), so it is unclear: reply with just YES or NO.`,
      note: expect.any(String),
    });
    expect(answer.rating).toBeUndefined();
  });

  it.each([
    ['Yes. On second thought, no.', 'acceptance'],
    ['Yes! Hmm, no. I cannot commit right now', 'acceptance'],
    ['Sure!\nHold on - no, I cannot after all', 'acceptance'],
    ['Yes - scratch that, my manager said no', 'acceptance'],
    ['YES, I mean NO', 'acceptance'],
    ['Yes\nOops, hit yes by mistake', 'acceptance'],
    ["Yes.\nI'm afraid I will have to decline", 'acceptance'],
    ['yes - no, sorry', 'acceptance'],
    ['Yes!\nNo.', 'acceptance'],
    ["YES 3\nSorry, it didn't happen in the end", 'check-in'],
    ['Yes\nThe session never happened', 'check-in'],
    ['YES 5. Our meeting was cancelled', 'check-in'],
    ['yes 4\nWE HAD TO CANCEL', 'check-in'],
    ['We met on Friday. Actually no, Sam cancelled', 'check-in'],
    ["Yes.\nSorry, NO - I'm moving teams next month.", 'acceptance'],
    ['Yes. Update: I can no longer take part.', 'acceptance'],
    ['YES\nSorry, no can do after all, my manager said no.', 'acceptance'],
    ["Yes\nUnfortunately we're no longer available this quarter", 'acceptance'],
  ] as const)('a yes taken back: %j', (text, purpose) => {
    expect(read(text, purpose)).toMatchObject({
      intent: 'unclear',
      reason: expect.stringMatching(/^The reply says yes \(.+\) and then takes it back \(.+\), so it is unclear: reply with just YES or NO\.$/),
    });
  });

  it('asks for APPROVE or REJECT when an approval is taken back', () => {
    expect(read('Approved. Wait, no.', 'approval').reason).toBe(
      'The reply says yes ("Approved") and then takes it back ("Wait, no"), so it is unclear: reply with just APPROVE or REJECT.',
    );
  });

  it.each([
    ["No... actually yes, let's do it", 'actually yes'],
    ["No. Oh wait, yes! Let's do it", 'wait, yes'],
    ['NO\nI meant yes', 'I meant yes'],
    ['No - I take it back, count me in', 'I take it back'],
    ['No. On second thought, count me in!', 'On second thought, count me in'],
  ])('a no taken back: %j', (text, back) => {
    expect(read(text, 'acceptance')).toMatchObject({
      intent: 'unclear',
      reason: `The reply says no ("${text.slice(0, 2)}") and then takes it back ("${back}"), so it is unclear: reply with just YES or NO.`,
    });
  });

  it('still calls a yes and a no side by side unclear, as both', () => {
    expect(read('Yes and no - we had a call', 'check-in').reason).toContain('both yes and no');
    expect(read('Yes / No', 'acceptance').reason).toContain('both yes and no');
  });
});

describe('a "no" in another sense, or a change of mind that keeps the answer, is no take-back', () => {
  it.each([
    ['Yes, no problem', 'acceptance'],
    ['Yes! No worries about the time', 'acceptance'],
    ['Yes - nothing to add', 'acceptance'],
    ['Yes, no need to reschedule', 'acceptance'],
    ['yes, not sure about the topics yet but happy to start', 'acceptance'],
    ['Yes, no agenda yet', 'acceptance'],
    ['YES\nNo. 1 priority for me is AI tools', 'acceptance'],
    ['Yes, actually no problem at all', 'acceptance'],
    ['Yes! I had second thoughts at first but now I am in', 'acceptance'],
    ['Yes! On reflection, I cannot wait to start', 'acceptance'],
    ["Yes! Can't wait. No, I don't have preferences", 'acceptance'],
    ['Yes, I mean no offence to the old format', 'acceptance'],
    ['Yes!\nNo rush on the agenda', 'acceptance'],
    ['Yes 4. Oh no, I forgot to mention the slides', 'check-in'],
    ['Yes 4. We have to cancel next week though', 'check-in'],
    ['Thanks, we met on Tuesday, no issues', 'check-in'],
    ['yes, although we did not meet', 'check-in'],
  ] as const)('%j stays a yes', (text, purpose) => {
    expect(read(text, purpose).intent).toBe('yes');
  });

  it('keeps the rating and the note of a check-in whose note starts with "no"', () => {
    expect(read('Yes 4, no complaints', 'check-in')).toMatchObject({ intent: 'yes', rating: 4, note: 'no complaints' });
    expect(read('YES 5\nNo notes from me', 'check-in')).toMatchObject({ intent: 'yes', rating: 5, note: 'No notes from me' });
  });

  it.each([
    'No, sorry. I changed my mind, I am not able to',
    'No - on second thought, I would rather not',
    'No thanks, not this time',
    'No, sorry, yes is not possible this quarter',
  ])('%j stays a no', (text) => {
    expect(read(text, 'acceptance').intent).toBe('no');
  });
});

describe('a yes or a no taken back in another language is asked about again', () => {
  it.each([
    ['Ja, aber eigentlich doch nicht', 'acceptance', 'Ja', 'eigentlich doch nicht'],
    ['Ja!\nWarte, nein, ich kann nicht.', 'acceptance', 'Ja', 'Warte, nein'],
    ['Ja. Ich muss leider absagen.', 'acceptance', 'Ja', 'Ich muss leider absagen'],
    ['Ja 4\nDas Treffen wurde leider abgesagt', 'check-in', 'Ja', 'wurde leider abgesagt'],
    ['Oui... en fait non, désolée', 'acceptance', 'Oui', 'en fait non'],
    ['Oui. Finalement non, je dois refuser', 'acceptance', 'Oui', 'Finalement non'],
    ["Oui 5, mais la réunion n'a pas eu lieu", 'check-in', 'Oui', "n'a pas eu lieu"],
    ['Sí. Pensándolo bien, no.', 'acceptance', 'Sí', 'Pensándolo bien, no'],
    ['Sí, espera, no puedo este trimestre', 'acceptance', 'Sí', 'espera, no puedo'],
    ['Sì, anzi no', 'acceptance', 'Sì', 'anzi no'],
    ['Sim, na verdade não.', 'acceptance', 'Sim', 'na verdade não'],
    ['Ja, toch niet. Sorry!', 'acceptance', 'Ja', 'toch niet'],
    ['Ja 4\nHet gesprek ging niet door', 'check-in', 'Ja', 'ging niet door'],
    ['Tak, jednak nie.', 'acceptance', 'Tak', 'jednak nie'],
    // QA verify21: other everyday turns, and a no with an apology.
    ['Oui, enfin non, pas cette fois', 'acceptance', 'Oui', 'enfin non'],
    ['Oui, euh, non. Pas ce trimestre.', 'acceptance', 'Oui', 'euh, non'],
    ['Oui, ou plutôt non, désolé', 'acceptance', 'Oui', 'ou plutôt non'],
    ['Ja, aber nein, diesmal nicht', 'acceptance', 'Ja', 'aber nein'],
    ['Sì, no scusate, non posso', 'acceptance', 'Sì', 'no'],
    ['Oui. Non, désolée.', 'acceptance', 'Oui', 'Non'],
  ] as const)('%j is unclear, nothing recorded', (text, purpose, said, back) => {
    const answer = read(text, purpose);
    expect(answer).toMatchObject({
      intent: 'unclear',
      reason: `The reply says yes ("${said}") and then takes it back ("${back}"), so it is unclear: reply with just YES or NO.`,
    });
    expect(answer.rating).toBeUndefined();
  });

  it.each([
    ['Nein... eigentlich doch ja', 'Nein', 'eigentlich doch ja'],
    ['Non, en fait oui !', 'Non', 'en fait oui'],
    ['No, espera, sí.', 'No', 'espera, sí'],
    ['Nee, toch wel.', 'Nee', 'toch wel'],
    ['Nie, jednak tak', 'Nie', 'jednak tak'],
  ])('a no taken back: %j', (text, said, back) => {
    expect(read(text, 'acceptance')).toMatchObject({
      intent: 'unclear',
      reason: `The reply says no ("${said}") and then takes it back ("${back}"), so it is unclear: reply with just YES or NO.`,
    });
  });

  it.each([
    ['Ja, kein Problem', 'acceptance'],
    ['Ja, eigentlich nicht schlecht, der Termin', 'acceptance'],
    ['Ja, im Moment nicht so viel Zeit, aber gerne', 'acceptance'],
    ['Oui, en fait non seulement les outils IA mais aussi', 'acceptance'],
    ['Sí, no hay problema', 'acceptance'],
    ['Sí 4, al final no tuvimos tiempo para todo', 'check-in'],
    ['Sì, anzi! Non vedo l’ora', 'acceptance'],
    ['Ja, toch niet slecht voor een eerste keer', 'acceptance'],
    ['Tak, jednak nie wiem jeszcze, o czym rozmawiać', 'acceptance'],
    ['Ja, aber nicht vor März', 'acceptance'],
    ['Oui, enfin !', 'acceptance'],
    ['Sì, no problem', 'acceptance'],
    ['Sí, no sé todavía qué temas', 'acceptance'],
  ] as const)('%j stays a yes', (text, purpose) => {
    expect(read(text, purpose).intent).toBe('yes');
  });

  it.each(['Nein, doch nicht', 'Non, finalement non', 'No, mejor no'])('%j stays a no', (text) => {
    expect(read(text, 'acceptance').intent).toBe('no');
  });
});
