import { createHash } from 'node:crypto';
import { emailKey, employeeIdKey, type ParticipantStatus } from '../participant';
import { OPEN_TO_MATCHING } from '../rematch-policy';
import type { MatchParticipant } from './features';
import { interestKey } from './text';

/**
 * Who is in whose reporting line, as far as the cohort tells us. Everyone's identity (email and
 * employee id) and everyone's manager reference (email and/or employee id) are merged into person
 * nodes, so that "manager by email" in one record and "manager by employee id" in another still
 * meet. Reports form a forest; an Euler tour makes "is an ancestor of" two integer comparisons,
 * which keeps the rule cheap enough for 10^8 pairs. Cycles (bad HR data) are collapsed into one
 * node: everyone on a management cycle is in everyone else's chain.
 * An address HR replaced (`formerEmails`) still names its person: HRIS manager fields often carry
 * it for months, and a junior whose record names their manager's old address must not be paired
 * with that manager. It stops naming them once someone among the people compared holds it now (it
 * is theirs then), and names nobody while two people each list it as a former address.
 */
export interface ReportingChains {
  /** True when one of the two participants (by index) is above the other, however far up. */
  sameChain(a: number, b: number): boolean;
}

class UnionFind {
  private readonly parent: number[] = [];
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[x] !== r) {
      const next = this.parent[x]!;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * What an erased person's tombstone keeps of their place in the lines: SHA-256 digests of their
 * employee-id key and their manager's (`digestKey`), nothing readable. A junior still reports,
 * through them, to their manager's manager (functions/domain/erasure.ts).
 */
export interface ReportingLineDigests {
  readonly self: readonly string[];
  readonly manager: readonly string[];
}

/** Someone's place in the reporting lines: who they are (their former addresses too), and whom they report to. */
export type ReportingLink = Pick<MatchParticipant, 'email' | 'employeeId' | 'manager' | 'formerEmails'> & { readonly reportingLine?: ReportingLineDigests };

/** The fields of a person that place them in the reporting lines, and nothing else (a line passed on to matching). */
export function reportingLinkOf(p: ReportingLink): ReportingLink {
  return {
    email: p.email,
    ...(p.employeeId ? { employeeId: p.employeeId } : {}),
    ...(p.manager ? { manager: p.manager } : {}),
    ...(p.formerEmails && p.formerEmails.length > 0 ? { formerEmails: p.formerEmails } : {}),
    ...(p.reportingLine ? { reportingLine: p.reportingLine } : {}),
  };
}

/** The keys that name a person in the lines: their address and their employee id, as compared. */
export function identityKeys(email?: string, employeeId?: string): string[] {
  return [...(email ? [`e:${emailKey(email)}`] : []), ...(employeeId ? [`id:${employeeIdKey(employeeId)}`] : [])];
}

/** A key as a tombstone keeps it. */
export function digestKey(key: string): string {
  return `h:${createHash('sha256').update(key).digest('hex')}`;
}

/**
 * `others`: people outside the question (someone who left, withdrew or finished) whose place in
 * the lines still links the participants: a junior whose manager left still reports, through
 * that manager, to the manager's manager.
 */
export function buildReportingChains(participants: readonly ReportingLink[], others: readonly ReportingLink[] = []): ReportingChains {
  const uf = new UnionFind();
  const keyNode = new Map<string, number>();
  const nodeFor = (keys: string[]): number => {
    let node = -1;
    for (const k of keys) {
      let n = keyNode.get(k);
      if (n === undefined) {
        n = uf.add();
        keyNode.set(k, n);
      }
      if (node < 0) node = n;
      else uf.union(node, n);
    }
    return node;
  };
  const everyone: readonly ReportingLink[] = [...participants, ...others];
  // With a tombstone among them, everyone's keys are compared as digests (only then: it costs a
  // hash per key).
  const digested = everyone.some((p) => p.reportingLine !== undefined);
  const identity = (email?: string, employeeId?: string): string[] => {
    const keys = identityKeys(email, employeeId);
    return digested ? keys.map(digestKey) : keys;
  };
  const selfNodes = everyone.map((p) => nodeFor(p.reportingLine ? [...p.reportingLine.self] : identity(p.email, p.employeeId)));
  // Former addresses join their person after every current identity is known, so that one held
  // now by someone else, or listed by two people (by any of their identities), joins nobody. A
  // tombstone keeps no address at all.
  const heldNow = new Set(everyone.flatMap((p) => (p.reportingLine || !p.email ? [] : [emailKey(p.email)])));
  const formerOwners = new Map<string, Set<number>>();
  everyone.forEach((p, i) => {
    if (p.reportingLine || selfNodes[i]! < 0) return;
    for (const former of p.formerEmails ?? []) {
      const key = emailKey(former);
      if (key === '' || heldNow.has(key)) continue;
      formerOwners.set(key, (formerOwners.get(key) ?? new Set()).add(uf.find(selfNodes[i]!)));
    }
  });
  for (const [key, owners] of formerOwners) {
    if (owners.size === 1) uf.union([...owners][0]!, nodeFor(identity(key)));
  }
  const managerNodes = everyone.map((p) =>
    p.reportingLine
      ? p.reportingLine.manager.length > 0
        ? nodeFor([...p.reportingLine.manager])
        : -1
      : p.manager
        ? nodeFor(identity(p.manager.email, p.manager.employeeId))
        : -1,
  );

  const count = keyNode.size;
  const root = (n: number) => uf.find(n);
  const managerOf = new Int32Array(count).fill(-1);
  everyone.forEach((_, i) => {
    // Someone with no key at all (a tombstone of a person who had no employee id) has no node.
    if (selfNodes[i]! < 0) return;
    const self = root(selfNodes[i]!);
    if (managerNodes[i]! >= 0 && managerOf[self] === -1) {
      const boss = root(managerNodes[i]!);
      if (boss !== self) managerOf[self] = boss;
    }
  });

  // Collapse management cycles: in a graph where each node has at most one manager, every
  // component holds at most one cycle, found by walking up until a node repeats.
  const rep = Int32Array.from({ length: count }, (_, i) => i);
  const state = new Uint8Array(count); // 0 new, 1 on the current walk, 2 done
  for (let start = 0; start < count; start++) {
    if (state[start] !== 0) continue;
    const walk: number[] = [];
    let n = start;
    while (n >= 0 && state[n] === 0) {
      state[n] = 1;
      walk.push(n);
      n = managerOf[n]!;
    }
    if (n >= 0 && state[n] === 1) {
      const cycle = walk.slice(walk.indexOf(n));
      const r = Math.min(...cycle);
      for (const c of cycle) rep[c] = r;
      managerOf[r] = -1;
    }
    for (const w of walk) state[w] = 2;
  }
  const parent = new Int32Array(count).fill(-1);
  for (let n = 0; n < count; n++) {
    if (rep[n] !== n) continue;
    const boss = managerOf[n]!;
    if (boss >= 0 && rep[boss] !== n) parent[n] = rep[boss]!;
  }

  const children: number[][] = Array.from({ length: count }, () => []);
  for (let n = 0; n < count; n++) if (parent[n]! >= 0) children[parent[n]!]!.push(n);
  const enter = new Int32Array(count);
  const leave = new Int32Array(count);
  let clock = 0;
  for (let n = 0; n < count; n++) {
    if (rep[n] !== n || parent[n] !== -1) continue;
    const stack: [number, number][] = [[n, 0]];
    enter[n] = clock++;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const kids = children[top[0]]!;
      if (top[1] < kids.length) {
        const child = kids[top[1]++]!;
        enter[child] = clock++;
        stack.push([child, 0]);
      } else {
        leave[top[0]] = clock++;
        stack.pop();
      }
    }
  }

  // A person with no node (no key at all: a tombstone of someone who had no employee id) is in
  // nobody's line, not even another such person's: -1 never compares as a place in the lines.
  const personOf = Int32Array.from(selfNodes.slice(0, participants.length), (n) => (n < 0 ? -1 : rep[root(n)]!));
  const above = (x: number, y: number) => enter[x]! <= enter[y]! && leave[y]! <= leave[x]!;
  return {
    sameChain(a: number, b: number): boolean {
      const x = personOf[a]!;
      const y = personOf[b]!;
      if (x < 0 || y < 0) return false;
      return above(x, y) || above(y, x);
    },
  };
}

