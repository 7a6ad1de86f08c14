import { describe, expect, it } from 'vitest';
import { enrolChunk, importEntries } from '../../../functions/domain/import-job';
import { enrol, IntakeRejected, issuesOf, validateIntake, type IntakePorts } from '../../../functions/domain/intake';
import { parseIntakeCsv } from '../../../functions/domain/intake-csv';
import type { Participant } from '../../../functions/domain/participant';
import { programSchema } from '../../../functions/domain/program';
import { csvFile, csvRow } from '../../fixtures/intake/csv-rows';
import { intakeInput } from '../../fixtures/intake/participants';

/**
 * QA hrfirst5, bug 2: a row refused for one problem hid its other problems (topic labels instead of
 * ids, languages as words) until HR had fixed the first and imported again. Every entry point (CSV
 * row, POST /participants, the HRIS ParticipantEnrolled event) goes through validateIntake/enrol.
 */

const pilot = programSchema.parse({ programId: 'pilot', name: 'Pilot', startDate: '2027-01-04', admins: ['hr@example.com'] });

const fields = (input: unknown) => issuesOf(() => validateIntake(input, pilot)).map((i) => i.field);

describe('an intake is told every problem at once', () => {
  it("names the unknown topics of a row whose consent is missing too (Grace's row: consent and topic labels)", () => {
    const grace = intakeInput({ topicsWanted: ['Inclusive communication', 'Leadership'], consent: { shareProgressWithManager: true } as never });
    const issues = issuesOf(() => validateIntake(grace, pilot));
    expect(issues.map((i) => i.field)).toEqual(['consent.dataProcessing', 'topicsWanted.0', 'topicsWanted.1']);
    expect(issues[2]!.message).toMatch(/^"Leadership" is not a topic of this program \(known: .*leadership/);
  });

  it('names the unknown topics of a row whose languages are words (Oliver\'s row: "English" and topic labels)', () => {
    const oliver = intakeInput({ topicsOffered: ['Hybrid work', 'digital-fluency'], languages: ['English'] });
    expect(fields(oliver)).toEqual(['languages.0', 'topicsOffered.0']);
  });

  it('checks each topic that is an id on its own, whatever else is wrong with the list or the row', () => {
    // An empty item has its own issue; a list that is not a list is told only that.
    expect(fields(intakeInput({ name: '', topicsWanted: ['', 'Strategy', 'leadership'] }))).toEqual(['name', 'topicsWanted.0', 'topicsWanted.1']);
    expect(fields(intakeInput({ name: '', topicsWanted: 'Strategy' as never }))).toEqual(['name', 'topicsWanted']);
  });

  it('reports the checks that compare fields alongside problems of other fields', () => {
    const issues = issuesOf(() =>
      validateIntake(intakeInput({ role: 'mentee', capacity: 2, languages: ['en', 'EN'], timeZone: 'London', consent: undefined as never }), pilot),
    );
    expect(issues).toEqual([
      { field: 'timeZone', message: expect.stringMatching(/IANA time zone/) },
      { field: 'consent', message: 'is required' },
      { field: 'capacity', message: expect.stringMatching(/must be 1 for a mentee/) },
      { field: 'languages', message: 'lists "en" twice' },
    ]);
  });

  it('compares fields only once each is valid on its own: a start of "9:00" is not also told to end after it starts', () => {
    expect(issuesOf(() => validateIntake(intakeInput({ availability: [{ day: 'mon', start: '9:00', end: '11:00' }] }), pilot))).toEqual([
      { field: 'availability.0.start', message: 'must be a time of day as HH:MM (24-hour)' },
    ]);
    expect(fields(intakeInput({ availability: [{ day: 'mon', start: '11:00', end: '09:00' }] }))).toEqual(['availability.0.end']);
  });

  it('names a closed program together with the problems of the row', () => {
    const closed = programSchema.parse({ ...pilot, endDate: '2027-02-01' });
    const issues = issuesOf(() => validateIntake(intakeInput({ topicsWanted: ['Leadership'], goals: '' }), closed, new Date('2027-03-01T12:00:00Z')));
    expect(issues.map((i) => i.field)).toEqual(['programId', 'goals', 'topicsWanted.0']);
  });

  it('POST /participants and the ParticipantEnrolled event (enrol) refuse with every problem, storing nothing', async () => {
    let stored = 0;
    const ports: IntakePorts = {
      getProgram: async () => pilot,
      enrolParticipant: async () => {
        stored++;
        return { participant: {} as Participant, created: true };
      },
      confirm: async () => undefined,
    };
    const error = await enrol(intakeInput({ topicsWanted: ['Leadership'], consent: { shareProgressWithManager: true } as never }), ports).catch((e) => e);
    expect(error).toBeInstanceOf(IntakeRejected);
    expect((error as IntakeRejected).issues.map((i) => i.field)).toEqual(['consent.dataProcessing', 'topicsWanted.0']);
    expect(stored).toBe(0);
  });

  it('a CSV row refused for an empty consent cell names its topic labels in the same import', async () => {
    const ports: IntakePorts = {
      getProgram: async () => pilot,
      enrolParticipant: async () => ({ participant: { participantId: 'pt_1', status: 'enrolled' } as unknown as Participant, created: true }),
      confirm: async () => undefined,
    };
    const csv = csvFile([
      csvRow(1, { name: 'Grace Lee', topicsWanted: 'Inclusive communication;Leadership', consentDataProcessing: '' }),
      // A cell that cannot be read at all (capacity "two") is reported with the rest too.
      csvRow(2, { topicsWanted: 'Strategy', languages: 'English', capacity: 'two' }),
    ]);
    const [grace, second] = await enrolChunk(importEntries(parseIntakeCsv(csv, 'pilot')), pilot, ports);
    expect(grace).toMatchObject({ line: 2, status: 'refused' });
    expect(grace!.issues).toEqual([
      { column: 'consentDataProcessing', message: expect.stringMatching(/^is empty, but must be yes/) },
      { column: 'topicsWanted', message: expect.stringMatching(/^item 1 "Inclusive communication" is not a topic of this program/) },
      { column: 'topicsWanted', message: expect.stringMatching(/^item 2 "Leadership" is not a topic of this program/) },
    ]);
    expect(second!.issues!.map((i) => i.column)).toEqual(['capacity', 'languages', 'topicsWanted']);
  });
});
