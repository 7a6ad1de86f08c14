import { isErased } from '../domain/erasure';
import { type ReportingLink, reportingLinkOf } from '../domain/matching/reporting-chain';
import { emailKey, type Participant } from '../domain/participant';
import { participantsByEmail } from './participants';

/** How many managers up a chain is followed outside the program (a deeper one is bad data, or a cycle). */
const MAX_LEVELS = 8;
/** Address lookups at once (one GSI2 query each). */
const LOOKUP_CONCURRENCY = 16;

/**
 * The reporting lines of the managers the program's people name but the program does not hold,
 * read from their enrolments in other programs: Finn reports to Gina, who is enrolled only in
 * another program, where her record names Wendy; Wendy, a mentee here, is Finn's manager's
 * manager, and the two are never paired (QA matching3). Followed up the chain by address, one
 * level at a time, each manager once. A manager named by employee id only is not looked up.
 * A manager named by a program member's former address is looked up too: whoever holds that
 * address now in another program is the one it names (reporting-chain.ts, formerEmails), and each
 * line keeps its person's former addresses.
 */
export async function reportingLinesElsewhere(programId: string, people: readonly Pick<Participant, 'email' | 'manager'>[]): Promise<ReportingLink[]> {
  const known = new Set(people.map((p) => emailKey(p.email)));
  const seen = new Set<string>();
  const lines: ReportingLink[] = [];
  const managersOf = (list: readonly Pick<Participant, 'manager'>[]) =>
    [...new Set(list.flatMap((p) => (p.manager?.email ? [emailKey(p.manager.email)] : [])))].filter((e) => !known.has(e) && !seen.has(e));
  let frontier = managersOf(people);
  for (let level = 0; level < MAX_LEVELS && frontier.length > 0; level++) {
    for (const e of frontier) seen.add(e);
    const found: Participant[] = [];
    for (let i = 0; i < frontier.length; i += LOOKUP_CONCURRENCY) {
      const batch = await Promise.all(frontier.slice(i, i + LOOKUP_CONCURRENCY).map(recordElsewhere(programId)));
      found.push(...batch.flatMap((p) => (p ? [p] : [])));
    }
    for (const p of found) lines.push(reportingLinkOf(p));
    frontier = managersOf(found);
  }
  return lines;
}

/** The person at an address as another program holds them (the one that names a manager first), if any. */
function recordElsewhere(programId: string): (email: string) => Promise<Participant | undefined> {
  return async (email) => {
    const live = (await participantsByEmail(email)).filter((r) => r.programId !== programId && !isErased(r));
    return live.find((r) => r.manager !== undefined) ?? live[0];
  };
}
