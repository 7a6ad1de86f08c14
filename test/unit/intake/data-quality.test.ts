import { describe, expect, it } from 'vitest';
import { languageCode } from '../../../functions/domain/languages';
import { participantIntakeSchema, type ParticipantIntakeInput } from '../../../functions/domain/participant';
import { toFieldIssues } from '../../../functions/domain/validation';
import { textProblem } from '../../../functions/domain/text-input';
import { intakeInput } from '../../fixtures/intake/participants';

function issuesOf(overrides: Partial<ParticipantIntakeInput> | Record<string, unknown>) {
  const parsed = participantIntakeSchema.safeParse({ ...intakeInput(), ...overrides });
  return parsed.success ? [] : toFieldIssues(parsed.error);
}

describe('free text', () => {
  it.each([
    ['a NUL in a name', { name: 'Ada\u0000Lovelace' }, 'name', /control character/],
    ['a line break inside a name', { name: 'Ada\nLovelace' }, 'name', /must be on one line/],
    ['a carriage return inside a department', { department: 'Fin\rance' }, 'department', /must be on one line/],
    ['a zero-width space as the whole location', { location: '\u200b\u200b' }, 'location', /only invisible characters/],
    ['a zero-width joiner and a word joiner as a job title', { jobTitle: '\u200d\u2060' }, 'jobTitle', /only invisible characters/],
    ['a replacement character from decoding', { name: 'Ren\ufffd Dupont' }, 'name', /could not be read .*UTF-8/],
    ['half of a surrogate pair', { goals: 'Learn \ud83d more' }, 'goals', /could not be read/],
    ['a C1 control in goals', { goals: 'Learn\u0085more' }, 'goals', /control character/],
    ['a form feed in goals', { goals: 'Learn\fmore' }, 'goals', /control character/],
    ['a NUL in an interest', { interests: ['jazz\u0000'] }, 'interests.0', /control character/],
    ["a line break in the manager's name", { manager: { email: 'boss@example.com', name: 'The\nBoss' } }, 'manager.name', /one line/],
    ['a right-to-left override in a name', { name: 'Ada \u202eecalevoL' }, 'name', /text-direction control character/],
    ['a left-to-right isolate in goals', { goals: 'Learn \u2066AI\u2069 tools' }, 'goals', /text-direction control character/],
  ])('refuses %s', (_title, overrides, field, message) => {
    const issues = issuesOf(overrides);
    expect(issues).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('stores a time zone in its own letter case, keeping the name chosen', () => {
    expect(participantIntakeSchema.parse({ ...intakeInput(), timeZone: 'europe/london' }).timeZone).toBe('Europe/London');
    // Only the case: a zone chosen by another of its names keeps that name.
    expect(participantIntakeSchema.parse({ ...intakeInput(), timeZone: ' US/Eastern ' }).timeZone).toBe('US/Eastern');
    expect(participantIntakeSchema.parse({ ...intakeInput(), timeZone: 'Asia/Kolkata' }).timeZone).toBe('Asia/Kolkata');
    expect(participantIntakeSchema.parse({ ...intakeInput(), timeZone: 'asia/calcutta' }).timeZone).toBe('Asia/Calcutta');
    expect(participantIntakeSchema.parse({ ...intakeInput(), timeZone: 'utc' }).timeZone).toBe('UTC');
  });

  it('keeps right-to-left names and their direction marks', () => {
    const parsed = participantIntakeSchema.parse({ ...intakeInput(), name: 'דנה כהן\u200f', jobTitle: 'مديرة المنتج' });
    expect(parsed.name).toBe('דנה כהן\u200f');
    expect(parsed.jobTitle).toBe('مديرة المنتج');
  });

  it('keeps line breaks and tabs in goals, accents, scripts and emoji with joiners in names', () => {
    const parsed = participantIntakeSchema.parse({
      ...intakeInput(),
      name: 'Zoë Ødegård-Nakamura 中村 👩‍💻',
      goals: 'First:\r\n\tlearn AI tools\nSecond: teach',
      location: 'São Paulo',
    });
    expect(parsed.name).toBe('Zoë Ødegård-Nakamura 中村 👩‍💻');
    expect(parsed.goals).toBe('First:\r\n\tlearn AI tools\nSecond: teach');
  });

  it('stores text composed (NFC), so the length limit counts characters as people see them (QA)', () => {
    const nfd = 'José Núñez'.normalize('NFD');
    const parsed = participantIntakeSchema.parse({
      ...intakeInput(),
      name: nfd,
      department: 'Relações'.normalize('NFD'),
      manager: { email: 'boss@example.com', name: nfd },
    });
    expect(parsed.name).toBe('José Núñez');
    expect(parsed.department).toBe('Relações');
    expect(parsed.manager?.name).toBe('José Núñez');
    expect(issuesOf({ name: 'e\u0301'.repeat(120) })).toEqual([]);
    expect(issuesOf({ name: 'e\u0301'.repeat(121) })).toEqual([{ field: 'name', message: 'must be at most 120 characters' }]);
  });

  it('trims a trailing line break rather than refusing it', () => {
    expect(textProblem('Ada Lovelace', 'single')).toBeUndefined();
    expect(participantIntakeSchema.parse({ ...intakeInput(), name: 'Ada Lovelace\r\n' }).name).toBe('Ada Lovelace');
  });
});

describe('manager', () => {
  it('is not the participant, by email in any letter case', () => {
    expect(issuesOf({ email: 'ada@example.com', manager: { email: ' ADA@example.com' } })).toEqual([
      { field: 'manager.email', message: expect.stringContaining('a person cannot be their own manager') },
    ]);
  });

  it('is not the participant, by employee id', () => {
    expect(issuesOf({ employeeId: 'E1001', manager: { employeeId: 'e1001' } })).toEqual([
      { field: 'manager.employeeId', message: expect.stringContaining('a person cannot be their own manager') },
    ]);
  });

  it('may share a domain and a name with the participant', () => {
    expect(issuesOf({ manager: { email: 'grace@example.com', name: 'Ada Lovelace' } })).toEqual([]);
  });
});

describe('language codes', () => {
  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['pt-BR', 'pt-br'],
    ['yue', 'yue'],
    ['zh-Hant', 'zh-hant'],
  ])('accepts %s as %s', (tag, code) => expect(languageCode(tag)).toBe(code));

  it.each(['xx', 'en-XX', 'und', 'English', 'e', ''])('refuses %j', (tag) => expect(languageCode(tag)).toBeUndefined());

  it('names the code it refuses and gives examples', () => {
    expect(issuesOf({ languages: ['en', 'qq'] })).toEqual([
      { field: 'languages.1', message: '"qq" is not a language code we know: use a code such as "en", "fr" or "pt-BR"' },
    ]);
  });

  it('finds the same language twice whatever its letter case', () => {
    expect(issuesOf({ languages: ['en', 'EN'] })).toEqual([{ field: 'languages', message: 'lists "en" twice' }]);
  });
});

