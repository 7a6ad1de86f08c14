import { describe, expect, it } from 'vitest';
import {
  addCounts,
  isErased,
  isOnlyTheirWords,
  NO_COUNTS,
  redact,
  redactionTargets,
  REMOVED,
  scrubConcern,
  scrubPairing,
  scrubPairingRecord,
  tombstoneOf,
} from '../../../functions/domain/erasure';
import { participantIntakeSchema, type Participant } from '../../../functions/domain/participant';
import { adminEscalation, partnerLeft } from '../../../functions/domain/emails';
import { calendarAttachment } from '../../../functions/domain/emails/calendar';
import { BENIGN, renderAll } from '../emails/fixtures';
import { intakeInput } from '../../fixtures/intake/participants';

const targets = { names: ['Mia Mentor'], emails: ['Mia@Example.com'] };
const erased = { participantId: 'pt_mia', side: 'mentor' as const, emails: targets.emails };

const mia = (status: Participant['status'] = 'paired'): Participant => ({
  ...participantIntakeSchema.parse(intakeInput({ programId: 'q3', name: 'Mia Mentor', email: 'mia@example.com', employeeId: 'E-1' })),
  participantId: 'pt_mia',
  status,
  createdAt: '2027-01-04T09:00:00.000Z',
  updatedAt: '2027-01-04T09:00:00.000Z',
  version: 3,
});

describe('erasure: the tombstone', () => {
  it('keeps role, status and dates, and nothing that says who the person was', () => {
    const mark = { erasureId: 'er_1', startedAt: '2027-03-01T00:00:00.000Z', enrolments: ['pt_mia'] };
    const t = tombstoneOf(mia(), mark, new Date('2027-03-01T00:00:00Z'));
    expect(t).toMatchObject({ participantId: 'pt_mia', programId: 'q3', role: 'mentor', status: 'withdrawn', version: 4, erasure: mark });
    const text = JSON.stringify(t);
    for (const personal of ['Mia', 'mia@example.com', 'E-1', mia().department, mia().goals, mia().location]) expect(text).not.toContain(personal);
    expect(isErased(t)).toBe(true);
    expect(isErased(mia())).toBe(false);
    // The consent given at intake is gone with the rest: none is held any more.
    expect(mia().consent.dataProcessing).toBe(true);
    expect(t.consent).toEqual({ dataProcessing: false, shareProgressWithManager: false });
  });

  it('keeps an alumnus an alumnus and anyone else withdrawn', () => {
    const mark = { erasureId: 'er_1', startedAt: '2027-03-01T00:00:00.000Z', enrolments: ['pt_mia'] };
    const at = new Date('2027-03-01T00:00:00Z');
    expect(tombstoneOf(mia('completed'), mark, at).status).toBe('completed');
    expect(tombstoneOf(mia('left'), mark, at).status).toBe('left');
    expect(tombstoneOf(mia('enrolled'), mark, at).status).toBe('withdrawn');
    expect(tombstoneOf(mia('waitlisted'), mark, at).status).toBe('withdrawn');
  });
});

