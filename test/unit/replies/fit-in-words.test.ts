import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies/interpret';

const now = new Date('2027-01-13T10:00:00Z');
const fitAnswer = (text: string) => interpretReply(text, 'fit', { now });

describe('the fit check answered in the person’s own words', () => {
  it.each([
    ['So far so good', 'So far so good'],
    ['So far, so good!', 'So far, so good'],
    ['Going well', 'Going well'],
    ["It's been going really well, thanks!", "It's been going really well"],
    ['Great match', 'Great match'],
    ["She's a perfect fit", "She's a perfect fit"],
    ["It's working well", "It's working well"],
    ['We get on really well', 'We get on really well'],
    ['We clicked straight away', 'We clicked'],
    ['Very happy with the pairing', 'Very happy with the pairing'],
  ])('%j fits, quoting %j', (text, cue) => {
    const answer = fitAnswer(text);
    expect(answer.intent).toBe('yes');
    expect(answer.reason).toContain(`"${cue}" as yes`);
  });

  it.each([
    ['Not a good fit', 'Not a good fit'],
    ["It's not the right match for me", "It's not the right match"],
    ['Not working.', 'Not working'],
    ["We don't click", "We don't click"],
  ])('%j does not fit, quoting %j', (text, cue) => {
    const answer = fitAnswer(text);
    expect(answer.intent).toBe('no');
    expect(answer.reason).toContain(`"${cue}" as no`);
  });

  it.each(['Could be better', 'Not great', 'So-so', 'Mixed feelings so far', 'Not convinced yet'])(
    '%j is not sure: the admins hear of it, nothing ends',
    (text) => {
      expect(fitAnswer(text).intent).toBe('unsure');
    },
  );

  it.each([
    'Not working as well as I hoped',
    'Not working out for me',
    'Not a good fit for my diary, but she is great',
    'Busy week',
    'Going to see her Monday',
  ])('%j answers nothing and is asked again (a no would end the pairing)', (text) => {
    expect(fitAnswer(text).intent).toBe('unclear');
  });

  it('only the fit check reads them', () => {
    expect(interpretReply('Great match', 'acceptance', { now }).intent).toBe('unclear');
    expect(interpretReply('Not a good fit', 'check-in', { now }).intent).toBe('unclear');
  });
});

describe('the fit check answered with a word of content', () => {
  it.each([
    ['All good', 'All good'],
    ["It's fine", "It's fine"],
    ['Great!', 'Great'],
    ['Perfect, thanks', 'Perfect'],
    ['All good so far', 'All good so far'],
    ["It's been great", "It's been great"],
    ['Works for me', 'Works for me'],
    ['OK', 'OK'],
  ])('%j fits, quoting %j', (text, cue) => {
    const answer = fitAnswer(text);
    expect(answer.intent).toBe('yes');
    expect(answer.reason).toContain(`"${cue}" as yes`);
  });

  it.each(['Good luck', 'Good question', 'Fine for now', 'Fine, but we keep missing each other'])('%j is asked about', (text) => {
    expect(fitAnswer(text).intent).toBe('unclear');
  });

  it.each(['No, all good', 'Nope, all fine', "No - it's going well", 'No. All good.', 'Yes, not a good fit'])(
    '%j says both, so it is asked about: a no would end the pairing',
    (text) => {
      const answer = fitAnswer(text);
      expect(answer.intent).toBe('unclear');
      expect(answer.reason).toContain('says both yes and no');
    },
  );

  it('a YES or NO whose words agree stays as it is', () => {
    expect(fitAnswer('Yes, all good').intent).toBe('yes');
    expect(fitAnswer('No, not a good fit').intent).toBe('no');
  });
});

describe('all is well, in the readers’ other languages', () => {
  it.each(['Alles gut', 'Tout va bien', 'Todo bien, gracias', 'Va tutto bene', 'Tudo bem', 'Alles goed'])('%j fits', (text) => {
    expect(fitAnswer(text).intent).toBe('yes');
  });

  it.each(['Nein, alles gut', 'Non, tout va bien', 'No, todo bien', 'Nee, alles goed', 'No, va tutto bene', 'Não, tudo bem'])(
    '%j says both, so it is asked about, never the no that would end the pairing',
    (text) => {
      expect(fitAnswer(text).intent).toBe('unclear');
    },
  );

  it.each(['Alles gut, aber wir finden keine Zeit', 'Todo bien, pero no tenemos tiempo'])('%j, with a "but" on its line, is asked about', (text) => {
    expect(fitAnswer(text).intent).toBe('unclear');
  });
});
