import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies/interpret';
import { numberClosingClause } from '../../../functions/domain/replies/scores';

const now = new Date('2027-01-13T10:00:00Z');
const checkIn = (text: string) => interpretReply(text, 'check-in', { now });

describe('a check-in answered in the person’s own words', () => {
  it.each([
    ['Met on Monday', 'Met', undefined],
    ['Met on Monday, 4', 'Met', 4],
    ['Met yesterday. 5', 'Met', 5],
    ['Just met, it was great', 'Just met', undefined],
    ['Met with Noa on Monday', 'Met', undefined],
    ['Had a great session!', 'Had a great session', undefined],
    ['We had a good chat on Tuesday', 'We had a good chat', undefined],
    ['Had our first coffee last week, 4', 'Had our first coffee', 4],
    ['Had a quick call yesterday', 'Had a quick call', undefined],
    ['Had lunch together, 4', 'Had lunch together', 4],
    ['Caught up yesterday', 'Caught up', undefined],
    ['We spoke on Thursday, 5', 'We spoke', 5],
    ['Chatted for an hour, 5', 'Chatted', 5],
    ['Sat down together on Friday', 'Sat down together', undefined],
    ['It went well, 4', 'It went well', 4],
    ['The session was really useful', 'The session was really useful', undefined],
    ['Good session, 4', 'Good session', 4],
    ['Really useful session, 5', 'Really useful session', 5],
    ['Great session this week! 5/5', 'Great session', 5],
    ['Had a great time - 5', 'Had a great time', 5],
    ["We've been meeting every week, 4", "We've been meeting", 4],
    ['Wir haben uns am Montag getroffen, 4', 'Wir haben uns am Montag getroffen', 4],
    ['Wir hatten ein tolles Gespräch', 'Wir hatten ein tolles Gespräch', undefined],
    ['We hebben elkaar maandag gezien', 'We hebben elkaar maandag gezien', undefined],
    ["Had a quick call but didn't get far, 3", 'Had a quick call', 3],
  ])('%j is a yes, quoting %j, with rating %s', (text, cue, rating) => {
    const answer = checkIn(text);
    expect(answer.intent).toBe('yes');
    expect(answer.reason).toContain(`"${cue}" as yes`);
    expect(answer.rating).toBe(rating);
  });

  it('keeps the person’s account as the note, the rating cut out', () => {
    expect(checkIn('Had a great session!').note).toBe('Had a great session');
    expect(checkIn('It went well, 4')).toMatchObject({ rating: 4, note: 'It went well' });
    expect(checkIn('Good session 4/5, she showed me Copilot')).toMatchObject({ intent: 'yes', rating: 4 });
    expect(checkIn('Met on Monday, 4 - she showed me Copilot')).toMatchObject({ intent: 'yes', rating: 4, note: 'Met on Monday - she showed me Copilot' });
  });

  it.each([
    ['Not had the chance', 'Not had the chance'],
    ["Haven't had a chance yet", "Haven't had a chance"],
    ["Couldn't find a slot", "Couldn't find a slot"],
    ['We had to cancel', 'We had to cancel'],
    ['Had to cancel, she was ill', 'Had to cancel'],
    ['Postponed to next week', 'Postponed'],
    ['Missed this week', 'Missed this'],
    ['Nothing yet', 'Nothing yet'],
    ['Not this week, sorry', 'Not this week'],
    ['Wir haben uns noch nicht getroffen', 'nicht getroffen'],
    ['We hebben elkaar nog niet gezien', 'nog niet gezien'],
  ])('%j is a no, quoting %j', (text, cue) => {
    const answer = checkIn(text);
    expect(answer.intent).toBe('no');
    expect(answer.reason).toContain(`"${cue}" as no`);
  });

  it.each([
    'Met with resistance from my team',
    "Good call, let's do that",
    'It was a busy week',
    'It was great to hear from you',
    'It was fine to skip this week',
    'Had a hard time finding a slot',
    'That was great, but we had to cancel',
    'Had a session planned but she was ill',
    'Had a call scheduled',
    'Spoke about finding a date',
    'Talked about when to meet',
    'Spoke to her, we meet next Tuesday',
    'Cancelled the first one, met on Friday',
    'We had to cancel this week. Yes, again, I know.',
    'Looking forward to it',
    'Caught up by email, but we did not meet',
    'Had a great call, though we did not meet in person',
    "Had a session, well, it didn't happen",
    'Gladly',
  ])('%j answers nothing and is asked again', (text) => {
    expect(checkIn(text).intent).toBe('unclear');
  });

  it('only the check-in reads them: to an introduction or a review they answer nothing', () => {
    expect(interpretReply('Met on Monday, 4', 'acceptance', { now }).intent).toBe('unclear');
    expect(interpretReply('Had to cancel', 'fit', { now }).intent).toBe('unclear');
  });
});

