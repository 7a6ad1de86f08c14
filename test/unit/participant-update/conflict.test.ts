import { describe, expect, it } from 'vitest';
import { inboundEvents } from '../../../functions/domain/events';
import { enrolChunk, importEntries } from '../../../functions/domain/import-job';
import { differingAnswers, EnrolmentConflict, type IntakePorts } from '../../../functions/domain/intake';
import { parseIntakeCsv } from '../../../functions/domain/intake-csv';
import { decideParticipantUpdate } from '../../../functions/domain/participant-update';
import { givesCurrentAnswers, participantIntakeSchema, type Participant, type ParticipantIntake } from '../../../functions/domain/participant';
import { programSchema } from '../../../functions/domain/program';
import { csvFile, csvRow } from '../../fixtures/intake/csv-rows';
import { intakeInput } from '../../fixtures/intake/participants';

// QA: enrolling someone again with other answers was refused with "different answers" and a remedy
// (PATCH) that refused those answers; the refusal now names the answers that differ, by name only.
const stored: Participant = {
  ...participantIntakeSchema.parse(intakeInput({ jobTitle: 'Analyst', manager: { email: 'boss@example.com' }, goals: 'A private goal' })),
  participantId: 'pt_ada',
  status: 'enrolled',
  createdAt: '2027-01-01T00:00:00Z',
  updatedAt: '2027-01-01T00:00:00Z',
  version: 1,
};
const again = (over: Parameters<typeof intakeInput>[0]) =>
  participantIntakeSchema.parse(intakeInput({ jobTitle: 'Analyst', manager: { email: 'boss@example.com' }, goals: 'A private goal', ...over }));

/** Applies the fields a conflict names, as PATCH /participants/{id} would (null for one the enrolment leaves out). */
function patchWith(intake: ParticipantIntake, fields: readonly string[]): Participant {
  const detail = Object.fromEntries(fields.map((f) => [f, (intake as Record<string, unknown>)[f] ?? null]));
  const update = inboundEvents.ParticipantUpdated.parse({ participantId: stored.participantId, ...detail });
  const d = decideParticipantUpdate({ participant: stored, update, cohort: [stored], running: [], rules: { notSameDepartment: false } });
  if (!d.ok) throw new Error(JSON.stringify(d.issues));
  return d.participant;
}

describe('a repeated enrolment with other answers', () => {
  it('names the answers that differ, never their values, and sends them with PATCH', () => {
    const intake = again({ jobTitle: 'Head of AI', topicsOffered: ['ai-tools', 'social-media'], goals: 'A new private goal', department: 'Finance' });
    const conflict = EnrolmentConflict.differentAnswers(intake, 'pt_ada', stored);
    expect(conflict.issues).toEqual([
      {
        field: 'email',
        message:
          'is already enrolled in program "pilot" (as participant pt_ada, compared without letter case) with different answers in jobTitle, topicsOffered and goals; ' +
          'to change them, send them with PATCH /participants/pt_ada (or a ParticipantUpdated event)',
      },
    ]);
    expect(conflict.message).not.toContain('private goal');
    expect(conflict.message).not.toContain('Head of AI');
  });

  it('is a repeat once the named answers are sent with PATCH: the remedy works', () => {
    for (const intake of [
      again({ jobTitle: 'Head of AI', topicsOffered: ['social-media'], goals: 'Another goal', interests: ['chess'], location: 'Leeds' }),
      again({ topicsWanted: ['leadership', 'strategy'], meetingPreference: 'video', communicationStyle: 'casual', name: 'Ada King' }),
      // Left out of the enrolment: the job title and the manager are removed with null.
      again({ jobTitle: undefined, manager: undefined }),
    ]) {
      expect(givesCurrentAnswers(intake, stored)).toBe(false);
      const { differing } = differingAnswers(intake, stored);
      expect(differing.length).toBeGreaterThan(0);
      expect(givesCurrentAnswers(intake, patchWith(intake, differing))).toBe(true);
    }
  });

  it('says to send null for an answer the enrolment leaves out, and that the role, the employee id and the consent cannot change', () => {
    const leftOut = EnrolmentConflict.differentAnswers(again({ jobTitle: undefined }), 'pt_ada', stored);
    expect(leftOut.message).toMatch(
      /with different answers in jobTitle; to change it, send it with PATCH \/participants\/pt_ada \(or a ParticipantUpdated event\), jobTitle as null\.$/,
    );
    const fixed = EnrolmentConflict.differentAnswers(
      again({ role: 'mentee', employeeId: 'E9', consent: { dataProcessing: true, shareProgressWithManager: true }, goals: 'Other' }),
      'pt_ada',
      stored,
    );
    expect(fixed.message).toContain('with different answers in employeeId, role, goals and consent; ');
    expect(fixed.message).toMatch(
      /; to change goals, send it with PATCH \/participants\/pt_ada \(or a ParticipantUpdated event\); employeeId, role and consent cannot be changed once enrolled\.$/,
    );
  });

  it('compares as a repeat does: the address without letter case and text in NFC are no difference', () => {
    expect(differingAnswers(again({ email: 'ADA@example.com' }), stored).differing).toEqual([]);
    const nfd = { ...stored, name: 'José Núñez'.normalize('NFD') };
    expect(differingAnswers(again({ name: 'José Núñez' }), nfd).differing).toEqual([]);
  });

  it('keeps the old words when the stored record could not be read', () => {
    expect(EnrolmentConflict.differentAnswers(again({}), 'pt_ada', undefined).message).toMatch(
      /with different answers; to change the enrolment, send the new answers with PATCH \/participants\/pt_ada/,
    );
  });
});

