import { describe, expect, it } from 'vitest';
import { interpretReply, type ReplyPurpose } from '../../../functions/domain/replies/interpret';

// QA report "keywords" (2026-11-30): replies that were misread in silence.
const on = (day: string) => new Date(`${day}T10:00:00Z`);
const read = (text: string, day: string, purpose: ReplyPurpose = 'check-in') => interpretReply(text, purpose, { now: on(day) });

describe('QA 1: a day without a year that passed a few weeks ago, across New Year', () => {
  it.each([
    ['PAUSE until 10 December', '2027-01-27', '"10 December" has passed'],
    ['PAUSE until 1 December', '2027-01-19', '"1 December" has passed'],
    ['pause until December 10th', '2027-01-27', '"December 10th" has passed'],
  ])('%s on %s is asked again, never a pause of almost a year', (text, day, said) => {
    const answer = read(text, day);
    expect(answer).toMatchObject({ intent: 'unclear', command: 'pause' });
    expect(answer.pauseUntil).toBeUndefined();
    expect(answer.reason.startsWith(said)).toBe(true);
  });

  it('still reads a day months ahead as this year ("until 10 December" on 27 July)', () => {
    expect(read('PAUSE until 10 December', '2027-07-27')).toMatchObject({ intent: 'pause', pauseUntil: '2027-12-10' });
  });
});

describe('QA 2: PAUSE from X until Y pauses until Y, the return', () => {
  it.each([
    ['PAUSE from 21 February until 15 March', '2027-01-27', '2027-03-15'],
    ['PAUSE please - I am off from 21 February, back 15 March', '2027-01-27', '2027-03-15'],
    ['PAUSE from 20 December until 11 January', '2026-12-16', '2027-01-11'],
    ['PAUSE off 21 Dec back 11 Jan', '2026-12-16', '2027-01-11'],
    ['PAUSE from 20 December until 11 January', '2027-01-10', '2027-01-11'],
  ])('%s on %s pauses until %s', (text, day, until) => {
    expect(read(text, day)).toMatchObject({ intent: 'pause', pauseUntil: until });
  });
});

describe('QA 3: a PAUSE date that cannot be read is asked about, never a silent two-week pause', () => {
  it.each([
    ['PAUSE until 03/03', 'until 03/03'],
    ['PAUSE until 12/01/2027', 'until 12/01/2027'],
    ['PAUSE until 1/11', 'until 1/11'],
    ['PAUSE until after Christmas', 'until after Christmas'],
    ['PAUSE until January', 'until January'],
    ['PAUSE until 31 February', '31 February'],
  ])('%s', (text, quoted) => {
    for (const purpose of ['check-in', 'admin-decision'] as const) {
      const answer = read(text, '2027-01-27', purpose);
      expect(answer, purpose).toMatchObject({ intent: 'unclear', command: 'pause' });
      expect(answer.pauseUntil).toBeUndefined();
      expect(answer.reason).toContain(`"${quoted}" could not be read as a date, so nothing was paused: reply PAUSE with`);
      expect(answer.reason).toContain('(for example "PAUSE until 17 February")');
    }
  });

  it.each([
    ['PAUSE 30 days', '2027-02-26'],
    ['PAUSE for 3 wks', '2027-02-17'],
    // 27 January 2027 is a Wednesday.
    ['PAUSE until next Monday', '2027-02-01'],
    ['PAUSE until Monday', '2027-02-01'],
    ['PAUSE until Wednesday', '2027-02-03'],
  ])('reads %s as until %s', (text, until) => {
    expect(read(text, '2027-01-27')).toMatchObject({ intent: 'pause', pauseUntil: until });
  });

  it('keeps PAUSE without a date as the default pause, a later line with a number being a note', () => {
    const answer = read('PAUSE\nBusy with 3 projects', '2027-01-27');
    expect(answer).toMatchObject({ intent: 'pause', note: 'Busy with 3 projects' });
    expect(answer.pauseUntil).toBeUndefined();
  });
});

