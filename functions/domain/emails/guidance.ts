import type { Role } from '../participant';

/**
 * Role guidance shown before the first meeting. Reverse mentoring is new to most people, and the
 * power dynamic is the usual way it fails: the senior struggles to be taught, the junior does not
 * dare to be candid. So both are shown how to adapt, never told what to do.
 */
export const FRAMING = 'Reverse mentoring works best when each of you is shown how to adapt, not told what to do.';

export const ROLE_GUIDANCE: Readonly<Record<Role, { title: string; points: readonly string[] }>> = {
  mentor: {
    title: 'As the mentor',
    points: [
      'Ask questions rather than give instructions: "What have you tried?" goes further than "Do this".',
      'Share your lived experience: how you and people your age actually work, buy and communicate.',
      'Offer support, not superiority: you know things your partner does not, and the reverse is true too.',
      'Be patient with a different pace: new habits take a few tries, and that is normal.',
    ],
  },
  mentee: {
    title: 'As the mentee',
    points: [
      'Receive feedback with curiosity and openness, even when it comes from someone earlier in their career: that is the point.',
      'Protect the time you committed: your mentor may not feel able to chase a senior leader for a meeting.',
      'Share strategic context back: how decisions are made and how the organisation really works.',
    ],
  },
};

export function roleName(role: Role): string {
  return role === 'mentor' ? 'mentor (the early-career coach)' : 'mentee (the senior leader being coached)';
}
