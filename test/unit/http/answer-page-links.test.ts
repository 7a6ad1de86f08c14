import { describe, expect, it } from 'vitest';
import { firstResumeDay, introductionExtras, surveyProblems, typedBackOf } from '../../../functions/domain/answer-form';
import { openAnswerLink, openRoundLink, pairingOverOf, standingLinkRefusal, type AskedQuestion } from '../../../functions/domain/answer-link';
import {
  renderConfirmPage,
  renderPairingOverPage,
  renderProblemPage,
  renderRequestProblemPage,
  renderSettledPage,
  renderThanksPage,
  wantsPage,
} from '../../../functions/domain/answer-page';
import { interpretReply } from '../../../functions/domain/replies';
import { goalLabels } from '../../../functions/domain/replies/structured';

// QA ui8 (Chromium): the pages behind the links in emails.

const NOW = new Date('2027-01-06T10:00:00Z');
const text = (page: string) =>
  page
    .replace(/<style[\s\S]*?<\/style>/, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');
const h1s = (page: string) => page.match(/<h1[ >]/g)?.length ?? 0;

/** Hal's question of the introduction: open, unanswered, by its own record. */
const hals: AskedQuestion = {
  opaqueId: 'q-hal',
  purpose: 'acceptance',
  programId: 'pilot',
  recipientEmailHash: 'hash-hal',
  closesAt: '2027-01-12T23:59:59Z',
  choices: ['yes', 'no'],
  context: { prompt: 'Will you take part in your pairing with Bea?', topic: 'whether you would take part in your pairing with Bea' },
};

/** The introduction's question as the lifecycle stores it (pairing/goals.ts, askFor): goals, and Hal's topics. */
const introduction = {
  ...hals.context,
  ask: {
    goals: true,
    items: [
      { key: 'strategy', labels: ['Strategy', 'strategy'] },
      { key: 'leadership', labels: ['Leadership', 'leadership'] },
    ],
  },
};

describe('a link from an old email after the pairing ended (fault 1)', () => {
  it('is refused on GET as the POST would refuse it: closed once the pairing no longer holds the round open, 409 once answered', () => {
    const opening = openAnswerLink({ link: { choice: 'yes', expiresAt: hals.closesAt }, linked: hals, family: [], now: NOW });
    expect(opening).toEqual({ question: hals });
    expect(openRoundLink(opening, 'closed')).toEqual({ refused: 'closed', reason: 'round closed' });
    expect(openRoundLink(opening, 'answered')).toEqual({ refused: 'already-answered', reason: 'round answered' });
    expect(openRoundLink(opening, 'open')).toEqual({ question: hals });
    expect(openRoundLink(opening, undefined)).toEqual({ question: hals });
    // A refusal found already stays what it was.
    expect(openRoundLink({ refused: 'invalid', reason: 'choice not offered' }, 'closed')).toEqual({ refused: 'invalid', reason: 'choice not offered' });
  });

  it('says the question closed with the pairing, on which day, and never why', () => {
    expect(pairingOverOf({ status: 'active' })).toBeUndefined();
    expect(pairingOverOf({ status: 'paused', updatedAt: '2027-01-05T09:00:00Z' })).toBeUndefined();
    const over = pairingOverOf({ status: 'ended', endedAt: '2027-01-05T09:00:00Z', updatedAt: '2027-01-05T09:01:00Z' })!;
    expect(over).toEqual({ on: '2027-01-05T09:00:00Z', how: 'ended' });
    expect(pairingOverOf({ status: 'not-started', updatedAt: '2027-01-05T09:00:00Z' })).toEqual({ on: '2027-01-05T09:00:00Z', how: 'not-started' });
    const page = renderPairingOverPage({ topic: hals.context!.topic as string, over, timeZone: 'Europe/London' });
    expect(page).toMatch(/^<!doctype html><html lang="en-GB">/);
    expect(h1s(page)).toBe(1);
    expect(page).toContain('<h1>This question has closed</h1>');
    expect(text(page)).toContain(
      'This link was for whether you would take part in your pairing with Bea. That pairing has since ended, on Tuesday 5 January 2027, so the question closed with it and nothing was recorded.',
    );
    expect(page).not.toMatch(/<form|admin-decision|HR|withdr|left the program/);
  });

  it('shows the note typed before pressing back with the refusal, line breaks kept, so it is not lost', () => {
    const form = new URLSearchParams({ note: 'Happy to join.\r\nI am away on 12 January <b>', until: '2027-02-01' });
    const typed = typedBackOf(form);
    expect(typed).toEqual([{ label: 'Your note', text: 'Happy to join.\nI am away on 12 January <b>' }]);
    const over = { on: '2027-01-05T09:00:00Z', how: 'ended' as const };
    for (const page of [
      renderPairingOverPage({ topic: 'whether you would take part in your pairing with Bea', over, timeZone: 'UTC', typed }),
      renderProblemPage('closed', undefined, typed),
      renderProblemPage('already-answered', { route: 'GET /pairings/pr-1' }, typed),
    ]) {
      expect(page).toContain('<h2>What you wrote</h2>');
      expect(page).toContain('<label for="typed-0">Your note</label>');
      expect(page).toContain('readonly>Happy to join.\nI am away on 12 January &lt;b&gt;</textarea>');
      expect(h1s(page)).toBe(1);
    }
    expect(renderProblemPage('closed')).not.toContain('What you wrote');
    const settled = renderSettledPage({
      settled: { at: '2027-01-05T09:00:00Z', by: 'another-admin', decision: 'continue' },
      topic: 'the decision',
      program: { name: 'Pilot', admin: { name: 'the team', email: 'team@example.com' }, automaticRematches: 2 },
      timeZone: 'UTC',
      typed,
    });
    expect(settled).toContain('Happy to join.');
  });
});

describe("the introduction's YES page (fault 2)", () => {
  it('offers up to three goals and a 1-5 rating per topic the introduction lists, labelled and optional; the NO page does not', () => {
    const page = renderConfirmPage({ purpose: 'acceptance', choice: 'yes', action: '/r/tok', context: introduction });
    for (const n of [1, 2, 3]) {
      expect(page).toContain(`<label for="goal-${n}">Goal ${n}</label>`);
      expect(page).toMatch(new RegExp(`<input type="text" id="goal-${n}" name="goal-${n}" maxlength="200" value="">`));
    }
    expect(page).toContain('<legend>Your goals for this pairing (optional, up to three)</legend>');
    expect(page).toContain('<legend>Where are you today on Strategy? (1 = new to me, 5 = I could teach it; optional)</legend>');
    expect(page).toContain('<legend>Where are you today on Leadership? (1 = new to me, 5 = I could teach it; optional)</legend>');
    expect(page).toContain('<label class="choice" for="item-strategy"><input type="radio" id="item-strategy" name="item-strategy" value="1"> 1</label>');
    expect(page).not.toMatch(/required/);
    expect(page).not.toMatch(/style="/);
    expect(h1s(page)).toBe(1);
    const no = renderConfirmPage({ purpose: 'acceptance', choice: 'no', action: '/r/tok', context: introduction });
    expect(no).not.toContain('name="goal-1"');
    expect(no).not.toContain('name="item-strategy"');
  });

  it('records the fields as the reply "GOALS: ... Strategy: 2" would be, never as a flattened note', () => {
    const form = new URLSearchParams({
      'goal-1': 'Understand budget decisions',
      'goal-2': '  Lead my first   cross-team meeting ',
      'goal-3': '',
      'item-strategy': '2',
    });
    const extras = introductionExtras(form, introduction);
    const reply = interpretReply('YES\nGOALS:\n1. Understand budget decisions\n2. Lead my first cross-team meeting\nStrategy: 2', 'acceptance', {
      ask: introduction.ask,
    });
    expect(extras).toEqual({ goals: ['Understand budget decisions', 'Lead my first cross-team meeting'], items: { strategy: 2 } });
    expect(extras).toEqual({ goals: reply.goals, items: reply.items });
    // Nothing given: a plain YES; a rating off the scale or a topic not asked is not recorded.
    expect(introductionExtras(new URLSearchParams(), introduction)).toEqual({});
    expect(introductionExtras(new URLSearchParams({ 'item-strategy': '7', 'item-ai-tools': '3' }), introduction)).toEqual({});
  });

  it('thanks with the goals and starting points it recorded', () => {
    const page = renderThanksPage('Yes', undefined, {
      recorded: { goals: ['Understand budget decisions'], items: { strategy: 2 } },
      topics: introduction.ask.items,
    });
    expect(text(page)).toContain('Your goals for this pairing: Understand budget decisions');
    expect(text(page)).toContain('Where you start: Strategy: 2 out of 5');
  });
});

describe("the admins' Pause page sent back (fault 3)", () => {
  it('keeps the day and the note, marks the field, focuses the summary, and offers no day before tomorrow', () => {
    const values = new URLSearchParams({ until: '2027-01-06', note: 'She is on leave\nuntil spring' });
    const page = renderConfirmPage({
      purpose: 'admin-decision',
      choice: 'pause',
      action: '/r/tok',
      resumeFrom: '2027-01-06',
      values,
      problems: [{ field: 'until', text: 'The day you chose is today or has passed.' }],
    });
    expect(page).toContain('<title>Error: Confirm your answer - crossgen</title>');
    expect(page).toMatch(
      /<div class="problem" id="problem-summary" role="alert" tabindex="-1" autofocus aria-labelledby="problem-title"><h2 id="problem-title">There is a problem<\/h2><ul><li><a href="#until">The day you chose is today or has passed.<\/a><\/li><\/ul><\/div>/,
    );
    expect(page).toContain(
      '<input type="date" id="until" name="until" required min="2027-01-07" value="2027-01-06" aria-invalid="true" aria-describedby="until-problem">',
    );
    expect(page).toContain('<span class="field-problem" id="until-problem">Error: The day you chose is today or has passed.</span>');
    expect(page).toContain('maxlength="1000">She is on leave\nuntil spring</textarea>');
    expect(page).not.toMatch(/<script/);
    expect(h1s(page)).toBe(1);
    expect(firstResumeDay('2027-12-31')).toBe('2028-01-01');
    // Before any problem: the limit is there already, nothing is marked.
    const fresh = renderConfirmPage({ purpose: 'admin-decision', choice: 'pause', action: '/r/tok', resumeFrom: '2027-01-06' });
    expect(fresh).toContain('<input type="date" id="until" name="until" required min="2027-01-07" value="">');
    expect(fresh.replace(/<style[\s\S]*?<\/style>/, '')).not.toMatch(/aria-invalid|problem-summary|Error:/);
  });
});

describe('old links of an erased person (fault 4)', () => {
  it('are "no longer active" (410) when their signature holds, without a word of why; a token nothing vouches for stays invalid', () => {
    expect(standingLinkRefusal({ signed: true, standing: undefined })).toEqual({ refused: 'inactive', reason: 'address no longer stored' });
    expect(standingLinkRefusal({ signed: false, standing: undefined })).toEqual({ refused: 'invalid', reason: 'token invalid' });
    const standing = { purpose: 'standing' as const, participantId: 'p-1' };
    expect(standingLinkRefusal({ signed: true, standing, person: { erased: true } })).toMatchObject({ refused: 'inactive' });
    expect(standingLinkRefusal({ signed: true, standing, person: undefined })).toMatchObject({ refused: 'inactive' });
    expect(standingLinkRefusal({ signed: true, standing, person: { erased: false } })).toBeUndefined();
    expect(standingLinkRefusal({ signed: true, standing: { purpose: 'check-in', participantId: 'p-1' } })).toMatchObject({ refused: 'invalid' });
    const page = renderProblemPage('inactive');
    expect(page).toContain('<h1>This link is no longer active</h1>');
    expect(page).not.toMatch(/eras|delet|was changed|incomplete|copy the whole address/i);
  });
});

describe('a review sent without its ratings, and the fit check\'s "No" (fault 5)', () => {
  const review = { label: 'Day 30 review', ask: { items: [{ key: 'goal-1', labels: goalLabels(1, 'Run one meeting fully async') }] } };

  it('names each missing rating on its own field and keeps everything typed and chosen', () => {
    const values = new URLSearchParams({ recommend: '9', learned: 'Prompting\nand patience', 'item-goal-1': '4' });
    const problems = surveyProblems(values);
    expect(problems).toEqual([{ field: 'progress', text: 'Choose how much progress you have made on your goals, from 1 to 5.' }]);
    const page = renderConfirmPage({ purpose: 'milestone', choice: 'review', action: '/r/tok', context: review, values, problems });
    expect(page).toContain('<li><a href="#progress">Choose how much progress you have made on your goals, from 1 to 5.</a></li>');
    expect(page).toContain('<fieldset role="radiogroup" aria-invalid="true" aria-describedby="progress-problem"><legend>How much progress');
    expect(page).toContain('<span class="field-problem" id="progress-problem">Error: Choose how much progress');
    expect(page).toContain('<input type="radio" id="progress" name="progress" value="1" required>');
    expect(page).toContain('id="recommend-9" name="recommend" value="9" required checked>');
    expect(page).toContain('id="item-goal-1-4" name="item-goal-1" value="4" checked>');
    expect(page).toContain('maxlength="1000">Prompting\nand patience</textarea>');
    expect(h1s(page)).toBe(1);
    expect(surveyProblems(new URLSearchParams({ progress: '4', recommend: '11' })).map((p) => p.field)).toEqual(['recommend']);
    expect(surveyProblems(new URLSearchParams({ progress: '4', recommend: '10' }))).toEqual([]);
  });

  it('says on the "No" page that NO ends the pairing, as the email does', () => {
    const fit = { prompt: 'Is your pairing with Bea a good fit? Only the program admins read your answer.' };
    const no = renderConfirmPage({ purpose: 'fit', choice: 'no', action: '/r/tok', context: fit });
    expect(text(no)).toContain(
      'If you confirm No, the pairing ends without blame on either of you: your partner is told only that the program is changing pairings, and both of you are offered a new partner.',
    );
    const waiting = renderConfirmPage({
      purpose: 'fit',
      choice: 'no',
      action: '/r/tok',
      context: fit,
      fitNoInstead: 'no new pairing starts, as the program has closed',
    });
    expect(text(waiting)).toContain('and no new pairing starts, as the program has closed.');
    for (const choice of ['yes', 'unsure']) expect(renderConfirmPage({ purpose: 'fit', choice, action: '/r/tok', context: fit })).not.toContain('pairing ends');
  });
});

describe('a request refused before any link is read (fault 6)', () => {
  it('is a page for a browser, JSON for anything else', () => {
    expect(wantsPage('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(true);
    expect(wantsPage('application/json')).toBe(false);
    expect(wantsPage(undefined)).toBe(false);
    const page = renderRequestProblemPage(403, 'The intake form can only be sent from its own page <here>.');
    expect(page).toMatch(/^<!doctype html><html lang="en-GB">/);
    expect(page).toContain('<h1>This form cannot be sent from here</h1><p>The intake form can only be sent from its own page &lt;here&gt;.</p>');
    expect(renderRequestProblemPage(404, 'x')).toContain('<h1>There is nothing at this address</h1>');
  });
});