describe('QA 4 and 7: a command beside an answer is asked about, never dropped into the note', () => {
  it.each([
    ['Yes 4\nSTOP', 'check-in', 'STOP'],
    ['Yes we met. STOP', 'check-in', 'STOP'],
    ['YES and STOP', 'check-in', 'STOP'],
    ['YES and STOP', 'acceptance', 'STOP'],
    ['PROGRESS 4, RECOMMEND 9\nSTOP', 'milestone', 'STOP'],
    ['Yes 4\nplease stop emailing me', 'check-in', 'STOP'],
    ['Yes 4, and PAUSE until 3 March', 'check-in', 'PAUSE'],
    ['Yes 4\nPAUSE until 3 March', 'check-in', 'PAUSE'],
    ['YES STOP', 'check-in', 'STOP'],
    ['Yes 4\nSTOP ALL EMAILS', 'check-in', 'STOP'],
  ] as const)('%s (%s)', (text, purpose, word) => {
    const answer = read(text, '2027-01-27', purpose);
    expect(answer.intent).toBe('unclear');
    expect(answer.rating).toBeUndefined();
    expect(answer.reason).toContain(`also says ${word}`);
  });

  it.each([
    ["Yes! Please don't stop the reminders", 'acceptance'],
    ['Yes 4, stop by my office some time', 'check-in'],
    ['Yes 4 - we paused the project for a week', 'check-in'],
    // A team or title in capitals in a signature (QA verify): "END USER COMPUTING" is no END.
    ['Yes 4\nMaria Lopez\nEND USER COMPUTING | Contoso', 'check-in'],
    ['Yes 4. Team: END USER COMPUTING', 'check-in'],
  ] as const)('%s stays an answer', (text, purpose) => {
    expect(read(text, '2027-01-27', purpose).intent).toBe('yes');
  });
});

describe('QA 6: decimal ratings are asked about, never dropped', () => {
  it.each([
    ['YES 4.5', 'check-in'],
    ['Yes, 3,5 - good chat', 'check-in'],
    ['PROGRESS 4.5, RECOMMEND 9', 'milestone'],
    ['Progress: 4, Recommend: 8.5', 'milestone'],
  ] as const)('%s', (text, purpose) => {
    const answer = read(text, '2027-01-27', purpose);
    expect(answer.intent).toBe('unclear');
    expect(answer.reason).toMatch(/^"\d[.,]\d" is not a whole number/);
  });

  it('a dated note is no decimal rating', () => {
    expect(read('Yes 4 - next on 11.02.2027', '2027-01-27')).toMatchObject({ intent: 'yes', rating: 4 });
  });
});

describe('QA 5: review answers by question number', () => {
  it.each([
    ['1. 4\n2. how to use Copilot\n3. how budgets work\n4. 9', 'how to use Copilot'],
    ['1) 4\n2) prompts\n3) budgets\n4) 9', 'prompts'],
    // However the numbers are written (QA regress NEW-3).
    ['1: 4\n2: prompts\n3: budgets\n4: 9', 'prompts'],
    ['1 - 4\n2 - prompts\n3 - budgets\n4 - 9', 'prompts'],
    ['1 – 4\n2 – prompts\n3 – budgets\n4 – 9', 'prompts'],
    ['(1) 4\n(2) prompts\n(3) budgets\n(4) 9', 'prompts'],
    ['1 = 4\n2 = prompts\n3 = budgets\n4 = 9', 'prompts'],
    ['#1. 4\n#2. prompts\n#3. budgets\n#4. 9', 'prompts'],
  ])('%s reads progress 4 and recommend 9', (text, learned) => {
    const answer = read(text, '2027-01-27', 'milestone');
    expect(answer).toMatchObject({ intent: 'rating', rating: 4, score: 9 });
    expect(answer.note).toContain(learned);
  });
});

it('"4.5" opening a line is a rating asked again, never question 4', () => {
  expect(read('4.5\n2. prompts', '2027-01-27', 'milestone').intent).toBe('unclear');
});

describe('QA 8: a bare "Yes" to a review', () => {
  it('asks for the scores instead of storing an empty review', () => {
    const answer = read('Yes', '2027-01-27', 'milestone');
    expect(answer.intent).toBe('unclear');
    expect(answer.reason).toContain('PROGRESS (1 to 5) and RECOMMEND (0 to 10)');
  });

  it('keeps "Yes, progress 4, recommend 9" as an answer', () => {
    expect(read('Yes, progress 4, recommend 9', '2027-01-27', 'milestone')).toMatchObject({ intent: 'yes', rating: 4, score: 9 });
  });
});
