import { describe, expect, it } from 'vitest';
import { inboundEvents } from '../../../functions/domain/events';
import {
  decideParticipantUpdate,
  formerEmailsAfter,
  formerNamesAfter,
  type RunningPairing,
  type UpdateInput,
} from '../../../functions/domain/participant-update';
import type { Participant } from '../../../functions/domain/participant';
import { describeIssues, toFieldIssues } from '../../../functions/domain/validation';
import { participant } from '../pairing/simulate';

/** A small program: two running pairs, everyone with a manager outside the program. */
function cohort() {
  const mentor = participant('mentor', { participantId: 'pt_mentor', email: 'mia@example.com', employeeId: 'E1', department: 'Marketing' });
  const mentee = participant('mentee', { participantId: 'pt_mentee', email: 'sam@example.com', employeeId: 'E2', department: 'Finance' });
  const mentor2 = participant('mentor', { participantId: 'pt_mentor2', email: 'noa@example.com', employeeId: 'E3', department: 'Sales' });
  const mentee2 = participant('mentee', {
    participantId: 'pt_mentee2',
    email: 'lee@example.com',
    employeeId: 'E4',
    department: 'Legal',
    manager: { email: 'ana@example.com' },
  });
  // Ana is enrolled too (waitlisted): she manages mentee2.
  const ana = participant('mentee', { participantId: 'pt_ana', email: 'ana@example.com', employeeId: 'E5', department: 'Legal', status: 'waitlisted' });
  return { mentor, mentee, mentor2, mentee2, ana, all: [mentor, mentee, mentor2, mentee2, ana] };
}

const running: RunningPairing[] = [
  { pairingId: 'pr_one', mentorId: 'pt_mentor', menteeId: 'pt_mentee' },
  { pairingId: 'pr_two', mentorId: 'pt_mentor2', menteeId: 'pt_mentee2' },
];

function decide(who: Participant, detail: Record<string, unknown>, opts: Partial<UpdateInput> = {}) {
  const update = inboundEvents.ParticipantUpdated.parse({ participantId: who.participantId, ...detail });
  return decideParticipantUpdate({ participant: who, update, cohort: cohort().all, running, rules: { notSameDepartment: false }, ...opts });
}

function accepted(d: ReturnType<typeof decide>) {
  if (!d.ok) throw new Error(`rejected: ${describeIssues(d.issues)}`);
  return d;
}

