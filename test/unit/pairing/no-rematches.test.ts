import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { cappedReason, rematchSettingsOf } from '../../../functions/domain/rematch-policy';
import { agreeable, simulate, type SimOptions } from './simulate';

/**
 * A program that makes no automatic rematches (`rematch.maxAttempts: 0`) and a person at their last
 * allowed rematch: every email that speaks of rematches says what happened (docs/lifecycle.md,
 * Rematch policy), never that we "already looked as many times as the program does" when no search
 * was ever made.
 */

const WITHDRAW = { at: '2027-02-10T10:00:00Z', request: { kind: 'left' as const, participantId: 'pt_mentee', reason: 'withdrawn' as const } };
const ADMIN_END = { at: '2027-02-10T10:00:00Z', request: { kind: 'end' as const, reason: 'admin-rematch' } };
const flat = (text: string) => text.replace(/\s+/g, ' ');
const NEVER_SEARCHED = /already looked|as many times|all 0|0 automatic|had 0/;

function rendered(r: ReturnType<typeof simulate>, template: string, to?: string): string[] {
  return r.emails.filter((e) => e.template === template && (!to || e.to === to)).map((e) => flat(renderIntent(e.template, e.input).text));
}

function run(maxAttempts: number, controls: SimOptions['controls'], mentor: SimOptions['mentor'] = {}) {
  return simulate({ answer: agreeable, program: { rematch: { maxAttempts } }, controls, mentor });
}

describe('a program with no automatic rematches (maxAttempts 0)', () => {
  it("the partner's departure: the email says this program does not find new partners on its own, and whom to write to", () => {
    const [text] = rendered(run(0, [WITHDRAW]), 'partnerLeft', 'mentor@example.com');
    expect(text).toContain('does not look for new partners on its own');
    expect(text).toContain('you are now on the waitlist');
    expect(text).toMatch(/write to the program team/);
    expect(text).not.toMatch(NEVER_SEARCHED);
  });

  it("an admin's end with a rematch: both read the same true sentence", () => {
    const texts = rendered(run(0, [ADMIN_END]), 'pairingEnded');
    expect(texts).toHaveLength(2);
    for (const text of texts) {
      expect(text).toContain('does not look for new partners on its own');
      expect(text).not.toMatch(NEVER_SEARCHED);
    }
  });

  it("the admins' notice and the waitlist reason say the program makes no automatic rematches", () => {
    const r = run(0, [WITHDRAW]);
    const [admin] = rendered(r, 'adminRematchHeld');
    expect(admin).toContain('makes no automatic rematches');
    expect(admin).not.toMatch(NEVER_SEARCHED);
    expect(cappedReason(rematchSettingsOf({ rematch: { maxAttempts: 0, offersAfterSilence: 1, needsApproval: false } }))).not.toMatch(NEVER_SEARCHED);
  });

  it('the waitlist notice (after a pairing that did not start) says so too', () => {
    const base = {
      to: { name: 'Alex Morgan', timeZone: 'Europe/London' },
      program: { name: 'Spring', admin: { name: 'Priya Shah', email: 'priya@example.org' } },
    };
    const text = flat(emails.waitlisted({ ...base, code: 'rematch-limit', automaticRematches: 0 }).text);
    expect(text).toContain('does not look for new partners on its own');
    expect(text).not.toMatch(NEVER_SEARCHED);
    // Past a cap that was used: as before.
    expect(flat(emails.waitlisted({ ...base, code: 'rematch-limit', automaticRematches: 2 }).text)).toContain(
      'already looked for a new partner for you as many times',
    );
  });
});

describe('the last allowed rematch', () => {
  it('offered (one left): a new partner is looked for', () => {
    const r = run(2, [WITHDRAW], { rematchAttempts: 1 });
    const [text] = rendered(r, 'partnerLeft', 'mentor@example.com');
    expect(text).toContain('We are looking for a new partner for you');
    expect(r.decisions.flatMap((d) => d.decision.people).find((p) => p.participantId === 'pt_mentor')).toMatchObject({ standing: { rematchAttempts: 2 } });
  });

  it('used up: "as many times as the program does" is true, and the admins read the count that was used', () => {
    const r = run(1, [WITHDRAW], { rematchAttempts: 1 });
    const [text] = rendered(r, 'partnerLeft', 'mentor@example.com');
    expect(text).toContain('We have already looked for a new partner for you as many times as the program does on its own');
    const [admin] = rendered(r, 'adminRematchHeld');
    expect(admin).toContain('has had one automatic rematch, the most the program allows');
  });
});
