import { describe, expect, it } from 'vitest';
import {
  choiceLabel,
  isSurveyLink,
  questionWording,
  renderConfirmPage,
  renderProblemPage,
  renderThanksPage,
  renderUnsubscribeConfirmPage,
  renderUnsubscribedPage,
  surveyReplyText,
} from '../../../functions/domain/answer-page';
import { decodeS3Key } from '../../../functions/adapters/raw-mail';
import { interpretReply } from '../../../functions/domain/replies';
import { objectCreatedEvent } from '../../../local/inbound';

describe('answer page', () => {
  it('asks to confirm with a labelled, escaped form and records nothing by itself', () => {
    const page = renderConfirmPage({ purpose: 'check-in', choice: '4', action: '/r/tok', context: { prompt: 'Did you meet <Sam>?' } });
    expect(page).toMatch(/^<!doctype html><html lang="en-GB">/);
    expect(page).toContain('Did you meet &lt;Sam&gt;?');
    expect(page).toContain('<form method="post" action="/r/tok">');
    expect(page).toContain('<label for="note">');
    expect(page).toContain('Confirm: 4 out of 5');
    expect(page).not.toMatch(/<script/);
  });

  it("asks the admins' Pause link for the resume day, and says why a form before it recorded nothing; no other link has the field", () => {
    const pause = renderConfirmPage({
      purpose: 'admin-decision',
      choice: 'pause',
      action: '/r/tok',
      problems: [{ field: 'until', text: 'Choose the day <now>.' }],
    });
    expect(pause).toContain('<input type="date" id="until" name="until" required value="" aria-invalid="true" aria-describedby="until-problem">');
    expect(pause).toContain('<li><a href="#until">Choose the day &lt;now&gt;.</a></li>');
    for (const [purpose, choice] of [
      ['admin-decision', 'continue'],
      ['check-in', 'yes'],
    ] as const) {
      const other = renderConfirmPage({ purpose, choice, action: '/r/tok' });
      expect(other).not.toContain('name="until"');
      expect(other).not.toContain('class="problem"');
    }
  });

  it('opens a survey for a milestone review link and turns it into the reply the email asks for', () => {
    expect(isSurveyLink('milestone', 'review')).toBe(true);
    expect(isSurveyLink('check-in', 'yes')).toBe(false);
    expect(renderConfirmPage({ purpose: 'milestone', choice: 'review', action: '/r/t', context: { label: 'Day 30 review' } })).toContain(
      '<legend>How much progress',
    );
    const text = surveyReplyText(new URLSearchParams('progress=4&recommend=9&learned=TikTok+basics&taught='));
    expect(text).toBe('PROGRESS 4, RECOMMEND 9\nLEARNED: TikTok basics');
    expect(interpretReply(text!, 'milestone')).toMatchObject({ rating: 4, score: 9 });
    expect(surveyReplyText(new URLSearchParams('progress=6&recommend=9'))).toBeUndefined();
  });

  it('labels choices as people read them and words each purpose', () => {
    expect(choiceLabel('yes', 'acceptance')).toBe('Yes');
    expect(choiceLabel('rematch', 'admin-decision')).toBe('Rematch');
    expect(choiceLabel('9', 'milestone')).toBe('9 out of 10');
    expect(questionWording('approval').replyExamples).toContain('APPROVE');
    expect(questionWording('check-in', { topic: 'the check-in of 1 March' }).topic).toBe('the check-in of 1 March');
  });

  it('explains each refusal in a sentence that says what to do', () => {
    for (const problem of ['expired', 'invalid', 'closed', 'already-answered', 'not-an-admin', 'data-link-expired', 'data-gone'] as const) {
      expect(renderProblemPage(problem)).toMatch(/<h1>[^<]+<\/h1><p>[A-Z][^<]+\.<\/p>/);
    }
    expect(renderProblemPage('invalid')).toContain('reply to the email');
  });

  it('promises no new question on a closed or expired link: after the end of a program none comes (QA finale)', () => {
    for (const problem of ['expired', 'closed'] as const) {
      const page = renderProblemPage(problem);
      expect(page).not.toMatch(/next email will bring/i);
      expect(page).toContain('Any question still to come brings its own links in its email');
    }
  });

  it("thanks a review's form by the review's name, never as a milestone review when it was the end of the program (QA finale)", () => {
    const page = renderThanksPage('', 'the End of program review of your pairing with Mia');
    expect(page).toContain('We recorded your answers to the End of program review of your pairing with Mia.');
    expect(page).not.toContain('milestone');
    expect(renderThanksPage('Yes')).toContain('We recorded your answer: <span class="answer">Yes</span>.');
  });

  it('tells an expired DATA or ERASE link that nothing happened and how to ask again, with no question in it', () => {
    const page = renderProblemPage('data-link-expired');
    expect(page).toContain('<h1>This link has expired</h1>');
    expect(page).toContain('nothing was sent and nothing was erased');
    expect(page).toContain('reply DATA (for a copy of your data) or ERASE (to have it erased) to any email from the program');
    expect(page).toContain('write to your program admin');
    expect(page).not.toMatch(/question|next email/i);
  });
});

describe('one-click unsubscribe pages', () => {
  it('GET asks to confirm with a form that posts the one-click body, escaped, without script', () => {
    const page = renderUnsubscribeConfirmPage({ programName: 'Pilot <2027>', action: '/u/abc.def' });
    expect(page).toContain('<form method="post" action="/u/abc.def">');
    expect(page).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(page).toContain('Pilot &lt;2027&gt;');
    expect(page).toContain('Nothing changes until you press the button');
    expect(page).not.toMatch(/<script/);
  });

  it('after the POST says the withdrawal is recorded', () => {
    expect(renderUnsubscribedPage()).toMatch(/We recorded your withdrawal/);
    // Someone whose pairings all completed only stops the email: the pages say so, not "withdraw".
    const after = renderUnsubscribeConfirmPage({ programName: 'Pilot', action: '/u/abc.def', afterCompletion: true });
    expect(after).toMatch(/no more emails from Pilot, unless you write to us\. Your completed pairing stays on record/);
    expect(after).not.toMatch(/withdraw|Leave the program/i);
    expect(renderUnsubscribedPage({ afterCompletion: true })).toMatch(/will not email you again unless you write to us/);
    expect(renderUnsubscribedPage({ afterCompletion: true })).not.toMatch(/withdrawal/);
  });
});

describe('S3 events as SES causes them', () => {
  it('encode keys the way AWS does, and the handler decodes them back', () => {
    const event = objectCreatedEvent('inbound-mail', 'inbound/a b+c', 10) as { Records: { eventName: string; s3: { object: { key: string } } }[] };
    expect(event.Records[0]!.eventName).toBe('ObjectCreated:Put');
    expect(decodeS3Key(event.Records[0]!.s3.object.key.replace(/%20/g, '+'))).toBe('inbound/a b+c');
  });
});
