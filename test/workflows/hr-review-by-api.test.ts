import { describe, expect, inject, it } from 'vitest';
import { run as exportCommand } from '../../local/commands/export';
import { intakeInput } from '../fixtures/intake/participants';
import { call } from './api-gateway';
import { lifecycleHarness } from './harness';
import { cohortProgram, startMatching } from './matching-cohort';

/**
 * HR on the HTTP API, on the local cloud: an employee id the program holds under another email is
 * refused with HR's own route (PATCH /participants/{id}) first, and following it works; an id that
 * can never be a participant's is a 400 naming `id` on every participant route, as on erase (not a
 * 404 "there is no participant"); a matching proposal names its people, beside their ids.
 */

type ApiError = { error: string; issues: { field: string; message: string }[] };
type Pair = { pairingId: string; mentorId: string; menteeId: string; mentorName?: string; menteeName?: string };
type Run = { status: string; pairs: Pair[]; unmatched: { participantId: string; code: string; name?: string }[] };

const cloud = inject('cloud');

describe('HR reviewing and correcting through the API', () => {
  it('a second email for an employee id in the program is refused naming PATCH /participants/{id}, and that route settles it', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const employeeId = `E-${h.tag}`;
    const enrolment = { programId, role: 'mentor' as const, email: `ada-${h.tag}@example.com`, employeeId };
    const ada = await h.enrol(enrolment);
    const moved = `ada.lovelace-${h.tag}@example.com`;
    const again = await call<ApiError>('POST', '/participants', intakeInput({ ...enrolment, email: moved, employeeId: employeeId.toLowerCase() }));
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(again.body.issues).toEqual([
      {
        field: 'employeeId',
        message:
          'is already enrolled in this program under another email, compared without letter case: one employee id is one person. ' +
          `If their email changed, send the new one with PATCH /participants/${ada.participantId} (or a ParticipantUpdated event); else correct the employee id`,
      },
    ]);
    // Doing what it says: the address moves, and the same enrolment under it is then a repeat of that person.
    expect((await call('PATCH', `/participants/${ada.participantId}`, { email: moved })).status).toBe(200);
    const repeat = await call('POST', '/participants', intakeInput({ ...enrolment, email: moved }));
    expect(repeat.status, JSON.stringify(repeat.body)).toBe(200);
    expect(repeat.body.participantId).toBe(ada.participantId);
  });

  it('answers 400 naming `id` for a malformed participant id on every participant route, 404 only for a well-formed one naming nobody', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/participants/not-an-id/export'],
      ['GET', '/participants/not-an-id'],
      ['PATCH', '/participants/not-an-id', { name: 'Nobody' }],
      ['POST', '/participants/not-an-id/erase'],
    ];
    for (const [method, path, body] of routes) {
      const res = await call<ApiError>(method, path, body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.issues).toEqual([{ field: 'id', message: 'is not a valid id' }]);
      expect(res.body.error).toMatch(/^"not-an-id" is not a participant id: a participant id is "pt_" and 20 lowercase letters and digits 2 to 7/);
    }
    const nobody = `pt_${'a'.repeat(20)}`;
    expect((await call('GET', `/participants/${nobody}/export`)).status).toBe(404);
    expect((await call('PATCH', `/participants/${nobody}`, { name: 'Nobody' })).status).toBe(404);
    const err: string[] = [];
    expect(await exportCommand(['--participant', 'not-an-id', '--url', cloud.baseUrl], { stdout: () => undefined, stderr: (s) => err.push(s) })).toBe(1);
    expect(err.join('')).toMatch(/refused \(400\): "not-an-id" is not a participant id/);
  });

  it('names each pair’s mentor and mentee and each person left unmatched, in the proposal and in a review change’s answer', async () => {
    const h = lifecycleHarness();
    const { programId, people } = await cohortProgram(h, ['ana', 'xena']);
    const { ana, xena } = people;
    const started = await startMatching(programId);
    await h.idle();
    const proposal = await call<Run>('GET', started.proposal);
    expect(proposal.status).toBe(200);
    expect(proposal.body.pairs).toEqual([
      expect.objectContaining({ mentorId: ana.participantId, mentorName: 'Ana Mentor', menteeId: xena.participantId, menteeName: 'Xena Senior' }),
    ]);
    // A name HR changed since the run is read as it is now.
    expect((await call('PATCH', `/participants/${xena.participantId}`, { name: 'Xena Senior-Okafor' })).status).toBe(200);
    const [pair] = proposal.body.pairs;
    const rejected = await call<Run>('POST', `${started.proposal}/pairs/${pair!.pairingId}/reject`);
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const waiting = [
      { participantId: ana.participantId, code: 'rejected-in-review', name: 'Ana Mentor' },
      { participantId: xena.participantId, code: 'rejected-in-review', name: 'Xena Senior-Okafor' },
    ];
    expect(rejected.body.unmatched).toEqual(expect.arrayContaining(waiting.map((w) => expect.objectContaining(w))));
    expect((await call<Run>('GET', started.proposal)).body.unmatched).toEqual(expect.arrayContaining(waiting.map((w) => expect.objectContaining(w))));
  });
});
