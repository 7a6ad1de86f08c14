import { describe, expect, it } from 'vitest';
import { interpretReply, type ReplyPurpose } from '../../../functions/domain/replies/interpret';

const now = new Date('2026-11-23T10:00:00Z');
const read = (text: string, purpose?: ReplyPurpose) => interpretReply(text, purpose, { now });

describe('yes and no in the languages of the company', () => {
  it.each([
    ['Yes', 'yes'],
    ['yep!', 'yes'],
    ['Ja, gerne', 'yes'],
    ['Oui', 'yes'],
    ['Sí, claro', 'yes'],
    ['Sì', 'yes'],
    ['Sim', 'yes'],
    ['Jazeker', 'yes'],
    ['Tak', 'yes'],
    ['Ja, absolut', 'yes'],
    ['はい', 'yes'],
    ['是的', 'yes'],
    ['好的，没问题', 'yes'],
    ['हाँ', 'yes'],
    ['👍', 'yes'],
    ['✅', 'yes'],
    ['No problem', 'yes'],
    ['No', 'no'],
    ['Nein', 'no'],
    ['Non', 'no'],
    ['Não', 'no'],
    ['Nee', 'no'],
    ['Nie', 'no'],
    ['Nej', 'no'],
    ['いいえ', 'no'],
    ['不是', 'no'],
    ['不行', 'no'],
    ['नहीं', 'no'],
    ['👎', 'no'],
    ['❌', 'no'],
    ['Not yet', 'no'],
    ['I decline', 'no'],
    ['Unfortunately no', 'no'],
    ['Sadly no, not this round', 'no'],
    ["I'm afraid not", 'no'],
    ['Afraid not, sorry', 'no'],
    ['Unfortunately, no', 'no'],
    ['Sadly, not this time.', 'no'],
    ['Sadly, nothing changed for me', 'unclear'],
  ])('%s reads as %s', (text, intent) => {
    expect(read(text, 'acceptance').intent).toBe(intent);
  });

  it('takes a sentence-internal "we met" or "we did not meet" as the answer', () => {
    expect(read('Good session today, we met at the cafe', 'check-in').intent).toBe('yes');
    expect(read('We caught up on Tuesday, 4', 'check-in')).toMatchObject({ intent: 'yes', rating: 4 });
    expect(read('Unfortunately no, Sam was travelling', 'check-in').intent).toBe('no');
    expect(read('Sadly we did not meet, Sam was ill', 'check-in').intent).toBe('no');
  });

  it('calls a reply with both yes and no unclear and names both', () => {
    const answer = read('Yes / No', 'acceptance');
    expect(answer.intent).toBe('unclear');
    expect(answer.reason).toContain('both yes and no');
    expect(read('👍👎', 'acceptance').intent).toBe('unclear');
    expect(read('yes, although we did not meet', 'check-in').intent).toBe('yes');
  });

  it.each([
    ['Absolutely not, sorry. I have no time for this.', 'acceptance'],
    ['Definitely not - we both had to cancel.', 'check-in'],
    ['Of course not', 'acceptance'],
    ['Certainly not.', 'approval'],
    ['Natürlich nicht', 'acceptance'],
    ['Bien sûr que non', 'acceptance'],
    ['Claro que no', 'acceptance'],
    ['Certo che no', 'acceptance'],
    ['Nej tak, ikke i år.', 'acceptance'],
  ])('reads a yes-word turned around, or a no with thanks, as no: %s', (text, purpose) => {
    expect(read(text, purpose as Parameters<typeof read>[1]).intent).toBe('no');
  });

  it('keeps a yes-word followed by "no problem" a yes', () => {
    expect(read('Sure, no problem', 'acceptance').intent).toBe('yes');
    expect(read('Of course, not a problem at all', 'acceptance').intent).toBe('yes');
    expect(read('Absolutely!', 'acceptance').intent).toBe('yes');
  });

  it('does not count a "yes" that its own sentence negates or takes back: the person is asked again', () => {
    for (const text of [
      'I cannot say yes at the moment, sorry.',
      'Sorry, it is not a yes from me.',
      'I would love to say yes, but I cannot.',
      'Not approved yet',
    ]) {
      expect(read(text, 'acceptance').intent, text).toBe('unclear');
    }
    expect(read('Happy to say yes!', 'acceptance').intent).toBe('yes');
    expect(read('Thanks, we met on Tuesday, no issues', 'check-in').intent).toBe('yes');
  });

  it('reads the answer after an everyday "No concerns" or "No problems", never that opening as a no (QA concerns2)', () => {
    expect(read('No concerns. Yes we met', 'check-in').intent).toBe('yes');
    expect(read('No problems, yes we met, 4', 'check-in').intent).toBe('yes');
    expect(read('No problems at all - 5', 'check-in')).toMatchObject({ intent: 'rating', rating: 5 });
    expect(read('No issues, but we did not meet this time', 'check-in').intent).toBe('no');
    // Alone, such an opening answers nothing: asked again, not counted as a missed check-in.
    expect(read('No concerns', 'check-in').intent).toBe('unclear');
    expect(read('No complaints!', 'acceptance').intent).toBe('unclear');
    // A no is still a no; "no problem" is still a yes.
    expect(read('No, we did not meet', 'check-in').intent).toBe('no');
    expect(read('No problem', 'acceptance').intent).toBe('yes');
    expect(read('No. No problems with the dates, we just could not meet', 'check-in').intent).toBe('no');
  });

  it('does not read everyday words as answers', () => {
    expect(read('Okayama trip next week', 'acceptance').intent).toBe('unclear');
    expect(read('Ne pas oublier', 'acceptance').intent).toBe('unclear');
    expect(read('Stop by my office tomorrow').intent).toBe('unclear');
    expect(read('I am not sure', 'acceptance').intent).toBe('unclear');
    expect(read('不错', 'acceptance').intent).toBe('unclear');
  });
});

