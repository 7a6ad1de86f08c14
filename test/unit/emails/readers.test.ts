import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { TEMPLATE_NAMES } from '../../../functions/domain/emails';
import { allProblems, deployedRoutes, replyInstructions, type Delivery } from './reader-checks';
import { READERS_OF, SAMPLES } from './reader-samples';

/**
 * Every template the product can send, to every reader it can reach (mentor, mentee, admin,
 * manager), read as that reader: their own voice, names instead of ids, a reply address that
 * reads every "reply X" as promised, counts that agree, no phrase said twice, links that exist.
 */

const routes = deployedRoutes();
// Templates are discovered from the module: every name the mailer can tag, exported under that name.
const exported = Object.entries(emails)
  .filter(([name, value]) => typeof value === 'function' && (TEMPLATE_NAMES as readonly string[]).includes(name))
  .map(([name]) => name);

describe('the reader walk covers every template', () => {
  it('finds every template exported under its own name', () => {
    expect(exported.sort()).toEqual([...TEMPLATE_NAMES].sort());
    expect(routes.length).toBeGreaterThan(5);
  });

  it.each([...TEMPLATE_NAMES])('%s has sample inputs for each reader it reaches', (name) => {
    const build = SAMPLES[name];
    const readers = READERS_OF[name];
    expect(build, `${name} has no sample input: add its deliveries to test/unit/emails/reader-samples.ts`).toBeDefined();
    expect(readers, `${name} does not say which readers it reaches: add it to READERS_OF in reader-samples.ts`).toBeDefined();
    const deliveries = build!();
    expect(deliveries.every((d) => d.email.template === name)).toBe(true);
    expect([...new Set(deliveries.map((d) => d.reader))].sort()).toEqual([...readers!].sort());
  });
});

const deliveries: [string, Delivery][] = Object.values(SAMPLES).flatMap((build) => build!().map((d) => [d.label, d] as [string, Delivery]));

describe('each reader reads an email written for them', () => {
  it.each(deliveries)('%s', (_label, d) => {
    expect(allProblems(d, routes)).toEqual([]);
  });
});

