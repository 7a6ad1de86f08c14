import { describe, expect, inject, it } from 'vitest';
import { queryPartition } from '../../functions/adapters/dynamo';
import { call, useCloudTable } from './api-gateway';
import { lifecycleHarness } from './harness';

/**
 * An erasure asked for twice at once (docs/admin-api.md, Data rights: erasure): an admin's
 * repeated request, a person's double click on the confirm button. One erasure comes of it: one
 * erasureId, one audit item, one last email (QA: each caller used to run its own).
 */

const cloud = inject('cloud');
useCloudTable(cloud);

/** The ids of every audit item (`ERASURE#<erasureId>`, listed on GSI1 `ERASURES`). */
const auditIds = async () => new Set((await queryPartition('ERASURES', 'GSI1')).map((i) => String(i.erasureId)));
const newAuditIds = async (before: Set<string>) => [...(await auditIds())].filter((id) => !before.has(id));

async function tombstoneOf(programId: string, participantId: string) {
  const people = (await (await fetch(`${cloud.baseUrl}/local/participants?programId=${programId}`)).json()) as Record<string, any>[];
  return people.find((p) => p.participantId === participantId)!;
}

describe('data rights: an erasure asked for twice at once', () => {
  it('three admin requests at once: one erasure, answered "erased" once and "already-erased" with its id twice', async () => {
    const h = lifecycleHarness();
    const { mentor, programId } = await h.pair();
    const before = await auditIds();

    const answers = await Promise.all([1, 2, 3].map(() => call('POST', `/participants/${mentor.participantId}/erase`)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.status).sort()).toEqual(['already-erased', 'already-erased', 'erased']);
    const erased = answers.find((a) => a.body.status === 'erased')!.body;
    for (const a of answers) expect(a.body).toMatchObject({ erasureId: erased.erasureId, erasedAt: erased.erasedAt, counts: erased.counts });

    expect(await newAuditIds(before)).toEqual([erased.erasureId]);
    const tombstone = await tombstoneOf(programId, mentor.participantId);
    expect(tombstone.erasure).toMatchObject({ erasureId: erased.erasureId, erasedAt: erased.erasedAt });
    expect(tombstone.erasure.pending).toBeUndefined();
    const later = await call('POST', `/participants/${mentor.participantId}/erase`);
    expect(later.body).toMatchObject({ status: 'already-erased', erasureId: erased.erasureId });
    // The audit counts the erasure once, as one request alone erasing a person in the same place
    // would (QA: it kept only the share of the caller that wrote it first, e.g. no pairing ended;
    // then, with every caller's share added, a pairing ended three times).
    const alone = await h.pair();
    const sequential = await call('POST', `/participants/${alone.mentor.participantId}/erase`);
    expect(sequential.body.counts.pairingsEnded).toBe(1);
    expect(later.body.counts).toEqual(sequential.body.counts);
  });

  it('a double click on the ERASE confirm button: one erasure, one audit item, one "has been erased" email', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const eve = await h.enrol({ programId, role: 'mentee', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] });
    await h.idle();
    await h.reply(await h.lastEmailTo(eve.email), 'ERASE');
    const confirm = await h.lastEmailTo(eve.email, /^Confirm: erase your data/);
    const path = new URL(/https?:\/\/\S+?\/d\/[\w-]+\.[\w-]+/.exec(confirm.text)![0]).pathname;
    const before = await auditIds();

    const click = () => fetch(`${cloud.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect((await Promise.all([click(), click()])).map((r) => r.status)).toEqual([200, 200]);
    await h.idle();

    const tombstone = await tombstoneOf(programId, eve.participantId);
    expect(tombstone).toMatchObject({ name: '', email: '', erasure: { erasureId: expect.stringMatching(/^er_/) } });
    expect(await newAuditIds(before)).toEqual([tombstone.erasure.erasureId]);
    expect((await h.emailsTo(eve.email)).filter((e) => /has been erased/.test(e.subject))).toHaveLength(1);
  });
});