describe('erasure: redaction', () => {
  it('empties a value that is the name or address, in any letter case, and replaces it inside longer text', () => {
    const out = redact(
      { partner: { name: 'mia mentor' }, to: 'MIA@example.com', note: 'Mia Mentor (mia@example.com) was great', n: 4, list: ['x', 'Mia Mentor'] },
      targets,
    );
    expect(out.changed).toBe(true);
    expect(out.value).toEqual({ partner: { name: '' }, to: '', note: `${REMOVED} (${REMOVED}) was great`, n: 4, list: ['x', ''] });
  });

  it('changes nothing, and says so, when the text does not name them', () => {
    const input = { note: 'Mia was great', rating: 5 };
    const out = redact(input, targets);
    expect(out).toEqual({ value: input, changed: false });
    expect(redact(input, { names: ['M'], emails: [] }).changed).toBe(false);
  });

  it('looks for every address they had, and marks those an HR update replaced (QA privacy3)', () => {
    const t = redactionTargets([{ name: 'Ximena Ruiz', email: 'x.new@example.com', formerEmails: ['ximena@example.com', 'X.NEW@example.com'] }]);
    expect(t.emails).toEqual(['x.new@example.com', 'ximena@example.com', 'X.NEW@example.com']);
    expect(t.formerEmails).toEqual(['ximena@example.com']);
    expect(redact({ manager: { email: 'ximena@example.com' }, note: 'write to ximena@example.com' }, t).value).toEqual({
      manager: { email: '' },
      note: `write to ${REMOVED}`,
    });
    expect(redactionTargets([{ name: 'Mia Mentor', email: 'mia@example.com' }]).formerEmails).toBeUndefined();
  });

  it('looks for every name they had, the first name and every other part of each, as whole words only', () => {
    const t = redactionTargets([{ name: 'Mia Mentor', email: 'mia@example.com', formerNames: ['Mia Old-Name', 'Ben Smith'] }]);
    expect(t).toEqual({
      names: ['Mia Mentor', 'Mia Old-Name', 'Ben Smith', 'Mia', 'Ben', 'Mentor', 'Old-Name', 'Smith', 'Old', 'Name'],
      emails: ['mia@example.com'],
    });
    const out = redact({ note: 'Mia showed me; Ben Smith too. Benefits of Miami, mia!', why: 'which Ben ranked first' }, t);
    expect(out.value).toEqual({ note: `${REMOVED} showed me; ${REMOVED} too. Benefits of Miami, ${REMOVED}!`, why: `which ${REMOVED} ranked first` });
    // Accented and non-Latin names are whole words too.
    const zoe = redactionTargets([{ name: 'Zoë Ødegård', email: 'z@example.com' }]);
    expect(redact('Zoë, Zoëlle and Zoë Ødegård; Ødegård alone, Odegards plan', zoe).value).toBe(
      `${REMOVED}, Zoëlle and ${REMOVED}; ${REMOVED} alone, ${REMOVED} plan`,
    );
  });

  it('removes their surname from the partner’s notes too, as program feedback does (QA: "Quixby rocks" stayed)', () => {
    const t = redactionTargets([{ name: 'Zoltan Quixby', email: 'zq@example.com' }]);
    const note = "Zoltan showed me three AI tools; zoltan's tips on the walrus project were great, Quixby rocks. QUIXBY's deck too";
    expect(redact(note, t).value).toBe(
      `${REMOVED} showed me three AI tools; ${REMOVED}'s tips on the walrus project were great, ${REMOVED} rocks. ${REMOVED}'s deck too`,
    );
    // Each half of a hyphenated surname, and a name written "Surname, First" as HR exports do.
    const hyphen = redactionTargets([{ name: 'Lovelace-Byron, Ada', email: 'ada@example.com' }]);
    expect(redact('Byron and Lovelace helped; so did Ada', hyphen).value).toBe(`${REMOVED} and ${REMOVED} helped; so did ${REMOVED}`);
    // A surname that is also a word goes in every case (an erasure errs on the side of removing) ...
    const long = redactionTargets([{ name: 'Will Long', email: 'wl@example.com' }]);
    expect(redact('a long talk with Long', long).value).toBe(`a ${REMOVED} talk with ${REMOVED}`);
    // ... but a particle or an initial names nobody, and stays.
    const van = redactionTargets([{ name: 'Ludwig J. van Beethoven', email: 'lvb@example.com' }]);
    expect(van.names).not.toContain('van');
    expect(van.names).not.toContain('J.');
    expect(redact('the van from J. Smith de Paris; Beethoven came', van).value).toBe(`the van from J. Smith de Paris; ${REMOVED} came`);
    const bin = redactionTargets([{ name: 'محمد بن سلمان', email: 'mo@example.com' }]);
    expect(redact('شكرا لمحمد بن علي وسلمان', bin).value).toBe(`شكرا ل${REMOVED} بن علي و${REMOVED}`);
  });

  it('finds names as program feedback does, in any Unicode form and script (QA: a decomposed, a Chinese, an Arabic name)', () => {
    const jose = redactionTargets([{ name: 'José Núñez'.normalize('NFD'), email: 'jose@example.com' }]);
    const note = { note: "YES 4 José showed me how to use AI notes. Thanks JOSE NUNEZ, josé's tips", partner: { name: 'José Núñez' } };
    expect(redact(note, jose).value).toEqual({
      note: `YES 4 ${REMOVED} showed me how to use AI notes. Thanks ${REMOVED}, ${REMOVED}'s tips`,
      partner: { name: '' },
    });
    const wang = redactionTargets([{ name: '王芳', email: 'wf@example.com' }]);
    expect(redact('我和王芳一起讨论了AI工具，王芳很有耐心', wang).value).toBe(`我和${REMOVED}一起讨论了AI工具，${REMOVED}很有耐心`);
    const mo = redactionTargets([{ name: 'محمد بن سلمان', email: 'mo@example.com' }]);
    expect(redact('تحدثت مع محمد عن الذكاء الاصطناعي وشكرا لمحمد', mo).value).toBe(`تحدثت مع ${REMOVED} عن الذكاء الاصطناعي وشكرا ل${REMOVED}`);
  });

  it('errs on the side of removing a name that is also a word, and leaves a text without names as it was', () => {
    const will = redactionTargets([{ name: 'Will Grant', email: 'will@example.com' }]);
    expect(redact('I will ask will@example.com; WILL was great', will).value).toBe(`I ${REMOVED} ask ${REMOVED}; ${REMOVED} was great`);
    const decomposed = 'Rene\u0301e was kind';
    expect(redact({ note: decomposed }, will)).toEqual({ value: { note: decomposed }, changed: false });
  });
});