describe('check-ins', () => {
  it('reads yes, a 1-5 rating and the note', () => {
    expect(read('Yes, 4 - great chat about AI', 'check-in')).toMatchObject({ intent: 'yes', rating: 4, note: 'great chat about AI' });
  });

  it('keeps a long note whole, and marks where a note beyond 4,000 characters was cut', () => {
    const long = 'We went through the whole quarterly plan and how the team could use shared docs. '.repeat(20).trim();
    expect(long.length).toBeGreaterThan(1000);
    expect(read(`Yes 4 ${long}`, 'check-in').note).toBe(long.replace(/\.$/, ''));
    const huge = read(`Yes 4 ${'word '.repeat(1000)}`, 'check-in').note!;
    expect(huge).toMatch(/ \[cut here: the reply was longer than 4,000 characters\]$/);
    expect(huge.length).toBeLessThan(4100);
  });

  it('ignores durations, dates and times as ratings', () => {
    const answer = read('Yes, 2 hours on the 3rd at 10:30', 'check-in');
    expect(answer.intent).toBe('yes');
    expect(answer.rating).toBeUndefined();
  });

  it('takes marked ratings anywhere: 4/5, stars, "Rating: 3"', () => {
    expect(read('We met on Friday. 4/5', 'check-in').rating).toBe(4);
    expect(read('★★★★★ brilliant', 'check-in')).toMatchObject({ intent: 'rating', rating: 5 });
    expect(read('Yes. Rating: 3', 'check-in').rating).toBe(3);
  });

  it('refuses a number outside the scale and says so', () => {
    const answer = read('7', 'check-in');
    expect(answer.intent).toBe('unclear');
    expect(answer.reason).toContain('7 is outside the scale');
  });

  it('asks again, naming the number, when a clear answer comes with a rating off the scale (it was dropped in silence)', () => {
    const yes = read('YES 9 good session', 'check-in');
    expect(yes).toMatchObject({ intent: 'unclear', reason: '"YES" as yes, but "9" is outside the scale asked for (ratings go from 1 to 5).' });
    const review = interpretReply('PROGRESS 7, RECOMMEND 9\nAI tools: 8\nGoal 1: 4', 'milestone', {
      now,
      ask: {
        items: [
          { key: 'ai-tools', labels: ['AI tools'] },
          { key: 'goal-1', labels: ['Goal 1'] },
        ],
      },
    });
    expect(review.intent).toBe('unclear');
    expect(review.reason).toContain('"7" and "AI tools: 8" are outside the scale asked for (ratings go from 1 to 5, the recommendation score from 0 to 10)');
    const intro = interpretReply('YES\nAI tools: 7', 'acceptance', { now, ask: { items: [{ key: 'ai-tools', labels: ['AI tools'] }] } });
    expect(intro).toMatchObject({ intent: 'unclear', reason: '"YES" as yes, but "AI tools: 7" is outside the scale asked for (ratings go from 1 to 5).' });
    // Numbers in the sentence are not ratings: nothing changes for them.
    expect(read('Yes, we met for 45 minutes on the 12th', 'check-in')).toMatchObject({ intent: 'yes' });
    expect(read('YES 4 good session', 'check-in')).toMatchObject({ intent: 'yes', rating: 4 });
  });
});

