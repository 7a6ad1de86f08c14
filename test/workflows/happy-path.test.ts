import { describe, expect, inject, it } from 'vitest';
import { lifecycleHarness } from './harness';

describe('PairingLifecycle: a full 6-month program in simulated time', () => {
  it('introduces, runs every check-in and review, recognises both and the consenting manager only', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, executionArn } = await h.pair({ menteeConsent: true, mentorConsent: false });

    // Introduction: both learn why they were matched, the role guidance and how to answer.
    const introMentor = await h.lastEmailTo(mentor.email, /./);
    const introMentee = await h.lastEmailTo(mentee.email, /./);
    for (const intro of [introMentor, introMentee]) {
      expect(intro.text).toContain('You both care about AI tools');
      expect(intro.replyTo[0]).toMatch(/^reply\+[a-z2-7]+\.[a-z0-9]+@reply\.example\.com$/);
      expect(intro.text).toMatch(/\/r\//);
    }
    expect(introMentor.text).toMatch(/ask questions/i);
    expect(introMentee.text).toMatch(/curiosity/i);
    expect(introMentor.text).toContain('Sam');
    expect(introMentee.text).toContain('Mia');

    await h.reply(introMentor, 'Yes, happy to!');
    await h.reply(introMentee, 'YES');
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');

    // Every question is answered: check-ins with a rating, reviews with progress and a score.
    const status = await h.runUntilDone(executionArn, [mentor.email, mentee.email], (email) =>
      /questions/i.test(email.subject)
        ? 'PROGRESS 4, RECOMMEND 9\nLEARNED: prompt writing\nTAUGHT: how budgets get approved'
        : 'Yes 5 - great session on AI tools',
    );
    expect(status).toBe('SUCCEEDED');
    const done = await h.execution(executionArn);
    expect(done.status, await h.failure(executionArn)).toBe('SUCCEEDED');
    const { pairing, checkIns, reviews } = await h.pairing(pairingId);
    expect(pairing.status).toBe('completed');
    expect(pairing.checkInsHeld).toBeGreaterThanOrEqual(8);
    expect(checkIns.every((c) => c.met)).toBe(true);
    expect(reviews.length).toBe(6); // day 30, day 90, end: both people
    const recognitionMentor = await h.lastEmailTo(mentor.email, /your reverse-mentoring journey/i);
    expect(recognitionMentor.attachments.some((a) => a.contentType.includes('svg'))).toBe(true);
    expect(recognitionMentor.text).toContain(String(pairing.checkInsHeld));
    expect(await h.emailsTo(`mentee-boss-${h.tag}@example.com`)).toHaveLength(1);
    expect(await h.emailsTo(`mentor-boss-${h.tag}@example.com`)).toHaveLength(0);
    const events = await h.events(pairingId);
    expect(events[0]).toBe('PairingAccepted');
    expect(events).toContain('CheckInCompleted');
    expect(events).toContain('MilestoneReviewed');
    expect(events.slice(-2)).toEqual(['PairingCompleted', 'RecognitionAwarded']);
    expect(events).not.toContain('CheckInMissed');

    // The program report counts it; with two people, every rate and average is withheld (fewer than 5: k-anonymity).
    const { programId } = pairing;
    const report = (await (await fetch(`${inject('cloud').baseUrl}/programs/${programId}/report`)).json()) as Record<string, any>;
    const withheld = { withheld: true, reason: 'fewer than 5 people' };
    expect(report.pairings).toMatchObject({ total: 1, acceptanceRate: withheld, completionRate: withheld });
    expect(report.pairings.byStatus.completed).toBe(1);
    expect(report.engagement).toMatchObject({
      checkInsHeld: pairing.checkInsHeld,
      checkInsMissed: 0,
      attendanceRate: withheld,
      averageCheckInRating: withheld,
    });
    // Nobody rated a topic (the replies gave one overall number): no per-topic change, never that number copied across topics.
    expect(report.skills).toEqual([]);
    expect(report.satisfaction).toMatchObject({ reviews: 6, averageRecommend: withheld, netPromoterScore: withheld });
    expect(report.participants).toMatchObject({ total: 2, mentors: 1, mentees: 1, byStatus: { completed: 2, paired: 0 } });
    expect(JSON.stringify(report)).not.toMatch(/@|Mia|Sam/);
  });
});
