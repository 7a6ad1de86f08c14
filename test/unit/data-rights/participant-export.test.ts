import { describe, expect, it } from 'vitest';
import { participantExport } from '../../../functions/domain/participant-export';
import type { Participant } from '../../../functions/domain/participant';

const me = {
  participantId: 'pt_me',
  programId: 'q3',
  role: 'mentee',
  name: 'Sam Senior',
  email: 'sam@example.com',
  intakeDigest: 'abc',
  status: 'paired',
} as unknown as Participant;

describe('participant export', () => {
  it('keeps their side of each check-in, their own reviews, the partner by id, and not the intake digest', () => {
    const out = participantExport(
      'pt_me',
      [
        {
          participant: me,
          waitlist: [],
          pairings: [
            {
              pairing: { pairingId: 'pr_1', programId: 'q3', mentorId: 'pt_partner', menteeId: 'pt_me', status: 'active', checkInsHeld: 1, version: 4 },
              checkIns: [
                {
                  number: 1,
                  at: '2027-02-01T09:00:00Z',
                  met: true,
                  mentor: { answered: true, rating: 2, note: 'partner note' },
                  mentee: { answered: true, rating: 5, note: 'my note' },
                },
              ],
              reviews: [
                { participantId: 'pt_me', label: 'Day 30', progress: 4 },
                { participantId: 'pt_partner', label: 'Day 30', progress: 1, note: 'partner review' },
              ],
              audit: [{ at: '2027-02-01T09:00:00Z', kind: 'check-in-held' }],
            },
          ],
        },
      ],
      new Date('2027-03-01T00:00:00Z'),
    );
    expect(out.enrolments[0]!.profile).toEqual({
      participantId: 'pt_me',
      programId: 'q3',
      role: 'mentee',
      name: 'Sam Senior',
      email: 'sam@example.com',
      status: 'paired',
    });
    const pairing = out.enrolments[0]!.pairings[0]!;
    expect(pairing).toMatchObject({
      pairingId: 'pr_1',
      role: 'mentee',
      partnerId: 'pt_partner',
      pairing: { pairingId: 'pr_1', status: 'active', checkInsHeld: 1 },
    });
    expect(pairing.pairing).not.toHaveProperty('mentorId');
    expect(pairing.checkIns).toEqual([{ number: 1, at: '2027-02-01T09:00:00Z', met: true, answer: { answered: true, rating: 5, note: 'my note' } }]);
    expect(pairing.reviews).toEqual([{ participantId: 'pt_me', label: 'Day 30', progress: 4 }]);
    expect(JSON.stringify(out)).not.toMatch(/partner note|partner review/);
    expect(pairing.openQuestion).toBeNull();
  });

  it("leaves their KEEP/CHANGE feedback out of an admin's download, saying so, and keeps it in their own copy (QA finale)", () => {
    const enrolments = [
      {
        participant: me,
        waitlist: [],
        pairings: [
          {
            pairing: { pairingId: 'pr_1', programId: 'q3', mentorId: 'pt_partner', menteeId: 'pt_me', status: 'completed' },
            checkIns: [],
            reviews: [{ participantId: 'pt_me', label: 'Final review', progress: 4 }],
            feedback: [
              { participantId: 'pt_me', keep: 'the monthly rhythm', change: 'fewer emails' },
              { participantId: 'pt_partner', keep: 'partner keep' },
            ],
            audit: [],
          },
        ],
      },
    ];
    const now = new Date('2027-03-01T00:00:00Z');
    const admin = participantExport('pt_me', enrolments, now, 'admin');
    expect(admin.enrolments[0]!.pairings[0]!.reviews).toEqual([{ participantId: 'pt_me', label: 'Final review', progress: 4 }]);
    expect(JSON.stringify(admin)).not.toMatch(/monthly rhythm|fewer emails/);
    expect(admin.withheld?.[0]).toMatch(/^Program feedback \(the KEEP and CHANGE answers of the end-of-program review\).*reply DATA/);
    const own = participantExport('pt_me', enrolments, now);
    expect(JSON.stringify(own.enrolments[0]!.pairings[0]!.reviews)).toContain('the monthly rhythm');
    expect(own).not.toHaveProperty('withheld');
    // Nothing held back: an admin's download says nothing of it.
    expect(JSON.stringify(own)).not.toContain('partner keep');
    const without = [{ ...enrolments[0]!, pairings: [{ ...enrolments[0]!.pairings[0]!, feedback: [enrolments[0]!.pairings[0]!.feedback[1]!] }] }];
    expect(participantExport('pt_me', without, now, 'admin')).not.toHaveProperty('withheld');
  });

  it("never shows what the partner said privately: a decline's note, who ended it and why, the admins' trade-offs", () => {
    const out = participantExport(
      'pt_me',
      [
        {
          participant: me,
          waitlist: [],
          pairings: [
            {
              pairing: {
                pairingId: 'pr_1',
                programId: 'q3',
                mentorId: 'pt_partner',
                menteeId: 'pt_me',
                status: 'not-started',
                statusReason: 'declined: NO honestly I find my partner arrogant',
                tradeOffs: ["Sam Senior's best possible score was 43 with another mentor"],
              },
              checkIns: [],
              reviews: [],
              audit: [
                { at: '2027-02-01T09:00:00Z', kind: 'not-started', detail: { note: 'NO honestly I find my partner arrogant', side: 'mentor' } },
                { at: '2027-02-02T09:00:00Z', kind: 'ended', detail: { reason: 'participant-rematch' } },
              ],
            },
          ],
        },
      ],
      new Date('2027-03-01T00:00:00Z'),
    );
    const pairing = out.enrolments[0]!.pairings[0]!;
    expect(pairing.pairing).toMatchObject({ status: 'not-started' });
    expect(pairing.audit).toEqual([
      { at: '2027-02-01T09:00:00Z', kind: 'not-started' },
      { at: '2027-02-02T09:00:00Z', kind: 'ended' },
    ]);
    expect(JSON.stringify(out)).not.toMatch(/arrogant|participant-rematch|best possible score/);
  });

  it("includes their own answer to the question still open (kept on the pairing until it closes), never the partner's", () => {
    const round = {
      key: 'check-in-3',
      kind: 'check-in',
      label: 'Check-in 3',
      dueAt: '2027-02-15T09:00:00Z',
      closesAt: '2027-02-19T23:59:59Z',
      asks: { mentor: { sendAt: '2027-02-15T09:00:00Z', sent: true } },
      answers: {
        mentee: { intent: 'yes', rating: 4, note: 'we talked about my health', at: '2027-02-16T10:00:00Z' },
        mentor: { intent: 'yes', rating: 2, note: 'partner says', at: '2027-02-16T11:00:00Z' },
      },
    };
    const exportOf = (r: unknown) =>
      participantExport(
        'pt_me',
        [
          {
            participant: me,
            waitlist: [],
            pairings: [
              {
                pairing: { pairingId: 'pr_1', programId: 'q3', mentorId: 'pt_partner', menteeId: 'pt_me', status: 'paused', round: r },
                checkIns: [],
                reviews: [],
                audit: [],
              },
            ],
          },
        ],
        new Date('2027-03-01T00:00:00Z'),
      ).enrolments[0]!.pairings[0]!;
    const out = exportOf(round);
    expect(out.openQuestion).toEqual({
      key: 'check-in-3',
      kind: 'check-in',
      label: 'Check-in 3',
      closesAt: '2027-02-19T23:59:59Z',
      answer: { intent: 'yes', rating: 4, note: 'we talked about my health', at: '2027-02-16T10:00:00Z' },
    });
    expect(JSON.stringify(out)).not.toMatch(/partner says/);
    expect(exportOf({ ...round, answers: { mentor: round.answers.mentor } }).openQuestion).toMatchObject({ key: 'check-in-3', answer: null });
    // The admins' decision round is theirs.
    expect(exportOf({ ...round, kind: 'admin-decision', answers: { admin: { intent: 'continue' } } }).openQuestion).toBeNull();
  });
});
