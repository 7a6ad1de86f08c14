/**
 * Conversation starters per topic id of the default catalogue (functions/domain/topics.ts). They
 * are open questions either partner can ask, so the first meeting starts from curiosity rather
 * than from a lecture. A program with its own topics falls back to the general starters.
 */
export const STARTERS_BY_TOPIC: Readonly<Record<string, readonly string[]>> = {
  'digital-fluency': [
    'Which tool or shortcut saves you the most time in a normal week?',
    'What would change if this team wrote things down in a shared doc instead of a meeting?',
    'Show each other your chat or inbox setup: what would you copy from the other?',
  ],
  'ai-tools': [
    'What was the last task you tried an AI tool for, and how did it go?',
    'Where would you trust an AI draft, and where would you never use one?',
    'Pick one real task from this week and try it together with an AI assistant.',
  ],
  'social-media': [
    'Which accounts or creators do you follow to understand what is changing, and why?',
    'What does our organisation look like from the outside, on the platforms you use?',
    'What is one thing people your age expect from a brand online that we do not do yet?',
  ],
  'mobile-first': [
    'What do you do on your phone that others still do at a desk?',
    'Which part of your work is hardest to do away from a laptop, and why?',
    'Walk each other through the apps on your home screen: which earn their place?',
  ],
  'inclusive-communication': [
    'When did a message of yours land differently than you intended?',
    'Which words or habits in our meetings might leave someone out without anyone noticing?',
    'How do you prefer to receive feedback: in writing, in person, straight away or later?',
  ],
  'hybrid-work': [
    'What makes a remote meeting worth attending for you?',
    'What does a good working day look like for each of you, and where does it happen?',
    'Which team ritual would you keep, drop or invent for hybrid work?',
  ],
  sustainability: [
    'What does purpose at work mean to you, and where do you see it here?',
    'Which of our decisions would younger customers or colleagues question first?',
    'What is one change this team could make that would show we mean it?',
  ],
  strategy: [
    'Which decision made this year would you explain differently to a new joiner, and why?',
    'What do senior leaders worry about that rarely reaches the front line?',
    'How does a strategy turn into what a team does on Monday morning?',
  ],
  leadership: [
    'Who was the best manager you have had, and what did they do that others did not?',
    'What is a leadership mistake you learned the most from?',
    'How do you decide when to step in and when to let someone find their own way?',
  ],
  'navigating-the-organisation': [
    'How does a good idea from a junior person actually get heard here?',
    'Who are the people everyone goes to, whatever their title?',
    'What do you wish you had known about how this organisation works in your first year?',
  ],
  'career-growth': [
    'Where would you like to be in three years, and what feels in the way?',
    'Which skills got you where you are, and which ones did you have to unlearn?',
    'What kind of visibility helps a career, and what kind does not?',
  ],
};

export const GENERAL_STARTERS: readonly string[] = [
  'What made you sign up for reverse mentoring, and what would make it worth your time?',
  'What is something you are curious about that you rarely get to ask anyone?',
  'How would you like to run your sessions: agenda, free conversation, or a bit of both?',
];

/**
 * Three starters for the pair's topics, taking the first of each topic in priority order before
 * any second one, so three topics give one starter each.
 */
export function conversationStarters(topicIds: readonly string[], count = 3): string[] {
  const pools = [...new Set(topicIds)].map((id) => STARTERS_BY_TOPIC[id]).filter((p): p is readonly string[] => p !== undefined);
  const picked: string[] = [];
  for (let round = 0; picked.length < count && pools.some((p) => p.length > round); round++) {
    for (const pool of pools) {
      const starter = pool[round];
      if (starter !== undefined && picked.length < count) picked.push(starter);
    }
  }
  for (const starter of GENERAL_STARTERS) if (picked.length < count) picked.push(starter);
  return picked;
}

/** Every starter for the pair's topics, in the order `conversationStarters` takes them, then the general ones. */
function starterPool(topicIds: readonly string[]): string[] {
  const pools = [...new Set(topicIds)].map((id) => STARTERS_BY_TOPIC[id]).filter((p): p is readonly string[] => p !== undefined);
  const all: string[] = [];
  for (let round = 0; pools.some((p) => p.length > round); round++) for (const pool of pools) if (pool[round] !== undefined) all.push(pool[round]!);
  for (const starter of GENERAL_STARTERS) if (!all.includes(starter)) all.push(starter);
  return all;
}

/**
 * Starters for the `n`-th round of check-ins (1, 2, ...): they carry on after the introduction's
 * three and go round the pool, so a pair does not read the same ones at every check-in.
 */
export function checkInStarters(topicIds: readonly string[], n: number, count = 2): string[] {
  const pool = starterPool(topicIds);
  const take = Math.min(count, pool.length);
  const first = 3 + Math.max(0, n - 1) * take;
  return Array.from({ length: take }, (_, i) => pool[(first + i) % pool.length]!);
}
