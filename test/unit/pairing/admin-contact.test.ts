import { describe, expect, it } from 'vitest';
import { programContext, toAdmins } from '../../../functions/domain/pairing/mail';
import type { LifecycleContext } from '../../../functions/domain/pairing/context';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { participant, simPairing, simProgram, simulate, type SimOptions } from './simulate';

/**
 * The lifecycle's admin emails (built through toAdmins) name another admin as "the program team",
 * never the reader: the weekly digest does the same (admin-digest.ts; QA digest report, bug 2).
 */

const ADA = 'ada.admin@example.com';
const BO = 'bo.admin@example.com';

/** Both accept, then nobody answers anything: the admins hear of the second miss and decide at the third. */
const quiet: SimOptions['answer'] = (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined);

const flat = (s: string) => s.replace(/\s+/g, ' ');
const LINKS = Object.fromEntries(['continue', 'pause', 'end', 'rematch'].map((k) => [k, `https://answers.example.com/r/${k}`]));

function context(admins: string[]): LifecycleContext {
  const now = new Date('2027-02-01T10:00:00Z');
  return {
    pairing: simPairing(now.toISOString(), { status: 'active' }),
    program: simProgram({ admins }),
    mentor: participant('mentor'),
    mentee: participant('mentee'),
    now,
    execution: { startedAt: now.toISOString(), generation: 1 },
  };
}

describe("admin emails name the program team as another admin, never the reader's own address", () => {
  it('the escalation and the "Decision needed" of a quiet pair: Ada is pointed to Bo, and Bo to Ada', () => {
    const r = simulate({ answer: quiet, program: { admins: [ADA, BO] } });
    const toAdmin = r.emails.filter((e) => e.to === ADA || e.to === BO);
    expect(new Set(toAdmin.map((e) => e.template))).toEqual(new Set(['adminEscalation', 'adminDecisionRequest']));
    for (const e of toAdmin) {
      const other = e.to === ADA ? BO : ADA;
      const text = flat(renderIntent(e.template, e.input, LINKS).text);
      expect(text, `${e.template} to ${e.to}`).toContain(`ask the program team at ${other}`);
      expect(text, `${e.template} to ${e.to}`).not.toContain(`at ${e.to}`);
    }
  });

  it('every email toAdmins builds (concerns, fit checks, rematches held) takes the contact for its reader, and keeps the rest of the program', () => {
    const ctx = context([ADA, BO, 'cy.admin@example.com']);
    const emails = toAdmins(ctx, 'k', () => ({ template: 'adminEscalation', input: { program: programContext(ctx), pairingId: 'pr_sim' } }));
    expect(emails.map((e) => [e.to, (e.input.program as { admin: { email: string } }).admin.email])).toEqual([
      [ADA, BO],
      [BO, ADA],
      ['cy.admin@example.com', ADA],
    ]);
    expect(emails[0]!.input).toMatchObject({
      pairingId: 'pr_sim',
      program: { name: 'Sim cohort', automaticRematches: programContext(ctx).automaticRematches },
    });
  });

  it('never names a member of the pair as the one to ask: an admin who is the pair’s mentee is left out, and the only other admin keeps the contact as before', () => {
    const ctx = context(['mentee@example.com', ADA]);
    const emails = toAdmins(ctx, 'k', () => ({ template: 'adminEscalation', input: { program: programContext(ctx) } }));
    expect(emails.map((e) => e.to)).toEqual([ADA]);
    expect((emails[0]!.input.program as { admin: { email: string } }).admin.email).not.toBe('mentee@example.com');
  });

  it('names nobody to ask when the reader is the only admin outside the pair: never the reader themselves (QA hrfirst5)', () => {
    const r = simulate({ answer: quiet, program: { admins: [ADA] } });
    const toAda = r.emails.filter((e) => e.to === ADA);
    expect(toAda.length).toBeGreaterThan(0);
    for (const e of toAda) {
      const text = flat(renderIntent(e.template, e.input, LINKS).text);
      expect(text, e.template).toContain("have yourself removed from the program's admins (PATCH /programs/{programId} on the admin API).");
      expect(text, e.template).not.toContain(`ask the program team at ${ADA}`);
    }
  });
});