describe('erasure: concern cases', () => {
  const now = new Date('2027-03-01T10:00:00Z');
  const concernErasure = { participantIds: ['pt_mia'], addresses: targets.emails };
  const admins = ['admin@example.com'];
  it('a case they raised loses their words and the admin note and is resolved; one their partner raised loses their name', () => {
    const theirs = {
      concernId: 'cn_1',
      participantId: 'pt_mia',
      partnerId: 'pt_sam',
      text: 'my health, keep private',
      note: 'called her',
      acknowledgedNote: 'called her',
      resolvedNote: 'she is fine',
      state: 'acknowledged',
      version: 2,
    };
    expect(scrubConcern(theirs, concernErasure, targets, now, admins)).toEqual({
      concernId: 'cn_1',
      participantId: 'pt_mia',
      partnerId: 'pt_sam',
      state: 'resolved',
      resolvedAt: now.toISOString(),
      erased: true,
      version: 2,
    });
    const partners = { concernId: 'cn_2', participantId: 'pt_sam', partnerId: 'pt_mia', text: 'Mia Mentor cancels a lot', state: 'open' };
    expect(scrubConcern(partners, concernErasure, targets, now, admins)).toEqual({ ...partners, text: `${REMOVED} cancels a lot` });
    expect(scrubConcern({ ...partners, text: 'She cancels a lot' }, concernErasure, targets, now, admins)).toBeUndefined();
  });
});

