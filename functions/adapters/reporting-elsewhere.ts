import { createHash } from 'node:crypto';
import { isErased } from '../domain/erasure';
import { type ReportingLink, reportingLinkOf } from '../domain/matching/reporting-chain';
import { type LineMember, linesOfSamePeopleElsewhere } from '../domain/matching/same-person-lines';
import { emailKey, employeeIdKey, type Participant } from '../domain/participant';
import { getItems, type ItemKey, KEYS } from './dynamo';
import { enrolmentsByEmail, enrolmentsOfAddressesIn, participantKey, toParticipant } from './participants';
import { listPrograms } from './programs';

/** How many managers up a chain is followed outside the program (a deeper one is bad data, or a cycle). */
const MAX_LEVELS = 8;
/** Lookups at once: GSI2 queries (one per address) or BatchGetItem calls. */
const LOOKUP_CONCURRENCY = 16;
/**
 * Above this many addresses for each other program, a program's address markers are read whole (a
 * few pages of 1 MB at most, thousands of small markers each) rather than the addresses one by one.
 */
const ADDRESSES_PER_PROGRAM_READ = 4;
/** DynamoDB's limit of keys in one BatchGetItem. */
const BATCH_GET_LIMIT = 100;

/**
 * The reporting lines that other programs record for this program's people (docs/matching.md,
 * Hard rules): a reporting line is a fact about the organisation, not about one program.
 * - The manager links of the program's own people on their enrolments elsewhere (the same person:
 *   same employee id, else same address; the merge is domain/matching/same-person-lines.ts): Ada
 *   reports to Grace in rm-eng, so rm-sales, whose record of Ada names no manager, never pairs them.
 * - The lines of the managers the program's people name but the program does not hold: Finn
 *   reports to Gina, who is enrolled only in another program, where her record names Wendy; Wendy,
 *   a mentee here, is Finn's manager's manager, and the two are never paired (QA matching3).
 *   Followed up the chain by address, one level at a time, each manager once. A manager named by
 *   employee id only is not looked up. A manager named by a program member's former address is
 *   looked up too: whoever holds that address now in another program is the one it names
 *   (reporting-chain.ts, formerEmails), and each line keeps its person's former addresses.
 * Reads: one GSI2 query per address (the email markers of every program), or, with many addresses
 * (more than 4 for each other program), each other program's address markers (one paged query
 * each); one read per employee id and other program (its employee marker), and the enrolments
 * found, all in BatchGetItem calls of 100 keys. The programs are listed once, only when employee
 * ids or many addresses need them.
 */
export async function reportingLinesElsewhere(programId: string, people: readonly LineMember[]): Promise<ReportingLink[]> {
  let listed: Promise<string[]> | undefined;
  const others = () => (listed ??= listPrograms().then((all) => all.map((p) => p.programId).filter((id) => id !== programId)));
  const members = people.filter((p) => p.reportingLine === undefined && p.email.trim() !== '');
  const samePeople = linesOfSamePeopleElsewhere(
    programId,
    people,
    await enrolmentsElsewhere(
      programId,
      others,
      members.map((p) => p.email),
      members.flatMap((p) => (p.employeeId ? [p.employeeId] : [])),
    ),
  );
  return [...samePeople, ...(await managersElsewhere(programId, others, [...people, ...samePeople]))];
}

