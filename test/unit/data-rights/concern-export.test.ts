import { describe, expect, it } from 'vitest';
import { addressDigest } from '../../../functions/domain/concerns';
import { participantExport } from '../../../functions/domain/participant-export';
import type { Participant } from '../../../functions/domain/participant';

const me = {
  participantId: 'pt_me',
  programId: 'q3',
  role: 'mentee',
  name: 'Sam Senior',
  email: 'sam@example.com',
  status: 'paired',
} as unknown as Participant;

describe('participant export: concerns and the fit check stay private to whoever said them', () => {
  const out = participantExport(
    'pt_me',
    [
      {
        participant: me,
        waitlist: [],
        concerns: [{ concernId: 'cn_mine', participantId: 'pt_me', text: 'my concern', state: 'open', adminsNotifiedAt: '2027-02-02T09:00:00Z' }],
        pairings: [
          {
            pairing: { pairingId: 'pr_1', programId: 'q3', mentorId: 'pt_partner', menteeId: 'pt_me', status: 'ended', concerns: [{ concernId: 'cn_x' }] },
            checkIns: [],
            reviews: [],
            audit: [
              { at: '2027-02-01T09:00:00Z', kind: 'check-in-held' },
              { at: '2027-02-03T09:00:00Z', kind: 'concern-escalated', detail: { concernId: 'cn_partner' } },
              { at: '2027-02-04T09:00:00Z', kind: 'fit-check', detail: { mentor: 'no', mentee: 'yes' } },
              { at: '2027-02-04T09:00:00Z', kind: 'ended', detail: { reason: 'not-a-fit' } },
            ],
            fitChecks: [{ round: 'round-002', at: '2027-02-04T09:00:00Z', mentor: { answer: 'no', note: 'partner says no' }, mentee: { answer: 'yes' } }],
          },
        ],
      },
    ],
    new Date('2027-03-01T00:00:00Z'),
  );
  const enrolment = out.enrolments[0]!;
  const pairing = enrolment.pairings[0]!;

  it('exports their own fit answer and their own concern cases, without bookkeeping', () => {
    expect(pairing.fitChecks).toEqual([{ round: 'round-002', at: '2027-02-04T09:00:00Z', answer: { answer: 'yes' } }]);
    expect(enrolment.concerns).toEqual([{ concernId: 'cn_mine', participantId: 'pt_me', text: 'my concern', state: 'open' }]);
  });

  it("never shows the partner's fit answer, nor that a concern was raised", () => {
    expect(pairing.audit.map((l) => l.kind)).toEqual(['check-in-held', 'ended']);
    const text = JSON.stringify(out);
    expect(text).not.toContain('partner says no');
    expect(text).not.toContain('cn_partner');
    expect(text).not.toContain('cn_x');
  });
});

describe('participant export: whom a concern case is kept from is never shown (QA safe7)', () => {
  // Mo's case is kept from his partner Zoe (an admin): hashing her known address would find her digest.
  const digest = addressDigest('zoe.junior@example.com');
  const concerns = [
    { concernId: 'cn_mine', participantId: 'pt_me', text: 'my concern', state: 'open', keptFromDigests: [digest] },
    // A case of an erased person, as the tombstone's export reads it.
    { concernId: 'cn_erased', participantId: 'pt_me', state: 'resolved', erased: true, keptFromDigests: [digest] },
  ];
  for (const audience of ['participant', 'admin'] as const) {
    it(`leaves keptFromDigests out of the ${audience}'s copy`, () => {
      const out = participantExport('pt_me', [{ participant: me, waitlist: [], concerns, pairings: [] }], new Date('2027-03-01T00:00:00Z'), audience);
      expect(out.enrolments[0]!.concerns.map((c) => c.concernId)).toEqual(['cn_mine', 'cn_erased']);
      expect(JSON.stringify(out)).not.toContain(digest);
      expect(JSON.stringify(out)).not.toContain('keptFromDigests');
    });
  }
});