describe('erasure: scrubbing the records of a pairing', () => {
  it("drops the erased side's note of a check-in, keeps the ratings, and removes the name from the partner's note", () => {
    const checkIn = {
      type: 'CheckIn',
      met: true,
      mentor: { answered: true, rating: 4, note: 'my notes' },
      mentee: { answered: true, rating: 5, note: 'Mia Mentor helped' },
    };
    expect(scrubPairingRecord(checkIn, erased, targets)).toEqual({
      type: 'CheckIn',
      met: true,
      mentor: { answered: true, rating: 4 },
      mentee: { answered: true, rating: 5, note: `${REMOVED} helped` },
    });
  });

  it('drops the note of their own review and keeps its scores; leaves the partner review alone when it does not name them', () => {
    const own = { type: 'MilestoneReview', participantId: 'pt_mia', progress: 4, recommend: 9, note: 'learned a lot' };
    expect(scrubPairingRecord(own, erased, targets)).toEqual({ type: 'MilestoneReview', participantId: 'pt_mia', progress: 4, recommend: 9 });
    expect(scrubPairingRecord({ type: 'MilestoneReview', participantId: 'pt_sam', progress: 3, note: 'fine' }, erased, targets)).toBeUndefined();
  });

  it('cancels an email to them not sent yet and empties one that was; a sent email to the partner loses its content', () => {
    const pending = {
      type: 'Outbox',
      kind: 'email',
      key: 'email:nudge:mentor',
      status: 'pending',
      email: { to: 'mia@example.com', template: 'nudge', input: {} },
    };
    expect(scrubPairingRecord(pending, erased, targets)).toEqual({
      type: 'Outbox',
      kind: 'email',
      key: 'email:nudge:mentor',
      status: 'cancelled',
      erased: true,
    });
    const sent = { ...pending, status: 'sent', messageId: 'm-1' };
    expect(scrubPairingRecord(sent, erased, targets)).toMatchObject({ status: 'sent', messageId: 'm-1', erased: true });
    const intro = {
      type: 'Outbox',
      kind: 'email',
      status: 'sent',
      email: { to: 'sam@example.com', template: 'introduction', input: { partner: { name: 'Mia Mentor', goals: 'learn strategy' } } },
    };
    expect(scrubPairingRecord(intro, erased, targets)).toEqual({
      type: 'Outbox',
      kind: 'email',
      status: 'sent',
      email: { to: 'sam@example.com', template: 'introduction' },
    });
  });

  it('keeps a pending email to the partner, without the name, so that it can still be sent', () => {
    const held = {
      type: 'Outbox',
      kind: 'email',
      status: 'pending',
      email: { to: 'sam@example.com', template: 'pairingPaused', input: { partner: { name: 'Mia Mentor' } } },
    };
    expect(scrubPairingRecord(held, erased, targets)).toEqual({ ...held, email: { ...held.email, input: { partner: { name: '' } } } });
  });

  describe('an email held for someone else when they are erased (QA: the partner got their goals and note after the erasure)', () => {
    const held = (template: string, input: Record<string, unknown>, extra: Record<string, unknown> = {}, to = 'sam@example.com') => ({
      type: 'Outbox',
      kind: 'email',
      key: `email:${template}`,
      ref: `2027-03-02T08:00:00.000Z|000|email:${template}`,
      status: 'pending',
      email: { key: template, to, toParticipant: 'pt_sam', template, input, notBefore: '2027-03-02T08:00:00.000Z', ...extra },
    });
    const program = { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } };
    const cancelled = (item: ReturnType<typeof held>) => ({
      type: 'Outbox',
      kind: 'email',
      key: item.key,
      ref: item.ref,
      status: 'cancelled',
      erased: true,
      email: { to: item.email.to, template: item.email.template },
    });

    it('cancels the goals confirmation that quotes their goals, and keeps no word of them', () => {
      const goals = held('goalsConfirmed', {
        to: { name: 'Sam Senior', timeZone: 'Europe/Berlin' },
        program,
        partner: { name: 'Mia Mentor' },
        goals: { mine: ['Run one meeting async'], partner: ['Understand zeppelin budgeting secrets'] },
        changedBy: ['partner'],
      });
      const out = scrubPairingRecord(goals, erased, targets);
      expect(out).toEqual(cancelled(goals));
      expect(JSON.stringify(out)).not.toMatch(/zeppelin|Mia/);
    });

    it('cancels the note they wrote for the partner, and their journey told to their manager; not the partner’s', () => {
      const note = held('partnerNote', { program, partner: { name: 'Mia Mentor' }, note: { valued: 'your candour about the okapi merger' } });
      expect(scrubPairingRecord(note, erased, targets)).toEqual(cancelled(note));
      const theirManager = held('managerNote', { program, report: { name: 'Mia Mentor', role: 'mentor' } }, {}, 'boss@example.com');
      expect(scrubPairingRecord(theirManager, erased, targets)).toEqual(cancelled(theirManager));
      const partnersManager = held(
        'managerNote',
        { program, report: { name: 'Sam Senior', role: 'mentee' }, journey: { checkInsHeld: 3 } },
        {},
        'sboss@example.com',
      );
      expect(scrubPairingRecord(partnersManager, erased, targets)).toBeUndefined();
    });

    it('cancels the admins’ "not sure" with their note rather than leaving it pending for ever', () => {
      const unsure = held(
        'adminFitUnsure',
        {
          program,
          people: { mentor: 'Mia Mentor', mentee: 'Sam Senior' },
          unsure: [{ name: 'Mia Mentor', role: 'mentor', note: 'the chinchilla issue between us' }],
        },
        { cancelIfEnded: true },
        'hr@example.com',
      );
      expect(scrubPairingRecord(unsure, erased, targets)).toEqual(cancelled(unsure));
      // Whoever was not sure: the erasure ends the pairing the email is about.
      const partnerUnsure = { ...unsure, email: { ...unsure.email, input: { ...unsure.email.input, unsure: [{ name: 'Sam Senior', role: 'mentee' }] } } };
      expect(scrubPairingRecord(partnerUnsure, erased, targets)).toMatchObject({ status: 'cancelled' });
    });

    it('cancels whatever an end would cancel or drop: the erasure ends the pairing', () => {
      const nudge = held('missedCheckInNudge', { program, partner: { name: 'Mia Mentor' } }, { cancelIfEnded: true });
      expect(scrubPairingRecord(nudge, erased, targets)).toEqual(cancelled(nudge));
      const resumed = held('pairingResumed', { program, partner: { name: 'Mia Mentor' } }, { sendWhile: ['active'] });
      expect(scrubPairingRecord(resumed, erased, targets)).toEqual(cancelled(resumed));
    });

    it('keeps the partner’s own news to send, without their goals, their reason or their name', () => {
      const checkIn = held('checkInRequest', {
        to: { name: 'Sam Senior', timeZone: 'Europe/Berlin' },
        program,
        partner: { name: 'Mia Mentor' },
        goals: { mine: ['Run one meeting async'], partner: ['Master the tapir roadmap'] },
      });
      expect(scrubPairingRecord(checkIn, erased, targets)).toEqual({
        ...checkIn,
        email: { ...checkIn.email, input: { ...checkIn.email.input, partner: { name: '' }, goals: { mine: ['Run one meeting async'] } } },
      });
      const notStarted = held(
        'adminPairingNotStarted',
        {
          program,
          participants: [
            { participantId: 'pt_mia', name: 'Mia Mentor', role: 'mentor', answer: 'declined', reason: 'away on the lemur project' },
            { participantId: 'pt_sam', name: 'Sam Senior', role: 'mentee', answer: 'accepted' },
          ],
        },
        {},
        'hr@example.com',
      );
      const scrubbed = scrubPairingRecord(notStarted, erased, targets);
      expect(scrubbed).toMatchObject({ status: 'pending', email: { input: { participants: [{ name: '', answer: 'declined' }, { name: 'Sam Senior' }] } } });
      expect(JSON.stringify(scrubbed)).not.toMatch(/lemur|Mia/);
      // The recognition the partner earned still goes; scrubbing it again changes nothing.
      const recognition = held('recognition', { to: { name: 'Sam Senior', timeZone: 'Europe/Berlin' }, program, partner: { name: 'Mia Mentor' } });
      const kept = scrubPairingRecord(recognition, erased, targets);
      expect(kept).toMatchObject({ status: 'pending', email: { input: { partner: { name: '' } } } });
      expect(scrubPairingRecord(kept!, erased, targets)).toBeUndefined();
    });
  });

  it('drops the note of their answer in the open round and the name from the reasons', () => {
    const pairing = {
      pairingId: 'pr_1',
      reasons: ['Mia Mentor offers AI tools'],
      round: { key: 'c1', answers: { mentor: { intent: 'yes', note: 'secret' }, mentee: { intent: 'yes', note: 'ok' } } },
    };
    expect(scrubPairing(pairing, 'mentor', targets)).toEqual({
      pairingId: 'pr_1',
      reasons: [`${REMOVED} offers AI tools`],
      round: { key: 'c1', answers: { mentor: { intent: 'yes' }, mentee: { intent: 'yes', note: 'ok' } } },
    });
    expect(scrubPairing({ pairingId: 'pr_2', reasons: ['both like AI'] }, 'mentor', targets)).toBeUndefined();
  });

  it('drops their goals for the pairing, their goals and review words in the open round, and the note of their fit check answer', () => {
    const pairing = {
      pairingId: 'pr_1',
      goals: { mentor: ['Learn to prompt like Zelda does'], mentee: ['Run one meeting async'] },
      round: { key: 'r', answers: { mentor: { intent: 'yes', goals: ['Learn to prompt'], keep: 'the walks', change: 'less email', items: { 'goal-1': 4 } } } },
    };
    expect(scrubPairing(pairing, 'mentor', targets)).toEqual({
      pairingId: 'pr_1',
      goals: { mentee: ['Run one meeting async'] },
      round: { key: 'r', answers: { mentor: { intent: 'yes', items: { 'goal-1': 4 } } } },
    });
    const fit = { type: 'FitCheck', round: 'round-002', mentor: { answer: 'unsure', note: 'my partner reminds me of Gregor' }, mentee: { answer: 'yes' } };
    expect(scrubPairingRecord(fit, erased, targets)).toEqual({ ...fit, mentor: { answer: 'unsure' } });
  });

  it('deletes their program feedback whole (QA: it stayed in the report), and keeps only the progress of their goals in their self-ratings', () => {
    const feedback = { type: 'ProgramFeedback', participantId: 'pt_mia', round: 'final', keep: 'the check-ins', change: 'more topics' };
    expect(isOnlyTheirWords(feedback, 'pt_mia')).toBe(true);
    expect(isOnlyTheirWords({ ...feedback, participantId: 'pt_sam' }, 'pt_mia')).toBe(false);
    expect(isOnlyTheirWords({ type: 'MilestoneReview', participantId: 'pt_mia' }, 'pt_mia')).toBe(false);
    const skills = { type: 'SkillRatings', participantId: 'pt_mia', ratings: { 'ai-tools': 4 }, goals: [{ goal: 'Lead a meeting', progress: 3 }] };
    const scrubbed = scrubPairingRecord(skills, erased, targets);
    expect(scrubbed).toEqual({ ...skills, goals: [{ progress: 3 }] });
    expect(scrubPairingRecord(scrubbed!, erased, targets)).toBeUndefined();
    expect(scrubPairingRecord({ ...skills, participantId: 'pt_sam' }, erased, targets)).toBeUndefined();
  });

  it('drops the note they gave when declining, from the pairing and its audit line; keeps a note the partner gave', () => {
    const audit = {
      type: 'Audit',
      kind: 'not-started',
      detail: { reason: 'declined', answers: { mentor: 'declined', mentee: 'accepted' }, note: 'away on leave' },
    };
    const pairing = { pairingId: 'pr_1', status: 'not-started', statusReason: 'declined: away on leave' };
    expect(scrubPairing(pairing, 'mentor', targets, [audit])).toEqual({ ...pairing, statusReason: 'declined' });
    expect(scrubPairing(pairing, 'mentee', targets, [audit])).toBeUndefined();
    expect(scrubPairingRecord(audit, erased, targets)).toEqual({ ...audit, detail: { reason: 'declined', answers: audit.detail.answers } });
    expect(scrubPairingRecord(audit, { ...erased, side: 'mentee' }, targets)).toBeUndefined();
  });

  it('adds counts by kind', () => {
    expect(addCounts(addCounts(NO_COUNTS, { pairingsEnded: 1, rawMessagesDeleted: 2 }), { rawMessagesDeleted: 1 })).toMatchObject({
      pairingsEnded: 1,
      rawMessagesDeleted: 3,
      enrolments: 0,
    });
  });
});

