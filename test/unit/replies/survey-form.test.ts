import { describe, expect, it } from 'vitest';
import { renderConfirmPage, surveyReplyText } from '../../../functions/domain/answer-page';
import { interpretReply } from '../../../functions/domain/replies';
import { goalLabels } from '../../../functions/domain/replies/structured';

/** The review's web form asks what the email asks (per topic, per goal, the end's questions) and reads the same. */
const context = {
  label: 'End of program review',
  ask: {
    items: [
      { key: 'ai-tools', labels: ['AI tools', 'ai-tools'] },
      { key: 'goal-1', labels: goalLabels(1, 'Run one meeting fully async') },
    ],
    programFeedback: true,
    partnerNote: true,
  },
};

describe('milestone survey form with topics, goals and the end-of-program questions', () => {
  it('shows a field for each, with the consent box unticked', () => {
    const page = renderConfirmPage({ purpose: 'milestone', choice: 'review', action: '/r/tok', context });
    expect(page).toContain('name="item-ai-tools"');
    expect(page).toContain('Run one meeting fully async');
    expect(page).toContain('name="keep"');
    expect(page).toMatch(/<input type="checkbox" name="share" value="yes">/);
    expect(page).not.toMatch(/checked/);
  });

  it('reads the form like a reply: ratings per topic and goal, feedback, and the note only when the box is ticked', () => {
    const form = new URLSearchParams({
      progress: '4',
      recommend: '9',
      'item-ai-tools': '3',
      'item-goal-1': '5',
      keep: 'the check-ins',
      valued: 'your patience',
    });
    const unshared = interpretReply(surveyReplyText(form, context)!, 'milestone', { ask: context.ask });
    expect(unshared).toMatchObject({ rating: 4, score: 9, items: { 'ai-tools': 3, 'goal-1': 5 }, keep: 'the check-ins', partnerNoteWithheld: true });
    expect(unshared.partnerNote).toBeUndefined();
    form.set('share', 'yes');
    expect(interpretReply(surveyReplyText(form, context)!, 'milestone', { ask: context.ask }).partnerNote).toEqual({ valued: 'your patience' });
    // Without the question's structure the form is what it was.
    expect(surveyReplyText(form)).toBe('PROGRESS 4, RECOMMEND 9');
  });
});
