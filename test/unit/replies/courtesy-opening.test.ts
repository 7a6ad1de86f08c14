import { describe, expect, it } from 'vitest';
import { courteousRequest } from '../../../functions/domain/replies/courtesy';
import { interpretReply } from '../../../functions/domain/replies/interpret';

const now = new Date('2027-01-13T10:00:00Z');
const standing = (text: string) => interpretReply(text, 'standing', { now });

describe('a courtesy opening before a STOP (SMTP tester)', () => {
  it.each([
    'Please could you stop sending me reminders until the new year? Thanks',
    'Could you please stop the check-ins until January?',
    'Can you stop the reminders for a few weeks?',
    'Would you mind stopping the reminders until February?',
    'Kindly stop the emails for now',
    'Could you stop sending reminders? I am on holiday until 4 February.',
  ])('is asked about as a break or leaving, as "please stop sending reminders until January" is: %j', (text) => {
    const answer = standing(text);
    expect(answer).toMatchObject({ intent: 'unclear', command: 'stop' });
    expect(answer.reason).toContain('reads as a break, not as leaving the program, so nothing was done');
    expect(answer.reason).toContain(`"${text.split('\n')[0]!.slice(0, 40)}`);
  });

  it.each(['Can you stop emailing me?', 'Would you please unsubscribe me?', 'Can you please stop emailing me until further notice?'])(
    'asking to stop the emails with no time limit is leaving, confirmed, never done from a question: %j',
    (text) => {
      const answer = standing(text);
      expect(answer).toMatchObject({ intent: 'unclear', command: 'stop' });
      expect(answer.reason).toContain('reads as leaving the program, which cannot be undone, so nothing was done yet');
    },
  );

  it('reads the same courtesy to a check-in question: asked, never recorded as an answer', () => {
    expect(interpretReply('Please could you stop sending me reminders until the new year? Thanks', 'check-in', { now })).toMatchObject({
      intent: 'unclear',
      command: 'stop',
    });
  });

  it('changes nothing else: a favour that is no STOP, a PAUSE inside a sentence, a plain please', () => {
    expect(standing('Can you stop by my office tomorrow?').command).toBeUndefined();
    expect(standing('Could you PAUSE the check-ins until 15 January?').reason).toContain('inside a sentence');
    expect(standing('please stop emailing me')).toMatchObject({ intent: 'stop' });
    expect(standing('please stop sending reminders until January')).toMatchObject({ intent: 'unclear', command: 'stop' });
  });

  it('reads the request after the opening as "please <request>"', () => {
    expect(courteousRequest('Please could you stop sending me reminders until the new year? Thanks')).toBe(
      'please stop sending me reminders until the new year. Thanks',
    );
    expect(courteousRequest('Would you mind stopping the reminders?')).toBe('please stop the reminders.');
    expect(courteousRequest('Could you kindly unsubscribe me')).toBe('please unsubscribe me');
    expect(courteousRequest('Kindly stop the emails')).toBe('please stop the emails');
    expect(courteousRequest('please stop the emails')).toBeUndefined();
    expect(courteousRequest('Could we meet on Friday?')).toBeUndefined();
  });
});
