import { describe, expect, inject, it } from 'vitest';
import { lifecycleHarness, type Harness } from './harness';

/** The admins' weekly digest (docs/emails.md, Admin digest) on the local cloud. */

const cloud = inject('cloud');

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${cloud.baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Changes a program through the admin API, at its current version (the answer must be 200). */
async function patchProgram(programId: string, change: Record<string, unknown>): Promise<void> {
  const current = await call('GET', `/programs/${programId}`);
  const patched = await call('PATCH', `/programs/${programId}`, change, { 'if-match': current.headers.get('etag') ?? '' });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
}

/**
 * Moves the clock to 5 minutes past the next full hour (UTC) and makes that hour the first
 * working hour of the programs' digest day, every day a working day: the digest is due then.
 */
async function digestHour(h: Harness, programIds: string[]): Promise<Date> {
  const now = await h.now();
  const at = new Date(Math.ceil((now.getTime() + 60_000) / 3_600_000) * 3_600_000 + 5 * 60_000);
  const hour = String(at.getUTCHours()).padStart(2, '0');
  for (const programId of programIds) {
    await patchProgram(programId, {
      digest: { day: WEEKDAYS[at.getUTCDay()] },
      workingHours: {
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        start: `${hour}:00`,
        end: hour === '23' ? '23:59' : `${String(at.getUTCHours() + 1).padStart(2, '0')}:00`,
      },
    });
  }
  const moved = await call('POST', '/local/clock', { to: at.toISOString() });
  expect(moved.status).toBe(200);
  return at;
}

async function fireDigest(): Promise<void> {
  const schedules = (await (await fetch(`${cloud.baseUrl}/local/schedules`)).json()) as { name: string; expression: string }[];
  const rule = schedules.find((s) => s.name.startsWith('AdminDigestSchedule'));
  expect(rule?.expression).toBe('rate(1 hour)');
  const fired = await call('POST', `/local/schedules/${rule!.name}`);
  expect(fired.status, JSON.stringify(fired.body)).toBe(200);
}

describe('admin digest', () => {
  it('gathers the week’s routine notices into one email per admin on the digest day, instead of one email each, and sends it once', async () => {
    const h = lifecycleHarness();
    const second = `second-${h.admin}`;
    const programId = await h.program({ admins: [h.admin, second] });
    const quietAdmin = `quiet-${h.admin}`;
    const quiet = await h.program({ admins: [quietAdmin] });

    // One pairing does not start (the mentee declines), one starts (both accept).
    const declined = await h.pair({ programId });
    await h.reply(await h.lastEmailTo(declined.mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(declined.mentee.email, /^Meet /), 'No, I am moving to another role.');
    const accepted = await h.pair({ programId });
    await h.reply(await h.lastEmailTo(accepted.mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(accepted.mentee.email, /^Meet /), 'yes');
    await h.until(
      async () => (await h.pairing(declined.pairingId)).pairing.status === 'not-started' && (await h.pairing(accepted.pairingId)).pairing.status === 'active',
      'PT1H',
    );
    // Routine notices no longer come one by one.
    await h.advance('PT8H');
    const noticeMails = (await h.emailsTo(h.admin)).filter((e) => /did not start|accepted|started/i.test(e.subject));
    expect(noticeMails).toEqual([]);

    // The declined pairing's mentor is an admin of the program too: what the mentee said is not for them.
    await patchProgram(programId, { admins: [h.admin, second, declined.mentor.email] });

    await digestHour(h, [programId, quiet]);
    await fireDigest();
    const own = (await h.emailsTo(declined.mentor.email)).filter((e) => /weekly digest/.test(e.subject));
    expect(own).toHaveLength(1);
    const ownText = own[0]!.text.replace(/\s+/g, ' ');
    expect(ownText).toContain(`Reference: pairing ${accepted.pairingId}`);
    expect(ownText).not.toContain(declined.pairingId);
    expect(ownText).not.toContain('moving to another role');
    const digests = (await h.emailsTo(h.admin)).filter((e) => /weekly digest/.test(e.subject));
    expect(digests).toHaveLength(1);
    const text = digests[0]!.text.replace(/\s+/g, ' ');
    expect(text).toContain('Pairings that did not start since the last digest');
    expect(text).toContain(`Reference: pairing ${declined.pairingId}`);
    expect(text).toContain('declined: I am moving to another role');
    expect(text).toContain('Pairings that started since the last digest');
    expect(text).toContain(`Reference: pairing ${accepted.pairingId}`);
    expect((await h.emailsTo(second)).filter((e) => /weekly digest/.test(e.subject))).toHaveLength(1);
    // A program with nothing to say sends nothing.
    expect((await h.emailsTo(quietAdmin)).filter((e) => /weekly digest/.test(e.subject))).toEqual([]);

    // Firing again in the same hour (a retry, a duplicate schedule) sends nothing more.
    await fireDigest();
    expect((await h.emailsTo(h.admin)).filter((e) => /weekly digest/.test(e.subject))).toHaveLength(1);
  });

  it('tells the admins whose address stopped working (a hard bounce during a pairing), with what to do', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ admins: [h.admin] });
    const pair = await h.pair({ programId });
    await h.reply(await h.lastEmailTo(pair.mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(pair.mentee.email, /^Meet /), 'yes');
    const bounced = await call('POST', '/local/mail-feedback', { address: pair.mentor.email, kind: 'bounce' });
    expect(bounced.status).toBe(202);
    await h.until(async () => (await h.pairing(pair.pairingId)).pairing.status === 'ended', 'PT1H');

    await digestHour(h, [programId]);
    await fireDigest();
    const digest = (await h.emailsTo(h.admin)).filter((e) => /weekly digest/.test(e.subject));
    expect(digest).toHaveLength(1);
    const text = digest[0]!.text.replace(/\s+/g, ' ');
    expect(text).toContain('Email addresses that stopped working since the last digest');
    expect(text).toMatch(/\(mentor\): their address bounced on .*, so we send them nothing more/);
    expect(text).toContain('enrol them again under a working address (POST /participants)');
    expect(text).toContain(`Reference: participant ${pair.mentor.participantId}`);
  });

  it('names a running pairing that ended early (the mentee replied STOP), in neutral words, with where the mentor stands; not to an admin who is one of the pair (QA life7)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ admins: [h.admin] });
    const pair = await h.pair({ programId });
    await h.reply(await h.lastEmailTo(pair.mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(pair.mentee.email, /^Meet /), 'yes');
    await h.until(async () => (await h.pairing(pair.pairingId)).pairing.status === 'active', 'PT1H');
    await h.reply(await h.lastEmailTo(pair.mentee.email), 'STOP');
    await h.until(async () => (await h.pairing(pair.pairingId)).pairing.status === 'ended', 'PT1H');
    expect((await h.pairing(pair.pairingId)).pairing.statusReason).toBe('participant-withdrew');
    // The mentor helps run the program: an item about their own pairing is not for them.
    await patchProgram(programId, { admins: [h.admin, pair.mentor.email] });

    await digestHour(h, [programId]);
    await fireDigest();
    const digest = (await h.emailsTo(h.admin)).filter((e) => /weekly digest/.test(e.subject));
    expect(digest).toHaveLength(1);
    const text = digest[0]!.text.replace(/\s+/g, ' ');
    expect(text).toContain('Pairings that ended early since the last digest');
    expect(text).toMatch(
      new RegExp(
        `The pairing of Mia Mentor${h.tag} \\(mentor\\) and Sam Senior${h.tag} \\(mentee\\) ended on \\w+ \\d+ \\w+ \\d{4}: one of the pair left the program\\.`,
      ),
    );
    expect(text).toMatch(new RegExp(`Mia Mentor${h.tag} (is on the waitlist for a new partner|is offered a new partner)`));
    expect(text).toContain(`Reference: pairing ${pair.pairingId}`);
    expect(text).not.toMatch(/participant-withdrew|STOP/);
    const theirs = (await h.emailsTo(pair.mentor.email)).filter((e) => /weekly digest/.test(e.subject));
    // Their digest has the waitlist (themselves) to say, and nothing about their pairing.
    expect(theirs).toHaveLength(1);
    expect(theirs[0]!.text).not.toContain(pair.pairingId);
    expect(theirs[0]!.text).not.toContain('ended early');
  });

  it('does not say matching can pair the two people an admin just parted, when they are the only two waiting (QA)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ admins: [h.admin] });
    const pair = await h.pair({ programId });
    await h.reply(await h.lastEmailTo(pair.mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(pair.mentee.email, /^Meet /), 'yes');
    await h.until(async () => (await h.pairing(pair.pairingId)).pairing.status === 'active', 'PT1H');
    const end = await call('POST', `/pairings/${pair.pairingId}/end`, { reason: 'circumstances-changed' });
    expect(end.status, JSON.stringify(end.body)).toBeLessThan(300);
    await h.until(async () => (await h.pairing(pair.pairingId)).pairing.status === 'ended', 'PT1H');

    await digestHour(h, [programId]);
    await fireDigest();
    const digest = (await h.emailsTo(h.admin)).filter((e) => /weekly digest/.test(e.subject));
    expect(digest).toHaveLength(1);
    const text = digest[0]!.text.replace(/\s+/g, ' ');
    expect(text).toContain('2 people are waiting for a partner');
    expect(text).toContain('Matching cannot pair them now: the 2 waiting were partners before, and are not paired again.');
    expect(text).not.toContain('Matching can pair them now');
  });

  it('does not say matching can pair a waiting mentee who shares no language with any waiting mentor (QA hr8)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ admins: [h.admin] });
    for (const languages of [['en'], ['de', 'en']])
      await h.enrol({ programId, role: 'mentor', languages, topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] });
    await h.enrol({ programId, role: 'mentee', languages: ['ja'], topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] });

    await digestHour(h, [programId]);
    await fireDigest();
    const digest = (await h.emailsTo(h.admin)).filter((e) => /weekly digest/.test(e.subject));
    expect(digest).toHaveLength(1);
    const text = digest[0]!.text.replace(/\s+/g, ' ');
    expect(text).toContain('3 people are waiting for a partner');
    expect(text).toContain(
      'Matching cannot pair them now: of the 2 pairs of a mentor and a mentee among them, 2 share no language, and none of them may be paired.',
    );
    expect(text).not.toContain('Matching can pair them now');
  });

  it('lists every private concern nobody has acknowledged, one raised with no pairing too, never to an admin who is the partner', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ admins: [h.admin] });
    // Waiting to be matched: no pairing watches this case, so only the digest reminds the admins.
    const waiting = await h.enrol({ programId, role: 'mentee', name: `Wen Waiting${h.tag}` });
    await h.reply(await h.lastEmailTo(waiting.email, /^You are enrolled/), 'CONCERN: I have heard nothing for weeks.');
    // A pair whose mentor helps run the program: the mentee's concern is not for them.
    const pair = await h.pair({ programId });
    await h.reply(await h.lastEmailTo(pair.mentee.email, /^Meet /), 'CONCERN: my mentor mocks my age.');
    await patchProgram(programId, { admins: [h.admin, pair.mentor.email] });

    await digestHour(h, [programId]);
    await fireDigest();
    const digest = (await h.emailsTo(h.admin)).filter((e) => /weekly digest/.test(e.subject));
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toContain('2 private concerns not acknowledged');
    const text = digest[0]!.text.replace(/\s+/g, ' ');
    expect(text).toContain('Private concerns not acknowledged yet');
    expect(text).toContain(`Wen Waiting${h.tag} (mentee), raised on`);
    expect(text).toContain(`Sam Senior${h.tag} (mentee), raised on`);
    expect(text).not.toMatch(/heard nothing|mocks my age/);
    const theirs = (await h.emailsTo(pair.mentor.email)).filter((e) => /weekly digest/.test(e.subject));
    expect(theirs).toHaveLength(1);
    expect(theirs[0]!.subject).toContain('1 private concern not acknowledged');
    expect(theirs[0]!.text.replace(/\s+/g, ' ')).toContain(`Wen Waiting${h.tag} (mentee), raised on`);
    expect(theirs[0]!.text.replace(/\s+/g, ' ')).not.toContain(`Sam Senior${h.tag} (mentee), raised on`);
  });
});