/** The lines of the managers `people` name whom the program does not hold, up the chain (reportingLinesElsewhere). */
async function managersElsewhere(
  programId: string,
  others: OtherPrograms,
  people: readonly Pick<Participant, 'email' | 'manager'>[],
): Promise<ReportingLink[]> {
  const known = new Set(people.map((p) => emailKey(p.email)));
  const seen = new Set<string>();
  const lines: ReportingLink[] = [];
  const managersOf = (list: readonly Pick<Participant, 'manager'>[]) =>
    [...new Set(list.flatMap((p) => (p.manager?.email ? [emailKey(p.manager.email)] : [])))].filter((e) => !known.has(e) && !seen.has(e));
  let frontier = managersOf(people);
  for (let level = 0; level < MAX_LEVELS && frontier.length > 0; level++) {
    for (const e of frontier) seen.add(e);
    const enrolments = await enrolmentsElsewhere(programId, others, frontier, []);
    // The person at each address as another program holds them: the record that names a manager first.
    const found = frontier.flatMap((e) => {
      const live = enrolments.filter((r) => emailKey(r.email) === e);
      const record = live.find((r) => r.manager !== undefined) ?? live[0];
      return record ? [record] : [];
    });
    for (const p of found) lines.push(reportingLinkOf(p));
    frontier = managersOf(found);
  }
  return lines;
}

/** The programs other than the one matched, listed once when first needed. */
type OtherPrograms = () => Promise<string[]>;

/** The enrolments, not erased, in programs other than `programId`, under any of these addresses or employee ids. */
async function enrolmentsElsewhere(
  programId: string,
  others: OtherPrograms,
  emails: readonly string[],
  employeeIds: readonly string[],
): Promise<Participant[]> {
  const addresses = [...new Set(emails.map(emailKey))].filter((e) => e !== '');
  const ids = [...new Set(employeeIds.map(employeeIdKey))].filter((id) => id !== '');
  // Many addresses in few programs (a matching run's members): each program's address markers, read
  // whole, instead of one GSI2 query an address (each run, rematches included, read one a member:
  // 100,000 queries for 100 rematches in a cohort of 1,000). A few addresses (managers up a chain): one query each.
  const programs = ids.length > 0 || addresses.length > ADDRESSES_PER_PROGRAM_READ ? await others() : undefined;
  const byAddress =
    programs && addresses.length > programs.length * ADDRESSES_PER_PROGRAM_READ
      ? await enrolmentsOfAddressesIn(programs, addresses)
      : (await inParallel(addresses, (e) => enrolmentsByEmail(e))).flat();
  // Employee markers have no index across programs: each other program's marker of each id, batched.
  const markerKeys = ids.length > 0 ? (programs ?? []).flatMap((other) => ids.map((id) => employeeMarkerKey(other, id))) : [];
  const byEmployeeId = (await batchGet(markerKeys)).flatMap((m) => (m ? [{ programId: String(m.programId), participantId: String(m.participantId) }] : []));
  const refs = new Map(
    [...byAddress, ...byEmployeeId].filter((r) => r.programId !== programId).map((r) => [`${r.programId}\u0000${r.participantId}`, r] as const),
  );
  const items = await batchGet([...refs.values()].map((r) => participantKey(r.programId, r.participantId)));
  return items.flatMap((item) => (item ? [toParticipant(item)] : [])).filter((p) => !isErased(p));
}

/** The key of an employee id's marker in a program, as enrolment writes it (adapters/participants.ts, docs/data-model.md). */
function employeeMarkerKey(programId: string, employeeId: string): ItemKey {
  return { [KEYS.pk]: `PROGRAM#${programId}`, [KEYS.sk]: `EMPLOYEE#${createHash('sha256').update(employeeIdKey(employeeId)).digest('hex')}` };
}

/** Items by key, in BatchGetItem calls of 100 keys, a few calls at once. */
async function batchGet(keys: readonly ItemKey[]): Promise<(Record<string, unknown> | undefined)[]> {
  const chunks: ItemKey[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) chunks.push(keys.slice(i, i + BATCH_GET_LIMIT));
  return (await inParallel(chunks, getItems)).flat();
}

/** `f` over every item, at most LOOKUP_CONCURRENCY calls at once, results in the order of `items`. */
async function inParallel<T, R>(items: readonly T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += LOOKUP_CONCURRENCY) results.push(...(await Promise.all(items.slice(i, i + LOOKUP_CONCURRENCY).map(f))));
  return results;
}