describe('milestones', () => {
  it('reads progress 1-5, recommend 0-10 and notes, labelled or not', () => {
    expect(read('Progress (1-5): 3\nRecommend (0-10): 8\nNotes: slow start', 'milestone')).toMatchObject({ rating: 3, score: 8, note: 'slow start' });
    expect(read('4 and 9', 'milestone')).toMatchObject({ intent: 'rating', rating: 4, score: 9 });
    // A review takes both scores (its web form requires both): one alone is asked again, never stored as complete.
    expect(read('Recommend: 0', 'milestone')).toMatchObject({ intent: 'unclear', score: 0 });
    expect(read('Recommend: 0', 'milestone').reason).toContain('The reply gives RECOMMEND 0 but no PROGRESS (1 to 5)');
    expect(read('Progress: 3, Recommend: 0', 'milestone')).toMatchObject({ intent: 'rating', rating: 3, score: 0 });
  });
});

describe('commands', () => {
  it('reads STOP, UNSUBSCRIBE and END', () => {
    expect(read('STOP').intent).toBe('stop');
    expect(read('please stop emailing me').intent).toBe('stop');
    expect(read('unsubscribe').intent).toBe('stop');
    expect(read('END', 'check-in').intent).toBe('end');
    expect(read('End of story: we met', 'check-in').intent).toBe('yes');
  });

  it.each([
    ['PAUSE until 2027-03-01', '2027-03-01'],
    ['pause until March 1', '2027-03-01'],
    ['Pause until 1 December', '2026-12-01'],
    ['PAUSE until 15.01.2027', '2027-01-15'],
    ['pause for 2 weeks', '2026-12-07'],
    ['PAUSE bis 3. März 2027', '2027-03-03'],
  ])('%s pauses until %s', (text, date) => {
    expect(read(text)).toMatchObject({ intent: 'pause', pauseUntil: date });
  });

  it('asks again, pausing nothing, when the date cannot be read (QA keywords 3)', () => {
    const answer = read('PAUSE until 3/1');
    expect(answer).toMatchObject({ intent: 'unclear', command: 'pause' });
    expect(answer.pauseUntil).toBeUndefined();
    expect(answer.reason).toContain('could not be read');
    expect(read('PAUSE until 2027-02-30')).toMatchObject({ intent: 'unclear', command: 'pause' });
  });

  it('asks again for a day that has passed (last year, a typo) instead of pausing for one day', () => {
    for (const [text, purpose] of [
      ['PAUSE until 2026-06-05', 'check-in'],
      ['PAUSE until 2026-11-23', undefined],
      ['PAUSE until 2026-06-05', 'admin-decision'],
    ] as const) {
      const answer = read(text, purpose);
      expect(answer.intent, text).toBe('unclear');
      // Quoted as written, with what would do instead (QA: no ISO date in a sentence without a verb).
      expect(answer.reason, text).toMatch(
        /^"2026-\d\d-\d\d" (has passed|is today): reply PAUSE with the (date you will be back|day the pairing should resume), after today \(for example "PAUSE until \d+ \w+"\)\.$/,
      );
    }
    expect(read('PAUSE until 2026-11-24')).toMatchObject({ intent: 'pause', pauseUntil: '2026-11-24' });
  });
});

describe('admin decisions and approvals', () => {
  it.each([
    ['Continue', 'yes', 'continue'],
    ['REMATCH please', 'no', 'rematch'],
    ['end', 'end', 'end'],
    ['Pause until 1 March', 'pause', 'pause'],
  ])('%s -> %s / %s', (text, intent, decision) => {
    expect(read(text, 'admin-decision')).toMatchObject({ intent, decision });
  });

  it('asks a bare PAUSE for the resume date the decision email asks for, deciding nothing (QA admin inbox)', () => {
    const a = read('PAUSE', 'admin-decision');
    expect(a).toMatchObject({ intent: 'unclear', command: 'pause' });
    expect(a.decision).toBeUndefined();
    expect(a.reason).toMatch(
      /^PAUSE needs the day the pairing should resume, so nothing was decided: reply PAUSE with it \(for example "PAUSE until \d+ \w+"\)\.$/,
    );
  });

  it('keeps the lines after the first as the note, with PAUSE as with the other decisions (QA)', () => {
    const note = 'They are both travelling, note kept please';
    expect(read(`PAUSE until 1 May\n${note}`, 'admin-decision')).toMatchObject({ intent: 'pause', decision: 'pause', note });
    expect(read(`CONTINUE\n${note}`, 'admin-decision')).toMatchObject({ decision: 'continue', note });
    expect(read('PAUSE until 1 May', 'admin-decision').note).toBeUndefined();
  });

  it('keeps a reason written on the PAUSE line as the note (QA admin inbox)', () => {
    expect(read('PAUSE until 3 March, she is on leave', 'admin-decision')).toMatchObject({ decision: 'pause', note: 'she is on leave' });
  });

  it('asks again when no decision word opens the reply', () => {
    expect(read('Yes', 'admin-decision').intent).toBe('unclear');
  });

  it('reads APPROVE and REJECT, never numbers', () => {
    expect(read('approved', 'approval').intent).toBe('yes');
    expect(read('REJECT', 'approval').intent).toBe('no');
    expect(read('4', 'approval').intent).toBe('unclear');
  });
});