/**
 * Where a name was left empty in a sentence: "the goals you and  set", "’s:", "A note from ",
 * "What  valued", "(pairing with )".
 */
const EMPTY_NAME =
  /\b(?:with|and|from|to|of|for|by|Meet|About)\s+(?=in\b|set\b|has\b|is\b|wrote\b|changed\b|valued\b|[’')(.,:;?!]|$)|\s{2,}\S|\(\s|\s\)|(?:^|\s)[’']s\b/;

describe('erasure: the partner is told without a name', () => {
  it('never prints an empty name where the erased person would be named (QA): "your partner" to the partner, "an erased participant" to admins', () => {
    // An erased person's name is empty: on their tombstone, and in an email held for working hours.
    const all = renderAll({ ...BENIGN, partner: '' });
    for (const [template, { email }] of Object.entries(all)) {
      for (const line of [email.subject, ...email.text.split('\n')]) expect(line.trim(), template).not.toMatch(EMPTY_NAME);
    }
    expect(all.goalsConfirmed.email.text).toContain('Here are the goals you and your partner set.');
    expect(all.goalsConfirmed.email.text).toContain('Your partner’s:');
    expect(all.partnerNote.email.subject).toBe('A note from your partner');
    expect(all.partnerNote.email.text).toContain('What your partner valued');
    expect(all.recognition.email.text.replace(/\s+/g, ' ')).toContain('Your pairing with your partner in Spring Cohort 2027 is complete.');
    // They asked to be forgotten: no suggestion to keep in touch, and a certificate for its holder alone.
    expect(all.recognition.email.text).not.toContain('Keep in touch');
    const certificate = all.recognition.email.attachments![0]!.content.toString();
    expect(certificate).not.toContain('together with');
    expect(certificate).toContain('as a mentor. Dates:');
    expect(all.adminConcernEscalated.email.subject).toBe('Still open: private concern from Ana Souza (pairing with an erased participant)');
    expect(all.adminEscalation.email.subject).toBe('Ana Souza and an erased participant: 2 check-ins missed in a row');
    // At the start of a sentence, in capitals.
    const first = adminEscalation({
      to: { timeZone: 'Europe/London' },
      program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
      pairingId: 'pr_1',
      people: { mentor: '', mentee: 'Sam Senior' },
      missedCount: 2,
    });
    expect(first.subject).toBe('An erased participant and Sam Senior: 2 check-ins missed in a row');
  });

  it('cancels the calendar series for the partner without an empty attendee ("ATTENDEE;CN=;...:mailto:")', () => {
    const ics = calendarAttachment(
      {
        method: 'CANCEL',
        uid: 'pr_1@crossgen',
        sequence: 2,
        stamp: '2027-03-01T20:00:00.000Z',
        summary: 'Reverse mentoring',
        attendees: [
          { name: 'Sam Senior', email: 'sam@example.com' },
          { name: '', email: '' },
        ],
      },
      { email: 'crossgen@example.com' },
    ).content.toString();
    expect(ics).toContain('ATTENDEE;CN=Sam Senior');
    expect(ics.match(/^ATTENDEE/gm)).toHaveLength(1);
    expect(ics).not.toMatch(/CN=;|mailto:\r?$/m);
  });

  it('says "Your partner" when the partner was erased', () => {
    const email = partnerLeft({
      to: { name: 'Sam Senior', timeZone: 'Europe/Berlin' },
      program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
      partner: { name: '' },
      checkInsHeld: 1,
      rematchRequested: true,
    });
    expect(email.subject).toBe('Your partner has left the program');
    expect(email.text).not.toMatch(/\s{2}is leaving/);
  });
});

describe('erasure: reporting lines through the erased person still hold', () => {
  const mark = { erasureId: 'er_2', startedAt: '2027-03-01T00:00:00.000Z', enrolments: ['pt_mid'] };
  const person = (participantId: string, name: string, employeeId: string, managerId?: string, role: 'mentor' | 'mentee' = 'mentee'): Participant => ({
    ...participantIntakeSchema.parse(
      intakeInput({
        programId: 'q3',
        name,
        role,
        email: `${participantId}@example.com`,
        employeeId,
        ...(managerId ? { manager: { employeeId: managerId } } : {}),
      }),
    ),
    participantId,
    status: 'enrolled',
    createdAt: '2027-01-04T09:00:00.000Z',
    updatedAt: '2027-01-04T09:00:00.000Z',
    version: 1,
  });

  it('never pairs a junior with their manager’s manager once the manager in between was erased', async () => {
    const { buildReportingChains } = await import('../../../functions/domain/matching/reporting-chain');
    const boss = person('pt_boss', 'Bea Boss', 'BOSS-1');
    const mid = person('pt_mid', 'Max Middle', 'MID-1', 'BOSS-1');
    // The junior's reference loses the address at erasure, but keeps the employee id (lifecycle/erasure.ts).
    const junior = person('pt_jr', 'Jo Junior', 'JR-1', 'MID-1', 'mentor');
    const tomb = tombstoneOf(mid, mark, new Date('2027-03-01T00:00:00Z'));
    expect(JSON.stringify(tomb)).not.toMatch(/MID-1|BOSS-1|Max|pt_mid@example/);
    expect(buildReportingChains([junior, boss], [tomb]).sameChain(0, 1)).toBe(true);
    // Without what the tombstone keeps, the line would break there.
    const { reportingLine: _kept, ...bare } = tomb;
    expect(buildReportingChains([junior, boss], [bare]).sameChain(0, 1)).toBe(false);
    // Someone outside the line stays free to pair.
    const other = person('pt_other', 'Olga Other', 'OTH-1');
    expect(buildReportingChains([junior, other], [tomb, boss]).sameChain(0, 1)).toBe(false);
  });
});
