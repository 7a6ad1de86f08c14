import { DAYS, type AvailabilityWindow } from '../participant';
import { programSchema, type Program } from '../program';
import { DEFAULT_TOPICS } from '../topics';
import type { MatchParticipant } from './features';

/**
 * A seeded, realistic-looking cohort for benchmarks, property tests and demos: time zones on
 * three continents, reporting lines where mentors report into mentees (so the chain rule bites),
 * a few people without a common language, topic wishes in priority order.
 */
export interface SyntheticCohortOptions {
  readonly size: number;
  readonly seed?: number;
  /** Share of mentors; the rest are mentees. */
  readonly mentorShare?: number;
  /** Largest mentor capacity drawn (1 gives a plain one-to-one cohort). */
  readonly maxCapacity?: number;
}

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONES: readonly [string, string][] = [
  ['Europe/London', 'London'],
  ['Europe/London', 'Manchester'],
  ['Europe/Berlin', 'Berlin'],
  ['Europe/Lisbon', 'Lisbon'],
  ['America/New_York', 'New York'],
  ['America/Chicago', 'Chicago'],
  ['America/Los_Angeles', 'San Francisco'],
  ['America/Sao_Paulo', 'Sao Paulo'],
  ['Asia/Kolkata', 'Bengaluru'],
  ['Asia/Singapore', 'Singapore'],
  ['Australia/Sydney', 'Sydney'],
];
const SECOND_LANGUAGES = ['de', 'fr', 'es', 'pt', 'hi', 'zh'];
const DEPARTMENTS = ['Finance', 'Marketing', 'Engineering', 'Sales', 'Operations', 'People', 'Legal', 'Product', 'Data', 'Design', 'Support', 'Strategy'];
const INTERESTS = [
  'running',
  'cycling',
  'climbing',
  'football',
  'yoga',
  'chess',
  'cooking',
  'baking',
  'gardening',
  'photography',
  'film',
  'jazz',
  'hip hop',
  'classical music',
  'podcasts',
  'gaming',
  'board games',
  'travel',
  'hiking',
  'sailing',
  'volunteering',
  'sustainability',
  'poetry',
  'science fiction',
  'history',
  'design',
  'fashion',
  'coffee',
  'wine',
  'dogs',
  'parenting',
  'languages',
  'theatre',
  'painting',
  'startups',
  'investing',
  'meditation',
  'swimming',
  'tennis',
  'robotics',
];
const GOAL_WORDS = [
  'customers',
  'innovation',
  'trust',
  'culture',
  'feedback',
  'inclusion',
  'automation',
  'retention',
  'hiring',
  'storytelling',
  'data',
  'creativity',
  'climate',
  'hybrid',
  'teams',
  'influence',
  'visibility',
  'confidence',
  'negotiation',
  'presenting',
  'networks',
  'mentoring',
  'product',
  'growth',
  'wellbeing',
  'community',
  'brand',
  'video',
  'prompts',
  'strategy',
];
const FIRST_NAMES = [
  'Ana',
  'Ben',
  'Chloe',
  'Dev',
  'Elif',
  'Femi',
  'Grace',
  'Hiro',
  'Ines',
  'Jon',
  'Kai',
  'Lena',
  'Mo',
  'Nia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Viktor',
  'Wen',
  'Yara',
  'Zoe',
];
const STYLES = ['direct', 'reflective', 'structured', 'casual'] as const;

export function syntheticCohort(options: SyntheticCohortOptions): { program: Program; participants: MatchParticipant[] } {
  const rnd = seededRandom(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const some = <T>(xs: readonly T[], lo: number, hi: number): T[] => {
    const pool = [...xs];
    const n = lo + Math.floor(rnd() * (hi - lo + 1));
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0]!);
    return out;
  };
  const mentorTopics = DEFAULT_TOPICS.filter((t) => t.side === 'mentor').map((t) => t.id);
  const menteeTopics = DEFAULT_TOPICS.filter((t) => t.side === 'mentee').map((t) => t.id);
  const mentors = Math.round(options.size * (options.mentorShare ?? 0.45));
  const maxCapacity = options.maxCapacity ?? 2;
  const participants: MatchParticipant[] = [];
  for (let i = 0; i < options.size; i++) {
    const role = i < mentors ? 'mentor' : 'mentee';
    const [timeZone, location] = pick(ZONES);
    const firstLanguage = rnd() < 0.95 ? 'en' : pick(SECOND_LANGUAGES);
    const languages = rnd() < 0.4 ? [...new Set([firstLanguage, pick(SECOND_LANGUAGES)])] : [firstLanguage];
    const windows: AvailabilityWindow[] = some(DAYS.slice(0, 5), 1, 3).map((day) => {
      const start = 8 + Math.floor(rnd() * 8);
      const length = 1 + Math.floor(rnd() * 3);
      return { day, start: `${String(start).padStart(2, '0')}:${rnd() < 0.5 ? '00' : '30'}`, end: `${String(start + length).padStart(2, '0')}:00` };
    });
    const firstMentee = mentors;
    // Mentors often report to a participating senior; seniors to each other: chains two or three deep.
    let manager: MatchParticipant['manager'];
    if (role === 'mentor' && rnd() < 0.4 && options.size > mentors) manager = { employeeId: `E${firstMentee + Math.floor(rnd() * (options.size - mentors))}` };
    else if (role === 'mentee' && i > firstMentee && rnd() < 0.5) manager = { employeeId: `E${firstMentee + Math.floor(rnd() * (i - firstMentee))}` };
    else manager = { email: `exec${Math.floor(rnd() * 50)}@example.com` };
    participants.push({
      participantId: `p${i}`,
      programId: 'synthetic',
      name: `${pick(FIRST_NAMES)} Person${i}`,
      email: `person${i}@example.com`,
      employeeId: `E${i}`,
      role,
      department: pick(DEPARTMENTS),
      location,
      timeZone,
      manager,
      topicsOffered: role === 'mentor' ? some(mentorTopics, 2, 4) : some(menteeTopics, 1, 3),
      topicsWanted: role === 'mentor' ? some(menteeTopics, 1, 3) : some(mentorTopics, 2, 4),
      interests: some(INTERESTS, 2, 6),
      availability: windows.sort((a, b) => DAYS.indexOf(a.day) - DAYS.indexOf(b.day)),
      meetingPreference: rnd() < 0.7 ? 'either' : rnd() < 0.67 ? 'video' : 'in-person',
      languages,
      communicationStyle: rnd() < 0.75 ? pick(STYLES) : undefined,
      goals: `I want to get better at ${some(GOAL_WORDS, 2, 4).join(', ')} and ${pick(GOAL_WORDS)}.`,
      capacity: role === 'mentor' ? 1 + Math.floor(rnd() * maxCapacity) : 1,
      doNotPairWith: rnd() < 0.02 ? [`person${Math.floor(rnd() * options.size)}@example.com`] : [],
      consent: { dataProcessing: true, shareProgressWithManager: rnd() < 0.5 },
    });
  }
  const program = programSchema.parse({
    programId: 'synthetic',
    name: 'Synthetic cohort',
    startDate: '2027-03-01',
    admins: ['programs@example.com'],
    matching: { rules: { maxMenteesPerMentor: Math.max(1, maxCapacity) } },
  });
  return { program, participants };
}
