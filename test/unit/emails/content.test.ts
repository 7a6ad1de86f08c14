import { describe, expect, it } from 'vitest';
import { conversationStarters, firstNameOf, formatDate, formatDeadline, introduction, STARTERS_BY_TOPIC } from '../../../functions/domain/emails';
import { maskAddress } from '../../../functions/domain/emails/format';
import { escapeMarkup, html, raw } from '../../../functions/domain/emails/markup';
import { wrap } from '../../../functions/domain/emails/plain-text';
import { DEFAULT_TOPICS } from '../../../functions/domain/topics';

describe('the html tag', () => {
  it('escapes interpolated text and attributes, joins arrays, and drops nullish values', () => {
    const name = `<b onclick="x">O'Brien & co</b>`;
    const out = html`<p title="${name}">${name}${[' / ', html`<i>${'<i>'}</i>`]}${undefined}${false}</p>`;
    expect(out.value).toBe(
      '<p title="&lt;b onclick=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/b&gt;">&lt;b onclick=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/b&gt; / <i>&lt;i&gt;</i></p>',
    );
  });

  it('inserts raw() fragments as they are, and only those', () => {
    expect(html`${raw('<br>')}${'<br>'}`.value).toBe('<br>&lt;br&gt;');
    expect(escapeMarkup('a&b')).toBe('a&amp;b');
  });
});

describe('formatting', () => {
  it('renders dates in the recipient time zone, en-GB, without a comma', () => {
    const instant = '2027-01-11T20:30:00Z';
    expect(formatDate(instant, 'Europe/London')).toBe('Monday 11 January 2027');
    expect(formatDate(instant, 'Pacific/Auckland')).toBe('Tuesday 12 January 2027');
    expect(formatDate(new Date(instant), 'America/Los_Angeles')).toBe('Monday 11 January 2027');
  });

  it('renders a calendar date (YYYY-MM-DD) as that day in every zone, never the day before west of UTC', () => {
    for (const zone of ['Europe/London', 'America/Los_Angeles', 'America/New_York', 'Pacific/Auckland']) {
      expect(formatDate('2028-06-05', zone)).toBe('Monday 5 June 2028');
    }
  });

  it('names as a deadline the last day that ends, where the reader is, at or before it', () => {
    // 10:05 on Monday in London: Monday does not end before it, so the promise is "by Sunday".
    expect(formatDeadline('2027-03-15T10:05:00Z', 'Europe/London')).toBe('Sunday 14 March 2027');
    // The end of Monday in London is Monday; for Los Angeles it is still Monday afternoon, so Sunday; Auckland's Monday ended hours before.
    expect(formatDeadline('2027-03-15T23:59:59.999Z', 'Europe/London')).toBe('Monday 15 March 2027');
    expect(formatDeadline('2027-03-15T23:59:59.999Z', 'America/Los_Angeles')).toBe('Sunday 14 March 2027');
    expect(formatDeadline('2027-03-15T23:59:59.999Z', 'Pacific/Auckland')).toBe('Monday 15 March 2027');
  });

  it('refuses something that is not a date, saying what to pass', () => {
    expect(() => formatDate('next week', 'UTC')).toThrow(/not a date: pass an ISO 8601 timestamp/);
  });

  it('keeps first names only', () => {
    expect(firstNameOf('  Alex   Morgan-Smith ')).toBe('Alex');
    expect(firstNameOf('Cher')).toBe('Cher');
  });

  it('masks addresses but keeps the domain recognisable', () => {
    expect(maskAddress('alex.private@mail.example.com')).toBe('a***@mail.example.com');
    expect(maskAddress('a@x.org')).toBe('a*@x.org');
  });

  it('wraps text at 72 columns without breaking a long link', () => {
    const url = `https://answers.example.org/r/${'x'.repeat(90)}`;
    const lines = wrap(`Open ${url} to answer, it takes a moment and then you are done with it all.`).split('\n');
    expect(lines).toContain(url);
    for (const line of lines.filter((l) => l !== url)) expect(line.length).toBeLessThanOrEqual(72);
  });
});

describe('conversation starters', () => {
  it('has three starters for every topic of the default catalogue', () => {
    for (const topic of DEFAULT_TOPICS) expect(STARTERS_BY_TOPIC[topic.id], topic.id).toHaveLength(3);
  });

  it('takes one starter per topic in priority order before a second from any topic', () => {
    expect(conversationStarters(['strategy', 'ai-tools', 'leadership'])).toEqual([
      STARTERS_BY_TOPIC.strategy![0],
      STARTERS_BY_TOPIC['ai-tools']![0],
      STARTERS_BY_TOPIC.leadership![0],
    ]);
    expect(conversationStarters(['ai-tools'])).toEqual(STARTERS_BY_TOPIC['ai-tools']);
  });

  it('falls back to general starters for unknown or too few topics', () => {
    const starters = conversationStarters(['custom-topic']);
    expect(starters).toHaveLength(3);
    expect(new Set(starters).size).toBe(3);
  });
});

describe('introduction role guidance', () => {
  const intro = (role: 'mentor' | 'mentee', reasons = ['r']) =>
    introduction({
      to: { name: 'Alex', timeZone: 'UTC' },
      program: { name: 'P', admin: { name: 'A', email: 'a@example.org' } },
      role,
      partner: { name: 'Sam', role: role === 'mentor' ? 'mentee' : 'mentor', goals: 'g', topicsOffered: [], topicsWanted: ['strategy'] },
      reasons,
      topics: ['hybrid-work'],
      answerBy: '2027-01-01T00:00:00Z',
      answerLinks: { accept: 'https://a.example/yes', decline: 'https://a.example/no' },
    }).text.replace(/\s+/g, ' ');

  it('shows mentors how to coach without lecturing', () => {
    const text = intro('mentor');
    expect(text).toContain('Ask questions rather than give instructions');
    expect(text).toContain('Share your lived experience');
    expect(text).toContain('support, not superiority');
    expect(text).toContain('Be patient with a different pace');
    expect(text).not.toContain('Protect the time you committed');
  });

  it('says why the pair were matched, and has no such heading over nothing for a pair made by hand (QA life7)', () => {
    expect(intro('mentor', ['You both care about hybrid work'])).toContain('Why you were matched -------------------- - You both care about hybrid work');
    expect(intro('mentor', [])).not.toContain('Why you were matched');
  });

  it('shows mentees how to be taught by someone junior', () => {
    const text = intro('mentee');
    expect(text).toContain('Receive feedback with curiosity');
    expect(text).toContain('Protect the time you committed');
    expect(text).toContain('Share strategic context back');
    expect(text).toContain('shown how to adapt, not told what to do');
    expect(text).not.toContain('Ask questions rather than give instructions');
  });
});