it('calls an empty reply unclear', () => {
  expect(read('  \n\n ')).toEqual({ intent: 'unclear', reason: 'The reply is empty once quoted history and signatures are removed.' });
});

describe('text decoded with the wrong character set', () => {
  it('is never read as an answer, even when a star or a digit happens to come out of it', () => {
    // A two-byte body declared UTF-16 decodes to an unassigned code point and a star (found by the MIME fuzzer).
    expect(interpretReply('\u0a0d\u2605', 'check-in')).toMatchObject({ intent: 'unclear', reason: expect.stringMatching(/not text/) });
    expect(interpretReply('\u2605', 'check-in')).toMatchObject({ intent: 'rating', rating: 1 });
  });
});

describe('a command written inside a sentence', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  it.each([
    [
      'Hi, could you PAUSE the check-ins until 15 January?',
      'PAUSE',
      'reply with PAUSE and the date you will be back on a line of its own (for example "PAUSE until 22 December")',
    ],
    ['Travelling - PAUSE until 15 January', 'PAUSE', 'reply with PAUSE and the date you will be back on a line of its own'],
    ['I think we should END this, it is not working', 'END', 'reply with just END on the first line'],
  ])('%j does nothing, and the reason says how to write %s so it is acted on (QA mail clients)', (text, word, how) => {
    const a = interpretReply(text, 'check-in', { now });
    expect(a.intent).toBe('unclear');
    expect(a.reason).toContain(`The reply mentions ${word} inside a sentence`);
    expect(a.reason).toContain(how);
    if (word === 'PAUSE') expect(a.command).toBe('pause');
  });

  it('an answer beside it is still the answer-and-command case, and a team name in capitals is no command', () => {
    expect(interpretReply('Yes 4, and PAUSE until 3 March', 'check-in', { now }).reason).toContain('answers the question and also says PAUSE');
    expect(interpretReply('We did not meet. END USER COMPUTING', 'check-in', { now }).intent).toBe('no');
  });
});

describe('leaving said in words', () => {
  it.each(['I want to leave the program', 'Please remove me from this', 'I would like to opt out', 'Ich möchte aussteigen'])(
    '%j is not STOP, and the reason names the word that works (QA controls2)',
    (text) => {
      const a = interpretReply(text, 'check-in');
      expect(a.intent).toBe('unclear');
      expect(a.reason).toMatch(/If you want to leave the program, reply with just STOP\.$/);
    },
  );

  it('a reply that says nothing of leaving is asked again without it', () => {
    expect(interpretReply('hmm', 'check-in').reason).not.toContain('leave the program');
  });
});

