import { describe, expect, it } from 'vitest';
import { employeeIdElsewhereMessage, employeeIdHeldElsewhere, pairingsInOneLineAfterEnrolment } from '../../../functions/domain/enrolment-checks';
import { ConfirmationNotSent, enrol, EnrolmentConflict, type IntakePorts } from '../../../functions/domain/intake';
import type { Participant } from '../../../functions/domain/participant';
import type { RunningPairing } from '../../../functions/domain/participant-update';
import { programSchema } from '../../../functions/domain/program';
import { MAX_MESSAGE_CHARS } from '../../../functions/domain/validation';
import { intakeInput } from '../../fixtures/intake/participants';
import { participant } from '../pairing/simulate';

/** Mia mentors Sam; Mia's manager field names carla@, who is not enrolled. Noa mentors Lee, both elsewhere in the lines. */
function program() {
  const mia = participant('mentor', { participantId: 'pt_mia', email: 'mia@example.com', employeeId: 'E1', manager: { email: 'carla@example.com' } });
  const sam = participant('mentee', { participantId: 'pt_sam', email: 'sam@example.com', employeeId: 'E2', manager: { email: 'ceo@example.com' } });
  const noa = participant('mentor', { participantId: 'pt_noa', email: 'noa@example.com', employeeId: 'E3', manager: { email: 'noa-boss@example.com' } });
  const lee = participant('mentee', { participantId: 'pt_lee', email: 'lee@example.com', employeeId: 'E4', manager: { email: 'lee-boss@example.com' } });
  return { mia, sam, noa, lee, cohort: [mia, sam, noa, lee] };
}

const running: RunningPairing[] = [
  { pairingId: 'pr_one', mentorId: 'pt_mia', menteeId: 'pt_sam' },
  { pairingId: 'pr_two', mentorId: 'pt_noa', menteeId: 'pt_lee' },
];

const carla = (over: Partial<Participant> = {}) =>
  participant('mentor', {
    participantId: 'pt_carla',
    email: 'carla@example.com',
    employeeId: 'E9',
    status: 'enrolled',
    manager: { email: 'sam@example.com' },
    ...over,
  });

describe('a new enrolment that closes a reporting line between a running pair (QA events3)', () => {
  it('ends the pair whose mentee is now the manager of the mentor’s manager, as a manager change would', () => {
    const { cohort } = program();
    const newcomer = carla();
    expect(pairingsInOneLineAfterEnrolment({ enrolled: [newcomer], cohort: [...cohort, newcomer], running })).toEqual([
      { pairingId: 'pr_one', reason: 'reporting-line-changed' },
    ]);
  });

  it('counts the newcomer even when the cohort was read before their write showed, and when the line is given by employee id in another letter case', () => {
    const { cohort } = program();
    expect(pairingsInOneLineAfterEnrolment({ enrolled: [carla()], cohort, running })).toEqual([{ pairingId: 'pr_one', reason: 'reporting-line-changed' }]);
    const byId = carla({ manager: { employeeId: ' e2 ' } });
    expect(pairingsInOneLineAfterEnrolment({ enrolled: [byId], cohort, running })).toEqual([{ pairingId: 'pr_one', reason: 'reporting-line-changed' }]);
  });

  it('ends a pair the newcomer links through someone who left (still a link of the lines), and the newcomer’s line by address in another letter case', () => {
    const { cohort } = program();
    // Carla reports to Dan, who left and reported to Sam.
    const dan = participant('mentee', { participantId: 'pt_dan', email: 'dan@example.com', status: 'left', manager: { email: 'SAM@example.com' } });
    const newcomer = carla({ email: 'Carla@Example.com', manager: { email: 'dan@example.com' } });
    expect(pairingsInOneLineAfterEnrolment({ enrolled: [newcomer], cohort: [...cohort, dan], running })).toEqual([
      { pairingId: 'pr_one', reason: 'reporting-line-changed' },
    ]);
  });

  it('ends nothing when the newcomer joins no pair’s line, or no pairing runs', () => {
    const { cohort } = program();
    const elsewhere = carla({ manager: { email: 'noa-boss@example.com' } });
    expect(pairingsInOneLineAfterEnrolment({ enrolled: [elsewhere], cohort, running })).toEqual([]);
    expect(pairingsInOneLineAfterEnrolment({ enrolled: [carla()], cohort, running: [] })).toEqual([]);
    // An ended pairing is not running: asked again, the same data ends only what still runs.
    expect(pairingsInOneLineAfterEnrolment({ enrolled: [carla()], cohort, running: running.filter((r) => r.pairingId !== 'pr_one') })).toEqual([]);
  });

  it('checks every running pair of the program, for several newcomers at once (a CSV chunk)', () => {
    const { cohort } = program();
    // Bea reports to Lee and manages Noa's manager.
    const bea = participant('mentee', { participantId: 'pt_bea', email: 'noa-boss@example.com', manager: { email: 'lee@example.com' } });
    expect(pairingsInOneLineAfterEnrolment({ enrolled: [carla(), bea], cohort, running })).toEqual([
      { pairingId: 'pr_one', reason: 'reporting-line-changed' },
      { pairingId: 'pr_two', reason: 'reporting-line-changed' },
    ]);
  });
});

