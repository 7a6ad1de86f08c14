import { describe, expect, it } from 'vitest';
import { acceptanceInWords } from '../../../functions/domain/replies/acceptance-words';
import { interpretReply } from '../../../functions/domain/replies/interpret';

const now = new Date('2027-01-13T10:00:00Z');
const acceptance = (text: string) => interpretReply(text, 'acceptance', { now });

describe('an introduction answered in the person’s own words', () => {
  it.each([
    ['Happy to meet Noa!', 'Happy to'],
    ["I'd love to", "I'd love to"],
    ['I’d be delighted to, thank you', "I'd be delighted to"],
    ['Looking forward to it', 'Looking forward'],
    ["I'm in.", "I'm in"],
    ["I'm in", "I'm in"],
    ['Thrilled!', 'Thrilled'],
    ["I'm so excited to get started", "I'm so excited to"],
    ['Sounds great, see you then', 'Sounds great'],
    ['Gladly', 'Gladly'],
    ['With pleasure!', 'With pleasure'],
    ['Perfect, thank you', 'Perfect'],
    ['Works for me', 'Works for me'],
    ['Thanks for the introduction, happy to meet Noa!', 'happy to'],
    ['Sehr gerne!', 'Sehr gerne'],
    ['Avec joie', 'Avec joie'],
    ["Let's go!", "Let's go"],
    ['Go for it', 'Go for it'],
    ['Looks good', 'Looks good'],
    ['Sounds like a plan', 'Sounds like a plan'],
    ['That works for me, thanks', 'That works for me'],
  ])('%j is a yes, and the reason quotes %j', (text, cue) => {
    const answer = acceptance(text);
    expect(answer.intent).toBe('yes');
    expect(answer.reason).toContain(`"${cue}" as yes`);
  });

  it.each([
    ['Not for me', 'Not for me'],
    ["I'll pass this time", "I'll pass"],
    ["Sorry, I can't", "I can't"],
    ['Thanks, but no thanks', 'Thanks, but no thanks'],
    ["I'm not interested", "I'm not interested"],
    ["I'd rather not, my diary is full until June", "I'd rather not"],
    ['Leider nicht', 'Leider nicht'],
    ['I will have to decline', 'I will have to decline'],
    ["I'm going to have to pass", "I'm going to have to pass"],
    ['Not right now', 'Not right now'],
    ['Not at the moment, sorry', 'Not at the moment'],
    ['Too busy this quarter', 'Too busy'],
    ["Unfortunately I'm too busy", "Unfortunately I'm too busy"],
    ["I don't have the time at the moment", "I don't have the time"],
    ["Can't commit right now, sorry", "Can't commit"],
  ])('%j is a no, and the reason quotes %j', (text, cue) => {
    const answer = acceptance(text);
    expect(answer.intent).toBe('no');
    expect(answer.reason).toContain(`"${cue}" as no`);
  });

  it.each([
    "I can't wait to meet her",
    "I'd love to, but I can't this quarter",
    "Great, thanks, but I'll pass",
    "Great! But I'd rather not this year.",
    'Great question, what is this program?',
    'Sorry, what is this about?',
    'Who is Noa?',
    "I'm in a meeting, will reply later",
    'I am in London next week, can we talk after?',
    'Happy to hear from you. What does the program involve?',
    'Delighted to receive this, but who is Noa?',
    "Let's go for a coffee first?",
    'Swamped at the moment, but happy to start in January',
    'Not right now, but I could do March',
    "Let's go with someone else",
  ])('%j answers nothing and is asked again', (text) => {
    expect(acceptance(text).intent).toBe('unclear');
  });

  it('"Count me out" may mean the pairing or the program, so the person is asked, offered NO and STOP', () => {
    const answer = acceptance('Count me out');
    expect(answer.intent).toBe('unclear');
    expect(answer.reason).toContain('reply with just NO');
    expect(answer.reason).toContain('reply with just STOP');
  });

  it('own words beside a command are asked about, as YES beside it is', () => {
    expect(acceptance('Happy to! PAUSE until 3 March').intent).toBe('unclear');
    expect(acceptance('Not for me. STOP').intent).toBe('unclear');
  });

  it('a plain YES or NO is read as before, never re-read as own words', () => {
    expect(acceptance('YES, happy to').reason).toContain('"YES" as yes');
    expect(acceptance('No, sorry').intent).toBe('no');
  });

  it('only the introduction reads them: to a check-in, "Looking forward to it" is no answer', () => {
    expect(interpretReply('Looking forward to it', 'check-in', { now }).intent).toBe('unclear');
    expect(interpretReply('Happy to', 'approval', { now }).intent).toBe('unclear');
  });

  it('reads the phrase only where the reply opens, keeping it as written', () => {
    expect(acceptanceInWords('  HAPPY TO meet her')).toEqual({ polarity: 'yes', written: 'HAPPY TO' });
    expect(acceptanceInWords('We could meet and I am happy to')).toBeUndefined();
    expect(acceptanceInWords('Greatly appreciated')).toBeUndefined();
    expect(acceptanceInWords('I’ll pass, thanks')).toEqual({ polarity: 'no', written: 'I’ll pass' });
  });
});

describe('gladness said alone', () => {
  it.each([
    ['I would be delighted', 'I would be delighted'],
    ["I'd be honoured!", "I'd be honoured"],
    ['Would be happy, thanks', 'Would be happy'],
  ])('%j accepts, quoting %j', (text, cue) => {
    const answer = acceptance(text);
    expect(answer.intent).toBe('yes');
    expect(answer.reason).toContain(`"${cue}" as yes`);
  });

  it('not when the sentence goes on to a condition', () => {
    expect(acceptance("I'd be happy if she could do Tuesdays").intent).toBe('unclear');
  });
});

describe('a NO whose own line says yes', () => {
  it.each(['No, happy to!', "No - I'd love to", 'No reason not to, yes', "No hesitation, I'm in"])(
    '%j says both, so it is asked about: a no would close the introduction',
    (text) => {
      const answer = acceptance(text);
      expect(answer.intent).toBe('unclear');
      expect(answer.reason).toContain('says both yes and no');
    },
  );

  it.each(['No. Thanks for asking, happy to be considered next time', 'No time this quarter, sorry', 'No, not for me'])('%j declines', (text) => {
    expect(acceptance(text).intent).toBe('no');
  });
});