describe('a CSV row naming the person an earlier row enrolled, with other answers', () => {
  const pilot = programSchema.parse({ programId: 'pilot', name: 'Pilot', startDate: '2027-01-04', admins: ['hr@example.com'] });
  it('names the answers it differs in, and what to send with PATCH', async () => {
    const people = new Map<string, Participant>();
    const ports: IntakePorts = {
      getProgram: async () => pilot,
      enrolParticipant: async (intake) => {
        const found = people.get(intake.email.toLowerCase());
        if (found && !givesCurrentAnswers(intake, found)) throw EnrolmentConflict.differentAnswers(intake, found.participantId, found);
        const participant = found ?? { ...intake, participantId: `pt_${people.size + 1}`, status: 'enrolled', createdAt: '', updatedAt: '', version: 1 };
        people.set(intake.email.toLowerCase(), participant as Participant);
        return { participant: participant as Participant, created: !found };
      },
      confirm: async () => undefined,
    };
    const file = csvFile([csvRow(5, { goals: 'First answers' }), csvRow(5, { goals: 'Second answers' })]);
    const rows = await enrolChunk(importEntries(parseIntakeCsv(file, 'pilot')), pilot, ports);
    expect(rows[1]!.issues).toEqual([
      {
        column: 'email',
        message:
          "has the same email as line 2, compared without letter case, with other answers: line 2's answers were kept (participant pt_1). " +
          'This row differs in goals: to change it, send it with PATCH /participants/pt_1 (or a ParticipantUpdated event)',
      },
    ]);
  });

  it('lists several answers as a sentence does, with "and" before the last (QA: "differs in name, employeeId, topicsOffered, availability")', async () => {
    const people = new Map<string, Participant>();
    const ports: IntakePorts = {
      getProgram: async () => pilot,
      enrolParticipant: async (intake) => {
        const found = people.get(intake.email.toLowerCase());
        if (found && !givesCurrentAnswers(intake, found)) throw EnrolmentConflict.differentAnswers(intake, found.participantId, found);
        const participant = found ?? { ...intake, participantId: `pt_${people.size + 1}`, status: 'enrolled', createdAt: '', updatedAt: '', version: 1 };
        people.set(intake.email.toLowerCase(), participant as Participant);
        return { participant: participant as Participant, created: !found };
      },
      confirm: async () => undefined,
    };
    const file = csvFile([csvRow(5), csvRow(5, { name: 'Person Five', topicsOffered: 'ai-tools', availability: 'tue 09:00-11:00' })]);
    const rows = await enrolChunk(importEntries(parseIntakeCsv(file, 'pilot')), pilot, ports);
    expect(rows[1]!.issues?.[0]?.message).toContain('This row differs in name, topicsOffered and availability: ');
  });
});