describe('the intake runs the after-enrolment step for everyone it enrolled, before the confirmation', () => {
  const pilot = programSchema.parse({ programId: 'pilot', name: 'Pilot', startDate: '2027-01-04', admins: ['hr@example.com'] });
  const stored = { participantId: 'pt_new', programId: 'pilot' } as unknown as Participant;
  function ports(created: boolean, confirm: IntakePorts['confirm'] = async () => undefined) {
    const calls: string[] = [];
    const p: IntakePorts = {
      getProgram: async () => pilot,
      enrolParticipant: async () => ({ participant: stored, created }),
      confirm: async (...args) => {
        calls.push('confirm');
        await confirm(...args);
      },
      afterEnrolment: async (who) => {
        calls.push(`after ${who.participantId}`);
      },
    };
    return { p, calls };
  }

  it('once for a new person, then the confirmation; for a repeat too (a retry after the step failed checks then)', async () => {
    const created = ports(true);
    await enrol(intakeInput(), created.p);
    expect(created.calls).toEqual(['after pt_new', 'confirm']);
    const repeat = ports(false);
    await enrol(intakeInput(), repeat.p);
    expect(repeat.calls).toEqual(['after pt_new', 'confirm']);
  });

  it('not for an intake it refused', async () => {
    const refused = ports(true);
    await expect(enrol(intakeInput({ email: 'not-an-address' }), refused.p)).rejects.toThrow(/email/);
    expect(refused.calls).toEqual([]);
  });

  it('also when the confirmation cannot be sent now (the retry finds a repeat)', async () => {
    const failing = ports(true, async () => {
      throw new Error('SES is down');
    });
    await expect(enrol(intakeInput(), failing.p)).rejects.toBeInstanceOf(ConfirmationNotSent);
    expect(failing.calls).toEqual(['after pt_new', 'confirm']);
  });
});

describe('an employee id held in another program under another address (QA attacker3)', () => {
  const intake = { programId: 'other', email: 'bob@example.com', employeeId: 'E1' };
  const ada = (over: Partial<Participant> = {}) =>
    participant('mentor', { participantId: 'pt_ada', programId: 'pilot', email: 'ada@example.com', employeeId: 'E1', status: 'paired', ...over });

  it('is refused while its holder takes part there, whatever their status short of gone, the id compared without letter case or spaces', () => {
    for (const status of ['enrolled', 'paired', 'waitlisted', 'withdrawn', 'completed', 'inactive'] as const) {
      expect(employeeIdHeldElsewhere(intake, [ada({ status })])?.participantId).toBe('pt_ada');
    }
    expect(employeeIdHeldElsewhere({ ...intake, employeeId: ' e1 ' }, [ada()])?.participantId).toBe('pt_ada');
  });

  it('is no conflict for the same address in any letter case (the same person joining another program)', () => {
    expect(employeeIdHeldElsewhere({ ...intake, email: ' ADA@example.com' }, [ada()])).toBeUndefined();
  });

  it('never blocks someone coming back: the holder left or was suppressed', () => {
    expect(employeeIdHeldElsewhere(intake, [ada({ status: 'left' })])).toBeUndefined();
    expect(employeeIdHeldElsewhere(intake, [ada({ status: 'suppressed' })])).toBeUndefined();
  });

  it('is never blocked by an erased enrolment, one of the same program (its own markers decide), or without an employee id', () => {
    const erased = { ...ada(), erasure: { erasureId: 'er_1', startedAt: '2027-01-01T00:00:00Z', enrolments: ['pt_ada'] } } as Participant;
    expect(employeeIdHeldElsewhere(intake, [erased])).toBeUndefined();
    expect(employeeIdHeldElsewhere(intake, [ada({ programId: 'other' })])).toBeUndefined();
    expect(employeeIdHeldElsewhere({ programId: 'other', email: 'bob@example.com' }, [ada()])).toBeUndefined();
    expect(employeeIdHeldElsewhere(intake, [])).toBeUndefined();
    // Another id altogether (a holder read by mistake) is no conflict.
    expect(employeeIdHeldElsewhere(intake, [ada({ employeeId: 'E2' })])).toBeUndefined();
  });

  it('finds the one who takes part among several holders', () => {
    const holders = [ada({ status: 'left' }), ada({ participantId: 'pt_ada2', programId: 'third', status: 'enrolled' })];
    expect(employeeIdHeldElsewhere(intake, holders)?.participantId).toBe('pt_ada2');
  });

  it('is refused as an EnrolmentConflict on employeeId whose message names the holder and says what to do', () => {
    const message = employeeIdElsewhereMessage({ programId: 'pilot', participantId: 'pt_ada' });
    expect(message).toMatch(/^is already enrolled in program "pilot" under another email: /);
    expect(message).toMatch(/If they moved address, send it first with PATCH \/participants\/pt_ada \(or a ParticipantUpdated event\)/);
    expect(message).toMatch(/else correct the employee id$/);
    expect(message).not.toMatch(/ada@example\.com/);
    // Whole in an HTTP answer (issues are clipped at 300 characters), even for a long program id.
    expect(employeeIdElsewhereMessage({ programId: 'p'.repeat(63), participantId: 'pt_aaaaaaaaaaaaaaaaaaaa' }).length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    const conflict = new EnrolmentConflict('other', 'pt_ada', 'employeeId', 'employee-id-elsewhere', undefined, 'pilot');
    expect(conflict.issues).toEqual([{ field: 'employeeId', message }]);
    expect(conflict.message).toBe(`employeeId ${message}.`);
  });
});