describe('ParticipantUpdated: a new manager re-checks reporting lines', () => {
  it('ends the pair whose mentee now reports to the mentor, by email or by employee id in any letter case', () => {
    const { mentee } = cohort();
    for (const manager of [{ email: 'MIA@example.com' }, { employeeId: 'E1' }, { employeeId: 'e1' }]) {
      const d = accepted(decide(mentee, { manager }));
      expect(d.changes).toEqual({ manager });
      expect(d.participant.manager).toEqual(manager);
      expect(d.end).toEqual([{ pairingId: 'pr_one', reason: 'reporting-line-changed' }]);
    }
  });

  it("ends another pair when a third person's new manager joins the two in one line", () => {
    // Ana manages mentee2; she now reports to mentor2, who is then above mentee2.
    const { ana } = cohort();
    const d = accepted(decide(ana, { manager: { email: 'noa@example.com' } }));
    expect(d.end).toEqual([{ pairingId: 'pr_two', reason: 'reporting-line-changed' }]);
  });

  it("ends a pair when a new address is the one another person's manager field names (QA events3)", () => {
    // mentee2's manager is ana@; Ana is enrolled under another address and reports to mentor2.
    const { ana } = cohort();
    const anaElsewhere = { ...ana, email: 'ana.old@example.com', manager: { email: 'noa@example.com' } };
    const all = cohort().all.map((p) => (p.participantId === 'pt_ana' ? anaElsewhere : p));
    const d = accepted(decide(anaElsewhere, { email: 'ana@example.com' }, { cohort: all }));
    expect(d.end).toEqual([{ pairingId: 'pr_two', reason: 'reporting-line-changed' }]);
    // Under her old address she links nobody: the same cohort ends nothing.
    expect(accepted(decide(anaElsewhere, { name: 'Ana B' }, { cohort: all })).end).toEqual([]);
  });

  it('keeps pairs whose members stay in separate lines (peers under one manager are fine)', () => {
    const { mentee, mentor } = cohort();
    const d = accepted(decide(mentee, { manager: mentor.manager }));
    expect(d.changes).toEqual({ manager: mentor.manager });
    expect(d.end).toEqual([]);
  });

  it('removes the manager on null and ends nothing', () => {
    const { mentee } = cohort();
    const d = accepted(decide(mentee, { manager: null }));
    expect(d.changes).toEqual({ manager: null });
    expect(d.participant.manager).toBeUndefined();
    expect(d.end).toEqual([]);
  });

  it('decides the same ends when the event comes again after the change was stored (retries)', () => {
    const { mentee } = cohort();
    const stored = { ...mentee, manager: { email: 'mia@example.com' }, version: 2 };
    const d = accepted(
      decide(stored, { manager: { email: 'mia@example.com' } }, { cohort: cohort().all.map((p) => (p.participantId === 'pt_mentee' ? stored : p)) }),
    );
    expect(d.changes).toEqual({});
    expect(d.end).toEqual([{ pairingId: 'pr_one', reason: 'reporting-line-changed' }]);
  });

  it('refuses a person as their own manager, naming the field', () => {
    const { mentee } = cohort();
    const byEmail = decide(mentee, { manager: { email: 'Sam@Example.com' } });
    expect(byEmail.ok).toBe(false);
    expect(!byEmail.ok && describeIssues(byEmail.issues)).toMatch(/^manager\.email is the participant's own email: a person cannot be their own manager/);
    const byId = decide(mentee, { manager: { employeeId: 'e2' } });
    expect(!byId.ok && byId.issues.map((i) => i.field)).toEqual(['manager.employeeId']);
  });
});

describe('ParticipantUpdated: a new department and the department rule', () => {
  it("ends the participant's pair when the program pairs different departments only and both are now in one", () => {
    const { mentee } = cohort();
    const d = accepted(decide(mentee, { department: '  marketing ' }, { rules: { notSameDepartment: true } }));
    expect(d.changes).toEqual({ department: 'marketing' });
    expect(d.end).toEqual([{ pairingId: 'pr_one', reason: 'department-changed' }]);
  });

  it('ends nothing when the rule is off or the departments still differ', () => {
    const { mentee } = cohort();
    expect(accepted(decide(mentee, { department: 'Marketing' })).end).toEqual([]);
    const other = accepted(decide(mentee, { department: 'Strategy' }, { rules: { notSameDepartment: true } }));
    expect(other.changes).toEqual({ department: 'Strategy' });
    expect(other.end).toEqual([]);
  });

  it('names one reason once when a change breaks both rules', () => {
    const { mentee } = cohort();
    const d = accepted(decide(mentee, { department: 'Marketing', manager: { employeeId: 'E1' } }, { rules: { notSameDepartment: true } }));
    expect(d.end).toEqual([{ pairingId: 'pr_one', reason: 'reporting-line-changed' }]);
  });
});

describe('ParticipantUpdated: name, time zone, languages and availability', () => {
  it('stores what differs and ends nothing: emails read the participant fresh', () => {
    const { mentor } = cohort();
    const d = accepted(
      decide(mentor, {
        name: 'Mia Newname',
        timeZone: 'Asia/Singapore',
        languages: ['en', 'pt-BR'],
        availability: [{ day: 'tue', start: '08:00', end: '10:00' }],
        department: mentor.department,
      }),
    );
    expect(d.changes).toEqual({
      name: 'Mia Newname',
      timeZone: 'Asia/Singapore',
      languages: ['en', 'pt-br'],
      availability: [{ day: 'tue', start: '08:00', end: '10:00' }],
    });
    expect(d.participant).toMatchObject({ ...d.changes, email: mentor.email, version: mentor.version });
    expect(d.end).toEqual([]);
  });
});

describe('ParticipantUpdated: events out of order', () => {
  it('an older event does not undo what a later one set, and still applies the fields nobody set since', () => {
    const { mentee } = cohort();
    const newer = accepted(decide(mentee, { name: 'Ola Newer', timeZone: 'Europe/Oslo' }, { at: '2027-03-04T10:00:00.000Z' }));
    expect(newer.fieldUpdatedAt).toEqual({ name: '2027-03-04T10:00:00.000Z', timeZone: '2027-03-04T10:00:00.000Z' });
    const older = accepted(
      decide(newer.participant, { name: 'Ola Older', timeZone: 'America/New_York', department: 'Strategy' }, { at: '2027-03-01T10:00:00.000Z' }),
    );
    expect(older.stale).toEqual(['name', 'timeZone']);
    expect(older.changes).toEqual({ department: 'Strategy' });
    expect(older.participant).toMatchObject({ name: 'Ola Newer', timeZone: 'Europe/Oslo', department: 'Strategy' });
    expect(older.fieldUpdatedAt).toMatchObject({ name: '2027-03-04T10:00:00.000Z', department: '2027-03-01T10:00:00.000Z' });
  });

  it('a stale manager change ends no pairing; the same event again changes nothing', () => {
    const { mentee } = cohort();
    const later = accepted(decide(mentee, { manager: { email: 'boss@example.com' } }, { at: '2027-03-04T10:00:00.000Z' })).participant;
    const stale = accepted(decide(later, { manager: { email: 'MIA@example.com' } }, { at: '2027-03-01T10:00:00.000Z' }));
    expect(stale.end).toEqual([]);
    expect(stale.changes).toEqual({});
    const again = accepted(decide(later, { manager: { email: 'boss@example.com' } }, { at: '2027-03-04T10:00:00.000Z' }));
    expect(again.changes).toEqual({});
    expect(again.fieldUpdatedAt).toBeUndefined();
  });
});

describe('ParticipantUpdated: a new address', () => {
  it('is a change; the same address in other letters is not', () => {
    const { mentor } = cohort();
    expect(accepted(decide(mentor, { email: 'mia.new@example.com' })).changes).toEqual({ email: 'mia.new@example.com' });
    expect(accepted(decide(mentor, { email: 'MIA@Example.com' })).changes).toEqual({});
  });
});

describe('ParticipantUpdated: a rename', () => {
  it('keeps the names it replaces, each once, for an erasure to find', () => {
    const p = { name: 'Zoe Erasable', formerNames: undefined } as unknown as Participant;
    expect(formerNamesAfter(p, { name: 'Zoe Married' })).toEqual({ formerNames: ['Zoe Erasable'] });
    const renamed = { name: 'Zoe Married', formerNames: ['Zoe Erasable'] } as unknown as Participant;
    expect(formerNamesAfter(renamed, { name: 'Zoe Erasable' })).toEqual({ formerNames: ['Zoe Married'] });
    expect(formerNamesAfter(renamed, {})).toEqual({});
    expect(formerNamesAfter(renamed, { name: 'Zoe Married' })).toEqual({});
  });
});

describe('ParticipantUpdated: the addresses a move leaves behind', () => {
  it('keeps the addresses it replaces, each once and whatever their letter case, for an erasure to find (QA privacy3)', () => {
    const p = { email: 'ximena@example.com' } as unknown as Participant;
    expect(formerEmailsAfter(p, { email: 'x.new@example.com' })).toEqual({ formerEmails: ['ximena@example.com'] });
    const moved = { email: 'x.new@example.com', formerEmails: ['ximena@example.com'] } as unknown as Participant;
    expect(formerEmailsAfter(moved, { email: 'XIMENA@example.com' })).toEqual({ formerEmails: ['x.new@example.com'] });
    expect(formerEmailsAfter(moved, {})).toEqual({});
    expect(formerEmailsAfter(moved, { email: 'X.New@Example.com' })).toEqual({});
  });
});

describe('ParticipantUpdated: the event schema', () => {
  const reasons = (detail: Record<string, unknown>) => {
    const r = inboundEvents.ParticipantUpdated.safeParse(detail);
    return r.success ? 'accepted' : describeIssues(toFieldIssues(r.error));
  };

  it('validates every field as the intake does and names each problem', () => {
    expect(reasons({ participantId: 'pt_1', timeZone: 'Atlantis/Capital' })).toBe('timeZone must be an IANA time zone such as "Europe/Berlin"');
    expect(reasons({ participantId: 'pt_1', name: 'Sam\nSenior' })).toBe('name must be on one line: remove the line break');
    expect(reasons({ participantId: 'pt_1', languages: ['en', 'EN'] })).toBe('languages lists "en" twice');
    expect(reasons({ participantId: 'pt_1', languages: [] })).toBe('languages must list at least one language');
    expect(reasons({ participantId: 'pt_1', availability: [{ day: 'mon', start: '10:00', end: '09:00' }] })).toBe(
      'availability.0.end must end after it starts',
    );
    expect(reasons({ participantId: 'pt_1', manager: {} })).toBe('manager needs an email or an employee id so reporting lines are known');
    expect(reasons({ participantId: 'pt_1', department: 'Sales', emial: 'new@example.com' })).toBe('emial is not a known field');
    expect(reasons({ participantId: 'pt_1', email: 'not-an-address' })).toMatch(/^email /);
  });

  it('refuses an update that changes nothing', () => {
    expect(reasons({ participantId: 'pt_1' })).toMatch(/must change at least one of name, email, department, manager, timeZone, languages, availability/);
    expect(reasons({ participantId: 'pt_1', department: 'Sales' })).toBe('accepted');
  });
});
