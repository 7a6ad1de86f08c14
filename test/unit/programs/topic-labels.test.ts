import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS, topicLabel } from '../../../functions/domain/topics';

describe('topicLabel: a pairing keeps readable topics when HR replaces the catalogue', () => {
  const replaced = [{ id: 'esg', label: 'ESG reporting', side: 'mentor' as const }];

  it('names a topic by the program catalogue first', () => {
    expect(topicLabel('esg', replaced)).toBe('ESG reporting');
    expect(topicLabel('ai-tools', [{ id: 'ai-tools', label: 'Generative AI', side: 'mentor' }])).toBe('Generative AI');
  });

  it('names a topic no longer in the catalogue by its default label, or its id in words, never the raw id', () => {
    expect(topicLabel('ai-tools', replaced)).toBe('AI tools');
    expect(topicLabel('strategy', replaced)).toBe('Strategy');
    expect(topicLabel('people-analytics', replaced)).toBe('People analytics');
    expect(topicLabel('', replaced)).toBe('');
    for (const t of DEFAULT_TOPICS) expect(topicLabel(t.id, [])).toBe(t.label);
  });
});
