import { describe, expect, it } from 'vitest';
import { clarificationRequest, participantAudience, standingAddressHelp } from '../../../functions/domain/emails';

const at = (status: string | undefined) => ({ status });
/** Mia's (pt_mia, the mentor) pairing pr_1 at its introduction, with the answers in so far. */
const introduction = (answers: Record<string, unknown> = {}) => ({
  pairingId: 'pr_1',
  status: 'introduced',
  mentorId: 'pt_mia',
  round: { kind: 'acceptance', answers },
});

describe("a participant's footer follows their pairings", () => {
  it('offers PAUSE while a pairing runs, NO with a date while one waits for YES or NO, STOP alone otherwise', () => {
    expect(participantAudience('pt_mia', [at('ended'), at('active')])).toBe('participant');
    expect(participantAudience('pt_mia', [at('paused')])).toBe('participant');
    expect(participantAudience('pt_mia', [introduction(), at('not-started')], 'pr_1')).toBe('introduced');
    expect(participantAudience('pt_mia', [{ ...at('proposed'), pairingId: 'pr_1' }], 'pr_1')).toBe('introduced');
    expect(participantAudience('pt_mia', [at('completed'), at(undefined)])).toBe('waiting');
    expect(participantAudience('pt_mia', [])).toBe('waiting');
  });

  it('offers NO with a date as a reply only on the introduction question; elsewhere names the introduction email; never after an answer', () => {
    // The standing address (no question of the pairing asked here) takes no YES or NO.
    expect(participantAudience('pt_mia', [introduction()])).toBe('introduced-elsewhere');
    expect(participantAudience('pt_mia', [introduction()], 'pr_other')).toBe('introduced-elsewhere');
    // Mia said YES; her partner's answer is still out.
    const saidYes = introduction({ mentor: { intent: 'yes', at: '2026-06-15T08:00:00Z' } });
    expect(participantAudience('pt_mia', [saidYes], 'pr_1')).toBe('introduced-answered');
    expect(participantAudience('pt_mia', [saidYes])).toBe('introduced-answered');
    // Sam, the mentee of the same pairing, has not answered.
    expect(participantAudience('pt_sam', [saidYes], 'pr_1')).toBe('introduced');
    expect(participantAudience('pt_sam', [saidYes])).toBe('introduced-elsewhere');
  });

  it('words each introduction footer for where its reply goes', () => {
    const footer = (reader: 'introduced' | 'introduced-elsewhere' | 'introduced-answered') =>
      standingAddressHelp({
        to: { name: 'Mia Mentor', timeZone: 'Europe/London' },
        program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
        reader,
      })
        .text.split('\n-- \n')
        .at(-1)!
        .replace(/\s+/g, ' ');
    expect(footer('introduced')).toMatch(/Reply NO with the date you are back/);
    expect(footer('introduced-elsewhere')).toMatch(/Reply NO to your introduction email, with the date you are back/);
    expect(footer('introduced-elsewhere')).not.toMatch(/Reply NO with the date/);
    expect(footer('introduced-answered')).not.toMatch(/\bNO\b/);
    for (const reader of ['introduced', 'introduced-elsewhere', 'introduced-answered'] as const) {
      expect(footer(reader)).toMatch(/Reply STOP/);
      expect(footer(reader)).toMatch(/Reply REMATCH/);
      expect(footer(reader)).not.toMatch(/Reply PAUSE/);
    }
  });

  it('renders the footer for that reader', () => {
    const email = (reader: 'participant' | 'introduced' | 'waiting') =>
      clarificationRequest({
        to: { name: 'Sam Senior', timeZone: 'Europe/London' },
        program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
        reader,
        quotedReply: 'maybe',
        understood: 'nothing that reads as yes or no',
        prompt: 'Would you like to go ahead?',
        replyExamples: ['YES', 'NO'],
        answerLinks: [],
      }).text;
    expect(email('participant')).toMatch(/Reply PAUSE/);
    expect(email('introduced')).not.toMatch(/Reply PAUSE/);
    expect(email('introduced')).toMatch(/Reply NO with the date you are back/);
    expect(email('waiting')).not.toMatch(/Reply PAUSE|Reply REMATCH/);
    expect(email('waiting')).toMatch(/Reply STOP/);
  });
});
