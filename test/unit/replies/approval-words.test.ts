import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies/interpret';

const now = new Date('2027-01-13T10:00:00Z');
const approval = (text: string) => interpretReply(text, 'approval', { now });

/**
 * A matching proposal is approved or rejected as a whole (APPROVE starts every proposed pair): an
 * answer with a condition or with a change decides nothing and is asked again, never read as the
 * APPROVE it opens with (asked as a question, "Approve? Not yet": asked-back.test.ts).
 */
describe('an answer to a matching proposal', () => {
  it.each([
    ['Approved except pair 3', '("Approved except pair 3")'],
    ['Yes but swap pair 2', '("Yes but swap pair 2")'],
    ['Approve all but the last one', '("Approve all but the last one")'],
    ['APPROVE\nBut please swap pair 2', '("But please swap pair 2")'],
    ['Approve if the dates work', '("Approve if the dates work")'],
    ['OK once Sam confirms', '("OK once Sam confirms")'],
    ['Reject pair 2, approve the rest', '("Reject pair 2, approve the rest")'],
  ])('%j decides nothing', (text, quoted) => {
    const answer = approval(text);
    expect(answer.intent).toBe('unclear');
    expect(answer.reason).toContain(quoted);
    expect(answer.reason).toContain('reply APPROVE to start every proposed pair');
  });

  it.each([
    ['APPROVE', 'yes'],
    ['Approve, no changes', 'yes'],
    ['Approved - great work, thanks', 'yes'],
    ['No objections', 'yes'],
    ['APPROVE\n\nLet me know if you need anything else', 'yes'],
    ['Hi team,\n\nAPPROVE\n\nAda', 'yes'],
    ['REJECT - pair 2 share a manager', 'no'],
    ['REJECT, but good effort', 'no'],
    ['REJECT - I would approve if pair 2 changed', 'no'],
    ['No, not approved', 'no'],
  ])('%j is read as %s', (text, intent) => {
    expect(approval(text).intent).toBe(intent);
  });
});

describe('nothing wrong, to the fit check', () => {
  it.each(['No complaints', 'No issues at all', 'No concerns'])('%j alone fits, never the no it opens with', (text) => {
    expect(interpretReply(text, 'fit', { now }).intent).toBe('yes');
  });

  it('elsewhere it still answers nothing alone', () => {
    expect(interpretReply('No complaints', 'check-in', { now }).intent).toBe('unclear');
  });
});
