import { describe, expect, it } from 'vitest';
import { inboundEvents } from '../../../functions/domain/events';
import type { Participant } from '../../../functions/domain/participant';
import {
  type ChangeEndsPorts,
  type ChangeFields,
  endsConfirmation,
  endsRefusal,
  loadChangeEnds,
  type PairingEnd,
  pairingsAChangeEnds,
  type ProgramPairing,
  type ReachedEnrolment,
} from '../../../functions/domain/update-ends';
import { participant } from '../pairing/simulate';

/**
 * QA: HR fixed a typo with `PATCH /participants/{id} {"department":"Engineering"}` and the person's
 * running pairing (one meeting held) ended as `department-changed` without a word of warning. Which
 * pairings a change ends is decided before anything is stored (domain/update-ends.ts): the PATCH
 * answers 409 naming them unless it says `?confirm=end-pairings`.
 */

// Program eng pairs people of different departments only: Mia (Design) mentors Sam (Finance).
const mia = participant('mentor', { participantId: 'pt_mia', programId: 'eng', email: 'mia@acme.com', department: 'Design' });
const sam = participant('mentee', { participantId: 'pt_sam', programId: 'eng', email: 'sam@acme.com', department: 'Finance' });
const pairing: ProgramPairing = { pairingId: 'pr_eng', mentorId: 'pt_mia', menteeId: 'pt_sam', status: 'active' };

function reached(who: Participant, fields: ChangeFields, overrides: Partial<ReachedEnrolment> = {}): ReachedEnrolment {
  return {
    participant: who,
    update: inboundEvents.ParticipantUpdated.parse({ participantId: who.participantId, ...fields }),
    cohort: [mia, sam],
    pairings: [pairing],
    rules: { notSameDepartment: true },
    ...overrides,
  };
}

const departmentEnd: PairingEnd = { pairingId: 'pr_eng', programId: 'eng', reason: 'department-changed' };

describe('pairingsAChangeEnds: the pairings a change would end, decided before it is stored', () => {
  it("names the pairing a new department puts in one department with the partner's, as one nobody has asked to end", () => {
    expect(pairingsAChangeEnds([reached(mia, { department: 'finance' })])).toEqual({ ends: [departmentEnd], unasked: [departmentEnd] });
  });

  it('ends nothing for a department the rules allow, a name, a pairing that has finished, or a program without the department rule', () => {
    expect(pairingsAChangeEnds([reached(mia, { department: 'Engineering' })]).ends).toEqual([]);
    expect(pairingsAChangeEnds([reached(mia, { name: 'Mia Moved' })]).ends).toEqual([]);
    expect(pairingsAChangeEnds([reached(mia, { department: 'Finance' }, { pairings: [{ ...pairing, status: 'ended' }] })]).ends).toEqual([]);
    expect(pairingsAChangeEnds([reached(mia, { department: 'Finance' }, { rules: { notSameDepartment: false } })]).ends).toEqual([]);
  });

  it('counts a pairing already asked to end (a repeat before it has, an admin END) among the ends, but not among those to confirm', () => {
    const asked = { ...pairing, controls: [{ kind: 'end' as const, requestedAt: '2027-03-01T10:00:00.000Z', reason: 'department-changed' }] };
    expect(pairingsAChangeEnds([reached(mia, { department: 'Finance' }, { pairings: [asked] })])).toEqual({ ends: [departmentEnd], unasked: [] });
    const leaving = { ...pairing, controls: [{ kind: 'left' as const, requestedAt: '2027-03-01T10:00:00.000Z', participantId: 'pt_sam' }] };
    expect(pairingsAChangeEnds([reached(mia, { department: 'Finance' }, { pairings: [leaving] })]).unasked).toEqual([]);
    // A pause waiting is no end.
    const pausing = { ...pairing, controls: [{ kind: 'pause' as const, requestedAt: '2027-03-01T10:00:00.000Z', until: '2027-04-01' }] };
    expect(pairingsAChangeEnds([reached(mia, { department: 'Finance' }, { pairings: [pausing] })]).unasked).toEqual([departmentEnd]);
  });

  it('names a new manager that puts the pair in one reporting line, and ends nothing for a change the update refuses', () => {
    const end = { pairingId: 'pr_eng', programId: 'eng', reason: 'reporting-line-changed' };
    expect(pairingsAChangeEnds([reached(sam, { manager: { email: 'MIA@acme.com' } })]).ends).toEqual([end]);
    // Sam as his own manager is refused with a 400: no pairing is named for it.
    expect(pairingsAChangeEnds([reached(sam, { manager: { email: 'sam@acme.com' }, department: 'Design' })])).toEqual({ ends: [], unasked: [] });
    // A new address that bounced, for someone still taking part, is refused too.
    const suppressed = reached(mia, { email: 'bounced@acme.com', department: 'Finance' }, { newAddressSuppression: { reason: 'bounce' } });
    expect(pairingsAChangeEnds([suppressed]).ends).toEqual([]);
  });

  it('keeps an event older than what set the department from ending anything (out of order, as the update keeps it)', () => {
    const stamped = { ...mia, fieldUpdatedAt: { department: '2027-03-02T00:00:00.000Z' } };
    expect(pairingsAChangeEnds([reached(stamped, { department: 'Finance' })], '2027-03-01T00:00:00.000Z').ends).toEqual([]);
    expect(pairingsAChangeEnds([reached(stamped, { department: 'Finance' })], '2027-03-03T00:00:00.000Z').ends).toEqual([departmentEnd]);
  });

  it("adds the ends in the person's other programs, each pairing once, the named enrolment's first", () => {
    const miaInSales = { ...mia, participantId: 'pt_mia_sales', programId: 'sales' };
    const lee = participant('mentee', { participantId: 'pt_lee', programId: 'sales', email: 'lee@acme.com', department: 'Finance' });
    const salesPairing: ProgramPairing = { pairingId: 'pr_sales', mentorId: 'pt_mia_sales', menteeId: 'pt_lee', status: 'introduced' };
    const elsewhere = reached(miaInSales, { department: 'Finance' }, { cohort: [miaInSales, lee], pairings: [salesPairing] });
    const named = reached(mia, { department: 'Finance', name: 'Mia M' });
    expect(pairingsAChangeEnds([named, elsewhere, named]).ends).toEqual([
      departmentEnd,
      { pairingId: 'pr_sales', programId: 'sales', reason: 'department-changed' },
    ]);
  });
});

