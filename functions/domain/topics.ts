/**
 * The default topic catalogue of a reverse-mentoring program. Mentors (early-career) offer the
 * `mentor` topics and mentees (senior leaders) want them; mentees give back the `mentee` topics.
 * A program may replace the catalogue; ids are stable because intake forms and reports use them.
 */
export interface Topic {
  readonly id: string;
  readonly label: string;
  /** Which side usually brings this topic. */
  readonly side: 'mentor' | 'mentee';
}

export const DEFAULT_TOPICS: readonly Topic[] = [
  { id: 'digital-fluency', label: 'Digital fluency and async tools', side: 'mentor' },
  { id: 'ai-tools', label: 'AI tools', side: 'mentor' },
  { id: 'social-media', label: 'Social media and creator platforms', side: 'mentor' },
  { id: 'mobile-first', label: 'Mobile-first workflows', side: 'mentor' },
  { id: 'inclusive-communication', label: 'Inclusive communication', side: 'mentor' },
  { id: 'hybrid-work', label: 'Flexible and hybrid work', side: 'mentor' },
  { id: 'sustainability', label: 'Sustainability and purpose', side: 'mentor' },
  { id: 'strategy', label: 'Strategy', side: 'mentee' },
  { id: 'leadership', label: 'Leadership', side: 'mentee' },
  { id: 'navigating-the-organisation', label: 'Navigating the organisation', side: 'mentee' },
  { id: 'career-growth', label: 'Career growth', side: 'mentee' },
];

/**
 * A topic's label in the program's catalogue. A pairing keeps the topics it was matched on when HR
 * later replaces the catalogue: a topic no longer in it is named by the default catalogue's label,
 * or failing that by its id in words ("esg-reporting" → "Esg reporting"), never as a raw id in an
 * email, a certificate or the report.
 */
export function topicLabel(id: string, catalogue: readonly Topic[] = DEFAULT_TOPICS): string {
  const known = catalogue.find((t) => t.id === id) ?? DEFAULT_TOPICS.find((t) => t.id === id);
  if (known) return known.label;
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : id;
}