describe('a rating that closes a clause of the answer’s line', () => {
  it('is read after a comma or a dash, with more of the line after it', () => {
    expect(checkIn('Yes we met on Monday, 4 - she showed me Copilot')).toMatchObject({ intent: 'yes', rating: 4 });
    expect(checkIn('Yes we met, 4, great session')).toMatchObject({ rating: 4, note: 'Yes we met, great session' });
    expect(numberClosingClause('we met on Monday - 5. Great')?.value).toBe(5);
  });

  it('is not read as an amount, after a word, or when two numbers could be it', () => {
    expect(checkIn('Yes we met on Monday, 2 hours - great').rating).toBeUndefined();
    expect(checkIn('Yes, met on Dec 4, great').rating).toBeUndefined();
    expect(checkIn('Yes we met at 10, we discussed budgets').rating).toBeUndefined();
    expect(numberClosingClause('we met, 2, then again, 3 - odd')).toBeNull();
  });
});

describe('an answer after one opening clause of thanks or apology', () => {
  it.each([
    ['Thanks for checking in. Had to cancel, she was on a business trip.', 'no', undefined],
    ['Sorry for the late reply, we had a great session on Monday, 4', 'yes', 4],
    ['Thanks for the reminder. Met on Monday', 'yes', undefined],
    ['Sorry for the delay. Yes 4', 'yes', 4],
    ['Thanks, yes, 4', 'yes', 4],
    ['Sorry, no', 'no', undefined],
  ])('%j is read as %s (rating %s)', (text, intent, rating) => {
    const answer = checkIn(text);
    expect(answer.intent).toBe(intent);
    expect(answer.rating).toBe(rating);
  });

  it('reads a YES or NO after it only standing alone', () => {
    expect(checkIn("Sorry, I didn't see this earlier.\nYES").intent).toBe('yes');
    expect(checkIn('Sorry, no idea what this is').intent).toBe('unclear');
    expect(interpretReply('Thanks! So far so good', 'fit', { now }).intent).toBe('yes');
    expect(interpretReply('Sorry, no', 'acceptance', { now }).intent).toBe('no');
  });
});

describe('a "no" after thanks or an apology that runs on into what there was none of', () => {
  it.each(['Sorry, no time this week', 'Sorry, no chance to meet yet', 'Thanks, no meeting this time', 'Sorry, no luck finding a slot'])(
    '%j is a no',
    (text) => {
      expect(checkIn(text).intent).toBe('no');
    },
  );

  it('only those words: "Sorry, no problem" stays a yes, "Sorry, no idea" is asked about', () => {
    expect(checkIn('Sorry, no problem').intent).toBe('yes');
    expect(checkIn('Sorry, no idea what you mean').intent).toBe('unclear');
  });
});

describe('own words right after a YES or NO that say the opposite', () => {
  it.each(['Yes, had to cancel', 'No - had a great session', 'No\n\nMet on Monday', 'Yes, not had the chance'])('%j is asked about, not recorded', (text) => {
    const answer = checkIn(text);
    expect(answer.intent).toBe('unclear');
    expect(answer.reason).toContain('says both yes and no');
  });

  it('own words that agree keep the answer and its rating', () => {
    const answer = checkIn('Yes! Had a great session, 4');
    expect(answer.intent).toBe('yes');
    expect(answer.rating).toBe(4);
  });
});

describe('a rating given in words', () => {
  it.each([
    ['Yes, it was a 4', 4],
    ["Yes, I'd give it a 4", 4],
    ['Yes. It was a solid 4.', 4],
    ["We met, I'd give today's session a 5/5 - loved it", 5],
  ])('%j is rated %d', (text, rating) => {
    const answer = checkIn(text);
    expect(answer.intent).toBe('yes');
    expect(answer.rating).toBe(rating);
    expect(answer.note ?? '').not.toMatch(/a (?:solid )?[45]\b/u);
  });

  it.each(['Yes, it was a 2 hour chat', 'Yes, gave it a 2nd try', 'Yes, it was a 10'])('%j gives no rating', (text) => {
    const answer = checkIn(text);
    expect(answer.intent).toBe('yes');
    expect(answer.rating).toBeUndefined();
  });
});

describe('a "no" running on, then a meeting held later in its line', () => {
  it('"No time this week, but we met last Friday" says both', () => {
    expect(checkIn('No time this week, but we met last Friday').intent).toBe('unclear');
  });

  it('"No luck, but we\'ll try again" stays a no', () => {
    expect(checkIn("No luck, but we'll try again").intent).toBe('no');
  });
});
