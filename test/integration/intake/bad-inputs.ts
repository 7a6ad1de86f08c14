import { BAD_ONE_LINE_TEXT } from '../../fixtures/intake/bad-text';
import { intakeInput } from '../../fixtures/intake/participants';

/**
 * Inputs the intake must refuse, each with the field it must name and words of the reason.
 * `body` is sent as JSON unless `raw` gives the exact bytes.
 */
export interface BadJsonCase {
  readonly title: string;
  readonly body?: unknown;
  readonly raw?: string | Buffer;
  readonly contentType?: string;
  readonly status: number;
  readonly field: string;
  readonly message: RegExp;
}

const without = (key: string) => {
  const input: Record<string, unknown> = { ...intakeInput({ email: `missing-${key.toLowerCase()}@example.com` }) };
  delete input[key];
  return input;
};
const with_ = (overrides: Record<string, unknown>) => ({ ...intakeInput({ email: 'bad-input@example.com' }), ...overrides });

export const BAD_JSON: readonly BadJsonCase[] = [
  ...['programId', 'name', 'email', 'role', 'department', 'location', 'timeZone', 'topicsWanted', 'availability', 'languages', 'goals', 'consent'].map(
    (key) => ({
      title: `missing ${key}`,
      body: without(key),
      status: 400,
      field: key,
      // An enum says what it accepts rather than "is required".
      message: key === 'role' ? /must be "mentor"/ : /is required/,
    }),
  ),
  { title: 'name as a number', body: with_({ name: 42 }), status: 400, field: 'name', message: /must be a string, not a number/ },
  { title: 'empty name', body: with_({ name: '  ' }), status: 400, field: 'name', message: /must not be empty/ },
  { title: 'email as a number', body: with_({ email: 7 }), status: 400, field: 'email', message: /must be a string/ },
  { title: 'topicsWanted as a string', body: with_({ topicsWanted: 'strategy' }), status: 400, field: 'topicsWanted', message: /must be a list, not a string/ },
  { title: 'capacity as a string', body: with_({ capacity: '2' }), status: 400, field: 'capacity', message: /must be a number, not a string/ },
  { title: 'capacity with a fraction', body: with_({ capacity: 1.5 }), status: 400, field: 'capacity', message: /whole number/ },
  {
    title: 'mentee with capacity 2',
    body: with_({ role: 'mentee', capacity: 2, topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] }),
    status: 400,
    field: 'capacity',
    message: /must be 1 for a mentee/,
  },
  { title: 'role that is not offered', body: with_({ role: 'boss' }), status: 400, field: 'role', message: /must be "mentor"/ },
  { title: 'email without domain', body: with_({ email: 'ada@' }), status: 400, field: 'email', message: /valid email address/ },
  { title: 'email with spaces', body: with_({ email: 'ada lovelace@example.com' }), status: 400, field: 'email', message: /valid email address/ },
  {
    title: 'manager email invalid',
    body: with_({ manager: { email: 'boss-at-example.com' } }),
    status: 400,
    field: 'manager.email',
    message: /valid email address/,
  },
  {
    title: 'manager without email or id',
    body: with_({ manager: { name: 'The Boss' } }),
    status: 400,
    field: 'manager',
    message: /needs an email or an employee id/,
  },
  { title: 'time zone that does not exist', body: with_({ timeZone: 'Mars/Olympus_Mons' }), status: 400, field: 'timeZone', message: /IANA time zone/ },
  { title: 'time zone as an offset', body: with_({ timeZone: 'GMT+25' }), status: 400, field: 'timeZone', message: /IANA time zone/ },
  {
    title: 'unknown topic wanted',
    body: with_({ topicsWanted: ['strategy', 'knitting'] }),
    status: 400,
    field: 'topicsWanted.1',
    message: /"knitting" is not a topic of this program/,
  },
  {
    title: 'unknown topic offered',
    body: with_({ topicsOffered: ['tiktok-dances'] }),
    status: 400,
    field: 'topicsOffered.0',
    message: /not a topic of this program/,
  },
  {
    title: 'topic wanted twice',
    body: with_({ topicsWanted: ['strategy', 'strategy'] }),
    status: 400,
    field: 'topicsWanted',
    message: /lists "strategy" twice/,
  },
  {
    title: 'availability ending before it starts',
    body: with_({ availability: [{ day: 'mon', start: '11:00', end: '09:00' }] }),
    status: 400,
    field: 'availability.0.end',
    message: /must end after it starts/,
  },
  {
    title: 'availability day spelled out',
    body: with_({ availability: [{ day: 'monday', start: '09:00', end: '10:00' }] }),
    status: 400,
    field: 'availability.0.day',
    message: /must be one of mon/,
  },
  {
    title: 'availability time without leading zero',
    body: with_({ availability: [{ day: 'mon', start: '9:00', end: '10:00' }] }),
    status: 400,
    field: 'availability.0.start',
    message: /HH:MM/,
  },
  { title: 'no availability window', body: with_({ availability: [] }), status: 400, field: 'availability', message: /at least one weekly window/ },
  {
    title: 'language that is not a code',
    body: with_({ languages: ['English!'] }),
    status: 400,
    field: 'languages.0',
    message: /must be a language code such as "en"/,
  },
  {
    title: 'consent to data processing refused',
    body: with_({ consent: { dataProcessing: false, shareProgressWithManager: false } }),
    status: 400,
    field: 'consent.dataProcessing',
    message: /must be true/,
  },
  {
    title: 'consent to share as text',
    body: with_({ consent: { dataProcessing: true, shareProgressWithManager: 'yes' } }),
    status: 400,
    field: 'consent.shareProgressWithManager',
    message: /true or false/,
  },
  { title: 'goals too long', body: with_({ goals: 'g'.repeat(2001) }), status: 400, field: 'goals', message: /at most 2000 characters/ },
  { title: 'unknown field', body: with_({ favouriteColour: 'teal' }), status: 400, field: 'favouriteColour', message: /is not a known field/ },
  { title: 'program that does not exist', body: with_({ programId: 'no-such-program' }), status: 400, field: 'programId', message: /names no known program/ },
  { title: 'a list instead of an object', body: [intakeInput()], status: 400, field: '(body)', message: /must be a JSON object/ },
  { title: 'JSON null', raw: 'null', status: 400, field: '(body)', message: /must be a JSON object/ },
  { title: 'malformed JSON', raw: '{"name": "Ada", ', status: 400, field: '(body)', message: /not valid JSON/ },
  { title: 'JSON with a trailing comma', raw: '{"name": "Ada",}', status: 400, field: '(body)', message: /not valid JSON/ },
  { title: 'empty body', raw: '', status: 400, field: '(body)', message: /is empty/ },
  { title: 'body over 256 KB', raw: JSON.stringify(with_({ goals: 'x'.repeat(300 * 1024) })), status: 413, field: '(body)', message: /at most 256 KB/ },
  { title: 'wrong content type', body: intakeInput(), contentType: 'text/plain', status: 415, field: '(content-type)', message: /application\/json/ },
  { title: 'plain text instead of JSON', raw: 'name=Ada', contentType: 'text/plain', status: 415, field: '(content-type)', message: /application\/json/ },
  ...BAD_ONE_LINE_TEXT.map((bad) => ({ title: `a name with ${bad.title}`, body: with_({ name: bad.text }), status: 400, field: 'name', message: bad.message })),
  { title: 'a department with a line break', body: with_({ department: 'Fin\nance' }), status: 400, field: 'department', message: /one line/ },
  { title: 'goals with a NUL', body: with_({ goals: 'Learn\u0000' }), status: 400, field: 'goals', message: /control character/ },
  { title: 'goals of zero-width spaces only', body: with_({ goals: '\u200b\n\u200b' }), status: 400, field: 'goals', message: /only invisible/ },
  {
    title: 'JSON bytes that are not UTF-8',
    raw: Buffer.from(JSON.stringify(with_({ name: 'René Dupont' })), 'latin1'),
    status: 400,
    field: '(body)',
    message: /not UTF-8/,
  },
  {
    title: 'their own manager by email',
    body: with_({ manager: { email: 'BAD-INPUT@example.com' } }),
    status: 400,
    field: 'manager.email',
    message: /cannot be their own manager/,
  },
  {
    title: 'their own manager by employee id',
    body: with_({ employeeId: 'E77', manager: { employeeId: 'e77' } }),
    status: 400,
    field: 'manager.employeeId',
    message: /cannot be their own manager/,
  },
  {
    title: 'a language code that does not exist',
    body: with_({ languages: ['en', 'xx'] }),
    status: 400,
    field: 'languages.1',
    message: /"xx" is not a language code we know/,
  },
  {
    title: 'a language region that does not exist',
    body: with_({ languages: ['en-XX'] }),
    status: 400,
    field: 'languages.0',
    message: /not a language code we know/,
  },
];
