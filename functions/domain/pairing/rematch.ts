import type { AdminRematchHeldInput } from '../emails';
import type { MatchStanding } from '../participant';
import { cappedReason, rematchOutcome, rematchSettingsOf, type PartAnswer } from '../rematch-policy';
import { person, type LifecycleContext } from './context';
import type { EmailIntent } from './decision';
import { programContext, toAdmins } from './mail';
import type { Pairing, PersonSide } from './model';

/**
 * What becomes of each person of a pairing that ended early or did not start (the rematch policy,
 * functions/domain/rematch-policy.ts, applied to the people of one pairing). The shell stores the
 * status and standing, unless another pairing of the person still runs (then they stay `paired`).
 */
export interface PersonOutcome {
  readonly participantId: string;
  readonly status: 'awaiting-rematch' | 'enrolled' | 'inactive' | 'waitlisted';
  /** Absolute values to store (not increments), so storing twice is storing once. */
  readonly standing: MatchStanding;
  /** For `waitlisted` (the rematch cap): the reason the admin reads on the waitlist. */
  readonly waitlistReason?: string;
  /** For `waitlisted` other than at the cap (`rematch-limit`): an end that never reached them (waitlistedByEnd). */
  readonly waitlistCode?: 'partner-unavailable';
  /**
   * Past the cap with another pairing still running (a mentor with several mentees): she keeps it
   * and stays `paired`; the place this pairing freed is held for the admins (`placesHeldSince`).
   */
  readonly placeHeld?: true;
  /** For `waitlisted`: the email that told them their pairing ended or would not start also told them they wait (no separate waitlist notice). */
  readonly toldInEndEmail?: true;
}

export interface PersonPart {
  readonly side: PersonSide;
  readonly answer: PartAnswer;
  readonly note?: string;
  /** The end offers this person a new partner now (before the cap and the silence rule). */
  readonly wantsRematch: boolean;
}

export interface RematchPlan {
  readonly people: readonly PersonOutcome[];
  /** Who RematchRequested names. */
  readonly rematchIds: readonly string[];
  /** Sides offered a new partner now (their emails say so). */
  readonly rematched: ReadonlySet<PersonSide>;
  /** The admins' notice about people no longer offered automatically (none when nobody is). */
  readonly adminEmails: readonly EmailIntent[];
}

export function planRematch(ctx: LifecycleContext, pairing: Pairing, parts: readonly PersonPart[], now: Date): RematchPlan {
  const settings = rematchSettingsOf(ctx.program);
  const people: PersonOutcome[] = [];
  const rematchIds: string[] = [];
  const rematched = new Set<PersonSide>();
  const held: AdminRematchHeldInput['people'][number][] = [];
  for (const part of parts) {
    const who = person(ctx, part.side);
    const outcome = rematchOutcome(who, part, settings, now);
    const placeHeld = outcome.kind === 'capped' && part.side === 'mentor' && ctx.mentorRunsElsewhere === true;
    people.push({
      participantId: who.participantId,
      status: outcome.status,
      standing: placeHeld ? { ...outcome.standing, placesHeldSince: now.toISOString() } : outcome.standing,
      ...(outcome.kind === 'capped' ? { waitlistReason: cappedReason(settings) } : {}),
      ...(placeHeld ? { placeHeld: true as const } : {}),
    });
    if (outcome.kind === 'rematch') {
      rematchIds.push(who.participantId);
      rematched.add(part.side);
    } else if (outcome.kind === 'inactive') {
      held.push({ name: who.name, role: part.side, held: 'inactive', count: outcome.standing.unansweredIntroductions ?? 1 });
    } else if (outcome.kind === 'capped') {
      held.push({
        name: who.name,
        role: part.side,
        held: 'capped',
        count: who.rematchAttempts ?? settings.maxAttempts,
        ...(settings.maxAttempts === 0 ? { allowed: 0 as const } : {}),
        ...(placeHeld ? { keepsPairing: true as const } : {}),
      });
    }
  }
  const adminEmails =
    held.length === 0
      ? []
      : toAdmins(ctx, 'rematch-held', () => ({
          template: 'adminRematchHeld' as const,
          input: { to: { timeZone: ctx.program.timeZone }, program: programContext(ctx), pairingId: pairing.pairingId, people: held },
        }));
  return { people, rematchIds, rematched, adminEmails };
}
