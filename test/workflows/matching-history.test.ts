import { describe, expect, inject, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { call } from './api-gateway';
import { lifecycleHarness, runMatching, type Harness } from './harness';

/**
 * A cohort run and what came before it (docs/cohort-matching.md, Who is offered): the news that a
 * pairing ended comes before any introduction or waitlist email a run sends after it, and a pair
 * that ended for good in one program is not proposed again in another.
 */

const cloud = inject('cloud');

function people(h: Harness, programId: string) {
  const enrol = (role: 'mentor' | 'mentee', key: string, o: Partial<ParticipantIntakeInput> = {}) =>
    h.enrol({
      programId,
      role,
      name: `${key.toUpperCase()} Person${h.tag}`,
      email: `${key}-${h.tag}@example.com`,
      employeeId: `E-${key}-${h.tag}`,
      department: `Dept ${key}`,
      topicsOffered: role === 'mentor' ? ['ai-tools'] : ['strategy'],
      topicsWanted: role === 'mentor' ? ['strategy'] : ['ai-tools'],
      ...o,
    });
  return {
    mentor: (key: string, o?: Partial<ParticipantIntakeInput>) => enrol('mentor', key, o),
    mentee: (key: string, o?: Partial<ParticipantIntakeInput>) => enrol('mentee', key, o),
  };
}

const pairingsOf = async (programId: string) =>
  (await (await fetch(`${cloud.baseUrl}/local/pairings?programId=${programId}`)).json()) as {
    pairingId: string;
    mentorId: string;
    menteeId: string;
    status: string;
  }[];

describe('cohort matching and what came before', () => {
  it('leaves people whose end email waits for their working hours to the next step: the news comes first, and stays true', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ timeZone: 'Europe/London' });
    const p = people(h, programId);
    // Two pairs, kept apart by language so that each pair is the other's only fit.
    const [r1, s1, r2, s2] = [
      await p.mentor('r1', { languages: ['fr'] }),
      await p.mentee('s1', { languages: ['fr'] }),
      await p.mentor('r2'),
      await p.mentee('s2'),
    ];
    await runMatching(h, programId);
    const intro = (to: { email: string }) => h.emailsTo(to.email).then((all) => all.find((e) => /^Meet /.test(e.subject)));
    await h.until(async () => (await Promise.all([r1, s1, r2, s2].map(intro))).every(Boolean), 'PT1H', 24 * 8);
    for (const who of [r1, s1, r2, s2]) await h.reply((await intro(who))!, 'YES');

    // In the evening an admin ends r1-s1 (no rematch), s2 replies REMATCH, and two newcomers join.
    await h.evening();
    // The mailbox stamps whole seconds.
    const since = new Date(Math.floor((await h.now()).getTime() / 1000) * 1000).toISOString();
    const ofPair = async (m: { participantId: string }) => (await pairingsOf(programId)).find((x) => x.mentorId === m.participantId)!;
    expect((await call('POST', `/pairings/${(await ofPair(r1)).pairingId}/end`, { reason: 'admin-decision' })).status).toBe(202);
    await h.reply(await h.lastEmailTo(s2.email, /^You are enrolled/), 'REMATCH');
    await h.idle();
    expect((await ofPair(r1)).status).toBe('ended');
    expect((await ofPair(r2)).status).toBe('ended');
    const [r3, s3] = [await p.mentor('r3', { languages: ['fr', 'en'] }), await p.mentee('s3', { languages: ['fr', 'en'] })];

    // HR runs matching that evening: only the newcomers are offered; the four wait for their news.
    const run = await runMatching(h, programId);
    expect(run.pairs.map((x) => [x.mentorId, x.menteeId])).toEqual([[r3.participantId, s3.participantId]]);
    expect(run.unmatched).toEqual([]);
    expect(run.stats.leftForTheirEndNews).toBe(4);

    // The next working days (each person's own send time): each end email comes before any
    // introduction or waitlist email; s2's own rematch follows it (r2-s2 was their pair: both
    // wait, told so by their end email, which says a new partner is looked for: no waitlist email repeats it).
    const sentSince = async (who: { email: string }) => (await h.emailsTo(who.email)).filter((e) => e.sentAt >= since).map((e) => e.subject);
    const told = async () => (await Promise.all([r1, s1, r2, s2].map(sentSince))).every((subjects) => subjects.some((x) => /has ended/.test(x)));
    const waiting = async () =>
      (await call<{ participantId: string; status: string }[]>('GET', `/local/participants?programId=${programId}`)).body.find(
        (x) => x.participantId === s2.participantId,
      )?.status === 'waitlisted';
    await h.until(async () => (await told()) && (await waiting()), 'PT1H', 24 * 5);
    expect((await h.lastEmailTo(s2.email, /has ended/)).text.replace(/\s+/g, ' ')).toMatch(/looking for a new partner for you/);
    for (const who of [r1, s1, r2, s2]) {
      const subjects = await sentSince(who);
      const news = subjects.findIndex((x) => /has ended/.test(x));
      expect(
        subjects.slice(0, news).filter((x) => /^Meet |waitlist/.test(x)),
        JSON.stringify(subjects),
      ).toEqual([]);
      expect(subjects.filter((x) => /^Meet /.test(x))).toEqual([]);
    }
    expect((await h.emailsTo(s1.email)).filter((e) => e.sentAt >= since && /waitlist/.test(e.subject))).toEqual([]);
    const ended = await h.lastEmailTo(s1.email, /has ended/);
    expect(ended.text.replace(/\s+/g, ' ')).toMatch(/the next time the program team matches people/);

    // Now that they know, the next run offers r1 and s1 (their "next time" is this run).
    const next = await runMatching(h, programId, false);
    const offered = new Set([...next.pairs.flatMap((x) => [x.mentorId, x.menteeId]), ...next.unmatched.map((u) => u.participantId)]);
    expect(offered.has(r1.participantId) && offered.has(s1.participantId)).toBe(true);
    expect(next.stats.leftForTheirEndNews).toBeUndefined();
  });

  it('never proposes again, in a new program, a pair that ended as not a fit; a pair with another past is proposed with a note to the admins', async () => {
    const h = lifecycleHarness();
    const first = await h.program({ name: `Spring ${h.tag}`, timeZone: 'Europe/London' });
    const p1 = people(h, first);
    const [x1, y1, x2, y2] = [
      await p1.mentor('x1', { languages: ['fr'] }),
      await p1.mentee('y1', { languages: ['fr'] }),
      await p1.mentor('x2', { languages: ['de'] }),
      await p1.mentee('y2', { languages: ['de'] }),
    ];
    await runMatching(h, first);
    const intro = (to: { email: string }) => h.emailsTo(to.email).then((all) => all.find((e) => /^Meet /.test(e.subject)));
    await h.until(async () => (await Promise.all([x1, y1, x2, y2].map(intro))).every(Boolean), 'PT1H', 24 * 8);
    const pairs = await pairingsOf(first);
    // y1 found x1 not a fit (as a fit check's NO or a concern's exit ends it); y2 declined the introduction.
    await h.putEvent(
      'PairingEndRequested',
      { pairingId: pairs.find((x) => x.mentorId === x1.participantId)!.pairingId, reason: 'not-a-fit' },
      'crossgen.admin',
    );
    await h.reply((await intro(y2))!, 'NO, thank you');
    await h.idle();
    expect((await pairingsOf(first)).map((x) => x.status).sort()).toEqual(['ended', 'not-started']);

    // The same four people (same addresses and employee ids) join the next program.
    const second = await h.program({ name: `Autumn ${h.tag}`, timeZone: 'Europe/London' });
    const p2 = people(h, second);
    const [x1b, y1b, x2b, y2b] = [
      await p2.mentor('x1', { languages: ['fr'] }),
      await p2.mentee('y1', { languages: ['fr'] }),
      await p2.mentor('x2', { languages: ['de'] }),
      await p2.mentee('y2', { languages: ['de'] }),
    ];
    const run = await runMatching(h, second, false);
    expect(run.pairs.map((x) => [x.mentorId, x.menteeId])).toEqual([[x2b.participantId, y2b.participantId]]);
    expect(run.pairs[0]!.tradeOffs[0]).toBe(`X2 Person${h.tag} and Y2 Person${h.tag} were partners before, in Spring ${h.tag} (it never started)`);
    expect(run.unmatched.map((u) => u.participantId).sort()).toEqual([x1b.participantId, y1b.participantId].sort());
    for (const u of run.unmatched) expect(u.reason).toMatch(/partner before/);

    await h.idle();
    const approval = (await h.emailsTo(h.admin)).find((e) => /^Approve matching for/.test(e.subject) && e.text.includes(`Autumn ${h.tag}`));
    expect(approval?.text.replace(/\s+/g, ' ')).toContain(`were partners before, in Spring ${h.tag} (it never started)`);
  });
});