describe('stop with a time limit', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  it.each([
    'Hi,\n\nplease stop sending reminders for a week',
    'stop sending me reminders until 15 January, I am on leave',
    'please stop emailing me while I am on parental leave',
  ])('%j is a break, not leaving: nothing is done, and the reason offers PAUSE and STOP (verify15)', (text) => {
    const a = interpretReply(text, 'check-in', { now });
    expect(a.intent).toBe('unclear');
    expect(a.reason).toContain('reads as a break, not as leaving the program, so nothing was done: to pause, reply PAUSE with the date you will be back');
    expect(a.reason).toMatch(/to leave the program, reply with just STOP\.$/);
  });

  it.each([
    'please stop sending me reminders over the holidays',
    'please stop sending reminders - I am away 21 Dec to 4 Jan',
    'stop sending reminders, back in January',
    'stop sending me reminders in December',
  ])('%j, more than a plain stop in lower case, is asked too (verify16)', (text) => {
    expect(interpretReply(text, 'check-in', { now }).reason).toContain('reads as a break, not as leaving the program');
  });

  it.each(['stop for a while', 'stop the check-ins until January please', 'please stop the reminders', 'Stop check-ins for now', 'stop for two weeks'])(
    '%j, no command in lower case, is a break asked about too, marked as a STOP not acted on',
    (text) => {
      const a = interpretReply(text, 'check-in', { now });
      expect(a.intent).toBe('unclear');
      expect(a.command).toBe('stop');
      expect(a.reason).toContain('reads as a break, not as leaving the program');
    },
  );

  it.each([
    ["please stop sending reminders.\nI'm on holiday until 4 January.", "please stop sending reminders. I'm on holiday until 4 January."],
    ["STOP\nI'm away until January", "STOP I'm away until January"],
    ['please stop emailing me\n\nBack in February, thanks', 'please stop emailing me Back in February, thanks'],
  ])('%j, a time limit on a line below the stop, is asked about, quoting both lines (QA regress NEW-2)', (text, quoted) => {
    const a = interpretReply(text, 'check-in', { now });
    expect(a).toMatchObject({ intent: 'unclear', command: 'stop' });
    expect(a.reason).toContain(`"${quoted}" reads as a break, not as leaving the program`);
  });

  it.each(['STOP\n\nSent from my iPhone', 'please stop emailing me\n\nThanks,\nAna\n+44 20 7946 0958', 'STOP\n\nThanks for everything over the past months'])(
    '%j, nothing below that sets a time limit, still stops',
    (text) => {
      expect(interpretReply(text, 'check-in', { now }).intent).toBe('stop');
    },
  );

  it('"stop until further notice" in lower case is leaving, confirmed before anything is done', () => {
    const a = interpretReply('stop until further notice', 'check-in', { now });
    expect(a.intent).toBe('unclear');
    expect(a.command).toBe('stop');
    expect(a.reason).toMatch(
      /^"stop until further notice" reads as leaving the program, which cannot be undone, so nothing was done yet: to leave the program, reply with just STOP/,
    );
  });

  it.each(['Stop worrying, YES 5', 'Stopped by the office, we met: YES 4'])('%j still answers', (text) => {
    expect(interpretReply(text, 'check-in', { now }).intent).toBe('yes');
  });

  it.each(['please stop emailing me', 'Please stop sending me these emails', 'stop all emails', 'STOP', 'STOP until further notice'])(
    '%j still stops',
    (text) => {
      expect(interpretReply(text, 'check-in', { now }).intent).toBe('stop');
    },
  );
});

describe('an answer opening a later line', () => {
  it.each([
    ['Hi all, apologies for the delay.\nYES 5', 5],
    ['Sorry for the late reply!\n\nYes 4 - good chat', 4],
    ['Apologies, busy week.\nYes, 3', 3],
  ])('%j keeps its rating, never left in the note (verify15)', (text, rating) => {
    expect(interpretReply(text, 'check-in')).toMatchObject({ intent: 'yes', rating });
  });

  it('a number that is not a rating stays out', () => {
    expect(interpretReply('We met twice.\nYes 2 hours each', 'check-in').rating).toBeUndefined();
  });
});

describe('away in words, answering nothing', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  it.each([
    ["I'm off 21 Dec, back 11 Jan", 'PAUSE from 21 December until 11 January', { pauseFrom: '2026-12-21', pauseUntil: '2027-01-11' }],
    ['On leave until 4 January, sorry!', 'PAUSE until 4 January', { pauseUntil: '2027-01-04' }],
    ['I am on parental leave from 21 December until 1 March', 'PAUSE from 21 December until 1 March', { pauseFrom: '2026-12-21', pauseUntil: '2027-03-01' }],
  ] as const)('%j pauses nothing, and gives the line that would; that line, replied, reads as that pause', (text, line, dates) => {
    const a = interpretReply(text, 'check-in', { now });
    expect(a.intent).toBe('unclear');
    expect(a.reason).toContain(`If you will be away, reply with just "${line}" to pause your pairing: nothing was paused.`);
    expect(a.reason).not.toContain('leave the program');
    expect(interpretReply(line, 'check-in', { now })).toMatchObject({ intent: 'pause', ...dates });
  });

  it('no hint without days that read as a pause, nor to an introduction; wanting to leave in words still hears of STOP', () => {
    expect(interpretReply('Back on Monday, will reply then', 'check-in', { now }).reason).not.toContain('PAUSE');
    expect(interpretReply('I was off last week', 'check-in', { now }).reason).not.toContain('PAUSE');
    expect(interpretReply("I'm off 21 Dec, back 11 Jan", 'acceptance', { now }).reason).not.toContain('If you will be away');
    expect(interpretReply('I will be on leave, and then I want to leave the program', 'check-in', { now }).reason).toContain(
      'If you want to leave the program, reply with just STOP.',
    );
  });
});
