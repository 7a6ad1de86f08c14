import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';
import { answeredChanges, closingNote, pastEndDateIssue } from '../../../functions/domain/program-end';
import { programClosed } from '../../../functions/domain/rematch-policy';

/**
 * A program's end date (docs/admin-api.md, Changing a program). QA hr7: a PATCH with a typo,
 * `"endDate": "2027-01-10"` on 2027-01-15, was saved as a change for "new-pairings-only", and the
 * next run told everyone waiting that the program had closed, for good.
 */

const running = programSchema.parse({
  ...DEFAULT_PROGRAM_INPUT,
  programId: 'rm-2027',
  startDate: '2026-10-05',
  endDate: '2027-06-30',
  timeZone: 'Europe/Berlin',
});
// 10:00 in Berlin on 15 January.
const now = new Date('2027-01-15T09:00:00Z');

describe('pastEndDateIssue', () => {
  it('refuses a new end date before today, saying what endDate is and how to close the program now', () => {
    const issue = pastEndDateIssue(running, { endDate: '2027-01-10' }, now);
    expect(issue).toEqual({ field: 'endDate', message: expect.stringContaining('must not be before today (2027-01-15 in Europe/Berlin)') });
    expect(issue?.message).toContain("set today's date: it closes when tomorrow begins");
    // Bounded issues keep 300 characters: the advice must not be cut, even with a long zone name.
    const far = pastEndDateIssue(running, { endDate: '2027-01-10', timeZone: 'America/Argentina/ComodRivadavia' }, now);
    expect(far?.message.length).toBeLessThanOrEqual(300);
  });

  it('accepts today and later, and removing the end date', () => {
    expect(pastEndDateIssue(running, { endDate: '2027-01-15' }, now)).toBeUndefined();
    expect(pastEndDateIssue(running, { endDate: '2027-03-31' }, now)).toBeUndefined();
    expect(pastEndDateIssue(running, { endDate: null }, now)).toBeUndefined();
    expect(pastEndDateIssue(running, { name: 'Renamed' }, now)).toBeUndefined();
  });

  it('never refuses the end date the program already has: a program that ended, read and sent back whole', () => {
    const ended = programSchema.parse({ ...running, endDate: '2026-12-31' });
    expect(pastEndDateIssue(ended, { ...ended, name: 'Pilot 2026' }, now)).toBeUndefined();
    // Another day in the past is still a typo.
    expect(pastEndDateIssue(ended, { endDate: '2026-12-30' }, now)).toMatchObject({ field: 'endDate' });
  });

  it("counts today in the program's time zone, the one the change gives it when it names one", () => {
    // 23:30 UTC on 14 January is already the 15th in Berlin, still the 14th in New York.
    const late = new Date('2027-01-14T23:30:00Z');
    expect(pastEndDateIssue(running, { endDate: '2027-01-14' }, late)).toMatchObject({ message: expect.stringContaining('(2027-01-15 in Europe/Berlin)') });
    expect(pastEndDateIssue(running, { endDate: '2027-01-14', timeZone: 'America/New_York' }, late)).toBeUndefined();
    // null puts UTC back; a zone that is not one keeps the program's.
    expect(pastEndDateIssue(running, { endDate: '2027-01-14', timeZone: null }, late)).toBeUndefined();
    expect(pastEndDateIssue(running, { endDate: '2027-01-14', timeZone: 'Mars/Olympus' }, late)).toMatchObject({ field: 'endDate' });
  });

  it('checks a new program too, in UTC unless it names a zone', () => {
    expect(pastEndDateIssue(undefined, { ...DEFAULT_PROGRAM_INPUT, endDate: '2027-01-14' }, now)).toMatchObject({ field: 'endDate' });
    expect(pastEndDateIssue(undefined, { endDate: '2027-01-14', timeZone: 'UTC' }, now)?.message).toContain('(2027-01-15 in UTC)');
  });

  it('leaves a date that is not one to the schema', () => {
    expect(pastEndDateIssue(running, { endDate: '2020-02-30' }, now)).toBeUndefined();
    expect(pastEndDateIssue(running, { endDate: 20200101 }, now)).toBeUndefined();
  });
});

describe('closingNote', () => {
  it('says an end date of today closes the program when tomorrow begins, as programClosed has it', () => {
    const today = { ...running, endDate: '2027-01-15' };
    expect(programClosed(today, now)).toBe(false);
    expect(programClosed(today, new Date('2027-01-15T23:00:00Z'))).toBe(true);
    expect(closingNote(today, now)).toMatch(/^today \(2027-01-15 in Europe\/Berlin\) is the program's last day: it closes when tomorrow begins\./);
    expect(closingNote(today, now)).toContain('tells everyone still waiting that no partner was found and takes them off the waitlist');
    expect(closingNote(running, now)).toBeUndefined();
    expect(closingNote({ ...running, endDate: undefined }, now)).toBeUndefined();
  });

  it("adds the note to the end date's change only", () => {
    const changes = [
      { field: 'endDate', appliesTo: 'new-pairings-only' as const },
      { field: 'name', appliesTo: 'running-pairings-from-next-step' as const },
    ];
    const answered = answeredChanges(changes, { ...running, endDate: '2027-01-15' }, now);
    expect(answered[0]).toEqual({ field: 'endDate', appliesTo: 'new-pairings-only', note: expect.stringContaining('closes when tomorrow begins') });
    expect(answered[1]).toEqual(changes[1]);
    expect(answeredChanges(changes, running, now)).toEqual(changes);
  });
});