describe('the checks catch what they look for', () => {
  const intro = SAMPLES.introduction!().find((d) => d.reader === 'mentor')!;
  const withText = (d: Delivery, text: string, more: Partial<Delivery> = {}): Delivery => ({ ...d, ...more, email: { ...d.email, text } });

  it("a mentor's introduction in the mentee's voice", () => {
    const text = intro.email.text.replace(
      /You can help Ingrid with AI tools, which Ingrid ranked first/,
      'Ingrid can help with AI tools, which you ranked first',
    );
    expect(allProblems(withText(intro, text), routes).join('\n')).toMatch(/ranked a topic Aiko never asked for|offers a topic Ingrid does not offer/);
  });

  it('the reader named in the third person, and an admin email in a participant voice', () => {
    expect(allProblems(withText(intro, `${intro.email.text}\nAiko Tanaka can help.`), routes).join('\n')).toMatch(/names the reader/);
    const admin = SAMPLES.adminEscalation!()[0]!;
    expect(allProblems(withText(admin, `${admin.email.text}\nYour partner can help you with AI tools.`), routes).join('\n')).toMatch(/speaks to a participant/);
  });

  it('ids where names are known', () => {
    expect(allProblems(withText(intro, `${intro.email.text}\nMentor pt_8f2kq7m3x9v1c4: accepted. Matching for cohort pilot.`), routes).join('\n')).toMatch(
      /id \("pt_8f2kq7m3x9v1c4"\)[\s\S]*"cohort pilot"/,
    );
  });

  it('a reply instruction without an address, or with one that reads it otherwise', () => {
    const thanks = SAMPLES.checkInThanks!()[0]!;
    expect(allProblems({ ...thanks, replyPurpose: undefined }, routes).join('\n')).toMatch(/asks for a reply, but the email has no reply address/);
    expect(allProblems({ ...thanks, replyPurpose: 'admin-decision' }, routes).join('\n')).toMatch(/promises that STOP means leaving the program/);
    expect(allProblems(withText(thanks, `${thanks.email.text}\nReply to this email if you change your mind.`), routes).join('\n')).toMatch(
      /asks for a written reply, but its standing address takes only commands/,
    );
    // REMATCH is a command the standing address takes; one it does not take is flagged.
    expect(allProblems(withText(thanks, `${thanks.email.text}\nReply REMATCH for a new partner.`), routes)).toEqual([]);
    expect(allProblems(withText(thanks, `${thanks.email.text}\nReply LATER to be asked again next week.`), routes).join('\n')).toMatch(/LATER/);
  });

  it('CONCERN on participant addresses only, NOT SURE on the fit check only', () => {
    const thanks = SAMPLES.checkInThanks!()[0]!;
    const concern = `${thanks.email.text}\nReply CONCERN and what is on your mind.`;
    expect(allProblems(withText(thanks, concern), routes)).toEqual([]);
    expect(allProblems(withText(thanks, concern, { replyPurpose: 'approval' }), routes).join('\n')).toMatch(/asks for CONCERN, which a approval address/);
    const fit = SAMPLES.fitCheckRequest!()[0]!;
    expect(allProblems(fit, routes)).toEqual([]);
    expect(allProblems({ ...fit, replyPurpose: 'acceptance' }, routes).join('\n')).toMatch(/asks for NOT SURE, which a acceptance address does not take/);
  });

  it('a reply sent to the introduction email is read as its address reads it, not as this one', () => {
    const thanks = SAMPLES.checkInThanks!()[0]!;
    const toIntro = (line: string) => allProblems(withText(thanks, `${thanks.email.text}\n${line}`), routes).join('\n');
    expect(toIntro('Once your introduction email arrives, reply NO to it with the date you are back.')).toBe('');
    expect(toIntro('Reply YES to the introduction to begin.')).toBe('');
    // The standing address takes no YES; nor does the introduction's take NOT SURE.
    expect(toIntro('Reply YES to begin.')).toMatch(/asks for YES, which a standing address does not take/);
    expect(toIntro('Reply NOT SURE to your introduction email.')).toMatch(/asks for NOT SURE, which a acceptance address does not take/);
  });

  it('goals and ratings per topic are read only with the ask the sender stores', () => {
    const goals = SAMPLES.goalsConfirmed!()[0]!;
    // An email that asks for goals at an address whose question did not ask for them.
    const asking = withText(goals, `${goals.email.text}\nReply YES, with your goals under GOALS:.`, { replyPurpose: 'acceptance' });
    expect(allProblems(asking, routes).join('\n')).toMatch(/promises that GOALS means goals for the pairing/);
    expect(allProblems({ ...asking, replyContext: { ask: { goals: true } } }, routes)).toEqual([]);
  });

  it('counts that disagree, repeated phrases and links to nowhere', () => {
    const bad = [
      'The 1 meeting you had together are recorded.',
      'Write to the program team, the program admin, at once.',
      'See GET /pairings/{pairingId}/timeline on the admin API, or use the console.',
      'We had 2 meeting.',
    ].join('\n\n');
    const problems = allProblems(withText(intro, `${intro.email.text}\n\n${bad}`), routes).join('\n');
    expect(problems).toMatch(/"1 meeting you had together are" does not agree/);
    expect(problems).toMatch(/names the program admin twice/);
    expect(problems).toMatch(/GET \/pairings\/\{pairingId\}\/timeline, which the API does not have/);
    expect(problems).toMatch(/console/);
    expect(problems).toMatch(/"2 meeting" does not agree/);
  });

  it('reads the reply instructions of a sentence, with their examples', () => {
    expect(replyInstructions('Need a break? Reply PAUSE, with the date (for example "PAUSE until 1 March").')).toEqual([
      { sentence: 'Reply PAUSE, with the date (for example "PAUSE until 1 March").', words: ['PAUSE', 'PAUSE'], examples: ['PAUSE until 1 March'] },
    ]);
  });
});