/**
 * The proposed pairs the hard rules now rule out, by index into `pairs`, with why: HR may move a
 * manager or a department between a proposal and its approval. `people` are everyone the program
 * knows, those who left included, so that a reporting line through them still counts. A pair one
 * of whose people is no longer in the program (left, withdrew, erased: `status` not open to
 * matching) is not ruled out here: that comes first, and whyPairCannotStart (free-to-start.ts)
 * says it ("the mentor is no longer in the program"). `linesElsewhere`: the lines other programs
 * record for them, as matching reads them (functions/adapters/reporting-elsewhere.ts).
 */
export function proposedPairsRuledOut(
  pairs: readonly { readonly mentorId: string; readonly menteeId: string }[],
  people: readonly (ReportingLink & { readonly participantId: string; readonly department: string; readonly status?: ParticipantStatus })[],
  rules: { readonly notSameDepartment: boolean },
  linesElsewhere: readonly ReportingLink[] = [],
): { index: number; reason: string }[] {
  const chains = buildReportingChains(people, linesElsewhere);
  const index = new Map(people.map((p, i) => [p.participantId, i]));
  const inProgram = (i: number) => people[i]!.status === undefined || OPEN_TO_MATCHING.includes(people[i]!.status!);
  return pairs.flatMap((pair, i) => {
    const a = index.get(pair.mentorId);
    const b = index.get(pair.menteeId);
    if (a === undefined || b === undefined || !inProgram(a) || !inProgram(b)) return [];
    if (chains.sameChain(a, b)) return [{ index: i, reason: 'the mentor and mentee are now in one reporting line' }];
    if (rules.notSameDepartment && interestKey(people[a]!.department) === interestKey(people[b]!.department))
      return [{ index: i, reason: 'the mentor and mentee are now in the same department' }];
    return [];
  });
}