describe('an internationalized email domain', () => {
  it('is accepted in Unicode and stored in its ASCII (punycode) spelling, for the participant and the manager alike', () => {
    const parsed = participantIntakeSchema.parse({ ...intakeInput(), email: 'Max@München.de', manager: { email: 'chef@bücher.example' } });
    expect(parsed.email).toBe('Max@xn--mnchen-3ya.de');
    expect(parsed.manager?.email).toBe('chef@xn--bcher-kva.example');
    expect(participantIntakeSchema.parse({ ...intakeInput(), email: 'max@xn--mnchen-3ya.de' }).email).toBe('max@xn--mnchen-3ya.de');
  });

  it('is refused with a sentence naming the domain when it has no ASCII spelling', () => {
    expect(issuesOf({ email: 'max@mü|nchen.de' })).toEqual([{ field: 'email', message: expect.stringContaining('"mü|nchen.de"') }]);
    expect(issuesOf({ email: 'max@mün chen.de' })).toEqual([{ field: 'email', message: expect.stringContaining('not a valid internationalized domain name') }]);
  });

  it('is refused when the domain only looks like an ASCII one (a soft hyphen, a full-width letter): it is another domain', () => {
    for (const email of ['ted@exa\u00admple.com', 'ted@\uff45xample.com', 'asa@\u212Bre.example']) {
      expect(issuesOf({ email }), email).toEqual([{ field: 'email', message: expect.stringContaining('not a valid internationalized domain name') }]);
    }
  });
});