describe('endsRefusal: the 409 of a PATCH that would end pairings nobody confirmed', () => {
  it('names how many pairings, which (ids and program), why, and how to go ahead, never the partner', () => {
    const refusal = endsRefusal({ ends: [departmentEnd], unasked: [departmentEnd] }, { department: 'Finance' }, false);
    expect(refusal).toEqual({
      message:
        "The change was not made: it would end a running pairing: pr_eng in program eng, as the two people of the pair would be in one department, which the program's rules do not allow. " +
        'Both people of that pairing would be told it has ended and offered a new partner. ' +
        'If the change is right and the pairing should end, send it again with ?confirm=end-pairings; ' +
        'if a value is wrong (a typo in the department or the manager), correct it and send it again.',
      issues: [
        {
          field: 'department',
          message:
            "would end running pairing pr_eng in program eng: the two people of the pair would be in one department, which the program's rules do not allow",
        },
      ],
      pairingsToEnd: [departmentEnd],
    });
    expect(JSON.stringify(refusal)).not.toMatch(/Sam|Mia|@acme/);
  });

  it('counts several, each with its own reason on the field that ends it (a new address can join a reporting line)', () => {
    const line: PairingEnd = { pairingId: 'pr_sales', programId: 'sales', reason: 'reporting-line-changed' };
    const both = { ends: [departmentEnd, line], unasked: [departmentEnd, line] };
    const refusal = endsRefusal(both, { department: 'Finance', email: 'mia.new@acme.com' }, false)!;
    expect(refusal.message).toMatch(
      /^The change was not made: it would end 2 running pairings: pr_eng in program eng, as .*; pr_sales in program sales, as .* reporting line/,
    );
    expect(refusal.message).toContain('If the change is right and they should end, send it again with ?confirm=end-pairings');
    expect(refusal.issues.map((i) => i.field)).toEqual(['department', 'email']);
    expect(endsRefusal(both, { manager: { email: 'x@acme.com' }, email: 'mia.new@acme.com' }, false)!.issues[1]!.field).toBe('manager');
  });

  it('names three pairings in the message at most, and every one in the issues and pairingsToEnd', () => {
    const many: PairingEnd[] = ['pr_1', 'pr_2', 'pr_3', 'pr_4', 'pr_5'].map((pairingId) => ({ pairingId, programId: 'eng', reason: 'department-changed' }));
    const refusal = endsRefusal({ ends: many, unasked: many }, { department: 'Finance' }, false)!;
    expect(refusal.message).toMatch(
      /^The change was not made: it would end 5 running pairings: pr_1 .*; pr_2 .*; pr_3 .*; and 2 more, each in pairingsToEnd\. /,
    );
    expect(refusal.message).not.toMatch(/pr_4|pr_5/);
    expect(refusal.issues).toHaveLength(5);
    expect(refusal.pairingsToEnd).toEqual(many);
  });

  it('lets the change through once confirmed, or when every pairing it ends is ending already, or ends none', () => {
    expect(endsRefusal({ ends: [departmentEnd], unasked: [departmentEnd] }, { department: 'Finance' }, true)).toBeUndefined();
    expect(endsRefusal({ ends: [departmentEnd], unasked: [] }, { department: 'Finance' }, false)).toBeUndefined();
    expect(endsRefusal({ ends: [], unasked: [] }, { department: 'Finance' }, false)).toBeUndefined();
  });
});

