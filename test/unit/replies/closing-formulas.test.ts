import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReply } from '../../../functions/domain/replies';
import { interpretReply } from '../../../functions/domain/replies/interpret';
import { stripReply } from '../../../functions/domain/replies/strip';

/**
 * QA mail8: the sign-offs people write under a check-in answer stayed in the note admins read
 * ("Grüße Lena", "Saludos cordiales, Diego Ruiz", "Bises, Chloé"). docs/replies.md promises that
 * closing formulas are cut: only as a closing line, alone or with a name after it.
 */
const DIR = join(import.meta.dirname, '../../fixtures/replies/mail8');
const NOW = new Date('2026-12-20T10:00:00Z');

describe('closing formulas in the languages we read (raw emails from QA mail8)', () => {
  it.each([
    ['signoff-abientot', undefined],
    ['signoff-abrazo', undefined],
    ['signoff-best-wishes', undefined],
    ['signoff-bises', 'super séance'],
    ['signoff-bonne', undefined],
    ['signoff-gruesse', 'gutes Treffen'],
    ['signoff-herzlich', 'gutes Treffen'],
    ['signoff-mercibcp', undefined],
    ['signoff-saludos-cord', 'buena sesión'],
    ['signoff-schoene', undefined],
    ['signoff-sincerely', undefined],
  ])('%s keeps only the answer and its note', async (name, note) => {
    const reading = await readReply(readFileSync(join(DIR, `${name}.eml`)), 'check-in', { now: NOW });
    expect(reading.intent).toBe('yes');
    expect(reading.rating).toBe(4);
    expect(reading.note).toBe(note ?? null);
  });
});

describe('closing lines, alone or with a name', () => {
  it.each([
    ['Yes 4\n\nHerzliche Grüße\nLena Vogt', 'Yes 4'],
    ['Yes 4\n\nSchöne Grüße aus Berlin\nLena', 'Yes 4'],
    ['Yes 4\n\nSchöne Grüße aus Berlin', 'Yes 4'],
    ['Yes 4\n\nGrüße Lena', 'Yes 4'],
    ['Sí 4\n\nUn abrazo', 'Sí 4'],
    ['Sí 4\n\nSaludos cordiales, Diego Ruiz', 'Sí 4'],
    ['Oui 4\n\nBises, Chloé', 'Oui 4'],
    ['Oui 4\n\nBonne journée', 'Oui 4'],
    ['Oui 4\n\nÀ bientôt', 'Oui 4'],
    ['Oui 4\n\nMerci beaucoup', 'Oui 4'],
    ['Yes 4\n\nSincerely', 'Yes 4'],
    ['Yes 4\n\nWarmest regards,\nTom', 'Yes 4'],
  ])('%j is cut to %j', (text, kept) => {
    expect(stripReply(text)).toBe(kept);
  });

  it.each([
    ['Oui 4\nMerci beaucoup pour la session, very useful', 'Merci beaucoup pour la session, very useful'],
    ['Oui 4\nMerci beaucoup pour la session, Chloé', 'Merci beaucoup pour la session, Chloé'],
    ['Ja 4\nGrüße an dein Team, die Idee war super', 'Grüße an dein Team, die Idee war super'],
    ['Yes 4\nSincerely the best session so far', 'Sincerely the best session so far'],
  ])('never cuts real content mid-note: %j', (text, note) => {
    expect(interpretReply(stripReply(text), 'check-in', { now: NOW }).note).toBe(note);
  });

  it('reads a first line that is only a closing formula as it is (nothing above it to end)', () => {
    expect(stripReply('Merci beaucoup\nOui 4')).toBe('Merci beaucoup\nOui 4');
  });
});
