import { describe, expect, it } from 'vitest';
import { inboundEvents } from '../../../functions/domain/events';
import type { ReportingLink } from '../../../functions/domain/matching/reporting-chain';
import type { Participant } from '../../../functions/domain/participant';
import { decideParticipantUpdate, inOneReportingLine, type RunningPairing } from '../../../functions/domain/participant-update';
import { participant } from '../pairing/simulate';

/**
 * QA: a new manager held only in another program, whose record there names the participant's
 * partner, puts the pair in one reporting line as matching sees it (docs/matching.md, QA
 * matching3): the running pairing ends as `reporting-line-changed`.
 */

// Program eng: Sam mentors Priya. Omar is enrolled only in sales, where his manager is Priya.
const sam = participant('mentor', { participantId: 'pt_sam', email: 'sam.jones@acme.com', employeeId: 'E-SAM', manager: { email: 'old.boss@acme.com' } });
const priya = participant('mentee', { participantId: 'pt_priya', email: 'priya@acme.com', employeeId: 'E-PRIYA' });
const running: RunningPairing[] = [{ pairingId: 'pr_eng', mentorId: 'pt_sam', menteeId: 'pt_priya' }];
const omarInSales: ReportingLink = { email: 'omar.haddad@acme.com', manager: { email: 'priya@acme.com' } };

function decide(who: Participant, detail: Record<string, unknown>, linesElsewhere?: readonly ReportingLink[], cohort = [sam, priya]) {
  const update = inboundEvents.ParticipantUpdated.parse({ participantId: who.participantId, ...detail });
  const d = decideParticipantUpdate({
    participant: who,
    update,
    cohort,
    running,
    rules: { notSameDepartment: false },
    ...(linesElsewhere ? { linesElsewhere } : {}),
  });
  if (!d.ok) throw new Error('rejected');
  return d;
}

describe('a manager change re-checks reporting lines through managers held only in other programs', () => {
  it("ends the pairing whose mentee is now the mentor's manager's manager through a manager enrolled elsewhere (case 1)", () => {
    const d = decide(sam, { manager: { email: 'Omar.Haddad@acme.com' } }, [omarInSales]);
    expect(d.end).toEqual([{ pairingId: 'pr_eng', reason: 'reporting-line-changed' }]);
  });

  it('meets the partner by employee id too, and follows the line more than one level up', () => {
    const byId: ReportingLink = { email: 'omar.haddad@acme.com', manager: { email: 'lina@acme.com' } };
    const lina: ReportingLink = { email: 'lina@acme.com', employeeId: 'L-1', manager: { employeeId: 'e-priya' } };
    expect(decide(sam, { manager: { email: 'omar.haddad@acme.com' } }, [byId, lina]).end).toEqual([{ pairingId: 'pr_eng', reason: 'reporting-line-changed' }]);
  });

  it('ends it again when the change repeats (a retry, or the change already stored)', () => {
    const stored = { ...sam, manager: { email: 'Omar.Haddad@acme.com' } };
    expect(decide(stored, { manager: { email: 'Omar.Haddad@acme.com' } }, [omarInSales], [stored, priya]).end).toEqual([
      { pairingId: 'pr_eng', reason: 'reporting-line-changed' },
    ]);
  });

  it('ends nothing when the line elsewhere leads past the pair, or when nothing elsewhere is known', () => {
    const elsewhere: ReportingLink = { email: 'omar.haddad@acme.com', manager: { email: 'someone.else@acme.com' } };
    expect(decide(sam, { manager: { email: 'omar.haddad@acme.com' } }, [elsewhere]).end).toEqual([]);
    expect(decide(sam, { manager: { email: 'omar.haddad@acme.com' } }).end).toEqual([]);
  });

  it('inOneReportingLine reads the lines elsewhere as matching does', () => {
    const ben = participant('mentor', { participantId: 'pt_ben', email: 'ben@acme.com', manager: { email: 'greta.n@acme.com' } });
    const harriet = participant('mentee', { participantId: 'pt_harriet', email: 'hr.lead@acme.com' });
    const pairs: RunningPairing[] = [{ pairingId: 'pr_ben', mentorId: 'pt_ben', menteeId: 'pt_harriet' }];
    const greta: ReportingLink = { email: 'greta.n@acme.com', manager: { email: 'hr.lead@acme.com' } };
    expect(inOneReportingLine([ben, harriet], pairs, [greta])).toEqual([{ pairingId: 'pr_ben', reason: 'reporting-line-changed' }]);
    expect(inOneReportingLine([ben, harriet], pairs)).toEqual([]);
  });
});