describe('endsConfirmation: ?confirm=end-pairings', () => {
  it('reads the confirmation, its absence, and refuses any other value, naming the one it takes', () => {
    expect(endsConfirmation(undefined)).toEqual({ confirmed: false });
    expect(endsConfirmation({ format: 'json' })).toEqual({ confirmed: false });
    expect(endsConfirmation({ confirm: 'end-pairings' })).toEqual({ confirmed: true });
    expect(endsConfirmation({ confirm: 'yes' })).toEqual({
      issue: { field: 'confirm', message: 'must be end-pairings' },
      message:
        '"yes" is not a confirmation crossgen knows: send ?confirm=end-pairings to go ahead with a change that ends running pairings, or leave confirm out.',
    });
  });
});

describe('loadChangeEnds: reads what the update reads, for every enrolment it reaches', () => {
  const miaInSales = { ...mia, participantId: 'pt_mia_sales', programId: 'sales' };
  const lee = participant('mentee', { participantId: 'pt_lee', programId: 'sales', email: 'lee@acme.com', department: 'Finance' });
  const erasedInHr = { ...mia, participantId: 'pt_mia_hr', programId: 'hr', erasure: { erasedAt: '2027-01-01T00:00:00Z' } } as unknown as Participant;
  const people: Record<string, Participant[]> = { eng: [mia, sam], sales: [miaInSales, lee], hr: [erasedInHr] };
  const pairings: Record<string, ProgramPairing[]> = {
    eng: [pairing],
    sales: [{ pairingId: 'pr_sales', mentorId: 'pt_mia_sales', menteeId: 'pt_lee', status: 'active' }],
    hr: [],
  };
  function ports(reads: string[] = []): ChangeEndsPorts {
    return {
      getProgram: async (programId) => {
        reads.push(`program ${programId}`);
        return { matching: { rules: { notSameDepartment: true } } };
      },
      getParticipantIn: async (programId, participantId) => people[programId]!.find((p) => p.participantId === participantId),
      listParticipants: async (programId) => people[programId]!,
      listPairings: async (programId) => pairings[programId]!,
      enrolmentsOfSamePerson: async () => [mia, miaInSales, erasedInHr],
      reportingLinesElsewhere: async () => {
        reads.push('lines');
        return [];
      },
      addressSuppression: async () => undefined,
    };
  }

  it("carries a new department to the person's other programs, not to an erased enrolment, and names every pairing it ends", async () => {
    const reads: string[] = [];
    const ends = await loadChangeEnds(mia, [], { department: 'Finance' }, '2027-03-01T00:00:00.000Z', ports(reads));
    expect(ends.ends).toEqual([departmentEnd, { pairingId: 'pr_sales', programId: 'sales', reason: 'department-changed' }]);
    expect(reads).toEqual(['program eng', 'program sales']);
  });

  it('reads nothing for a change that cannot end a pairing, and reads the lines elsewhere for a new manager', async () => {
    const reads: string[] = [];
    expect(await loadChangeEnds(mia, [], { name: 'Mia M', timeZone: 'Europe/Paris' }, undefined, ports(reads))).toEqual({ ends: [], unasked: [] });
    expect(reads).toEqual([]);
    const line = await loadChangeEnds(sam, [], { manager: { email: 'mia@acme.com' } }, undefined, ports(reads));
    expect(line.unasked).toEqual([{ pairingId: 'pr_eng', programId: 'eng', reason: 'reporting-line-changed' }]);
    expect(reads).toContain('lines');
  });

  it('ends nothing when the named participant is gone meanwhile (the update answers that)', async () => {
    const gone = { ...mia, participantId: 'pt_gone' };
    expect(await loadChangeEnds(gone, [], { department: 'Finance' }, undefined, { ...ports(), enrolmentsOfSamePerson: async () => [gone] })).toEqual({
      ends: [],
      unasked: [],
    });
  });
});
