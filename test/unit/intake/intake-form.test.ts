import { describe, expect, it } from 'vitest';
import { intakePrograms, renderIntakeForm } from '../../../functions/domain/intake-form';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';

const program = programSchema.parse({ ...DEFAULT_PROGRAM_INPUT, name: 'Pilot <Spring> & "friends"' });
const page = renderIntakeForm({ programId: 'pilot', nonce: 'n0nce' });

const ids = (tag: string) => [...page.matchAll(new RegExp(`<${tag}\\b[^>]*\\bid="([^"]+)"`, 'g'))].map((m) => m[1]!);
const fieldsets = () => [...page.matchAll(/<fieldset\b[^>]*id="([^"]+)"[^>]*>\s*<legend>([^<]+)<\/legend>/g)].map((m) => ({ id: m[1]!, legend: m[2]! }));

describe('renderIntakeForm', () => {
  it('labels every input, select and textarea', () => {
    const controls = [...ids('input'), ...ids('select'), ...ids('textarea')];
    expect(controls.length).toBeGreaterThan(30);
    const unlabelled = controls.filter((id) => !page.includes(`<label for="${id}">`));
    expect(unlabelled).toEqual([]);
  });

  it('gives each group a fieldset with a legend', () => {
    const groups = fieldsets();
    expect(groups.map((g) => g.id)).toEqual(
      expect.arrayContaining(['role', 'manager', 'topicsOffered', 'topicsWanted', 'availability', 'meetingPreference', 'consent', 'consent-shareProgressWithManager']),
    );
    expect(page.match(/<fieldset\b/g)).toHaveLength(groups.length);
  });

  it('holds no program data: the page is public, the name and topics come from a protected route', () => {
    expect(page).not.toContain(program.name);
    expect(page).not.toContain('Pilot');
    for (const topic of program.topics) expect(page).not.toContain(topic.label);
    expect(page).toContain('<div id="topicsOffered-choices"></div>');
    expect(page).toContain('data-programs-url="/intake/programs"');
    expect(intakePrograms([program])).toEqual({ programs: [{ programId: 'pilot', name: program.name, topics: program.topics.map((t) => ({ id: t.id, label: t.label })) }] });
  });

  it('has a hidden, focusable error summary that is announced, and an error slot for every field', () => {
    expect(page).toMatch(/<div id="summary" class="summary" role="alert" tabindex="-1"[^>]*hidden>/);
    const fields = [...ids('input').filter((id) => !/-(yes|no|mentor|mentee|video|in-person|either)$/.test(id) && !id.startsWith('topics')), ...fieldsets().map((f) => f.id)];
    const missing = fields.filter((id) => !page.includes(`id="${id}-error"`));
    expect(missing).toEqual([]);
  });

  it('has no inline event handlers and only nonce-carrying script and style', () => {
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page.match(/<script\b[^>]*>/g)).toEqual(['<script nonce="n0nce">']);
    expect(page.match(/<style\b[^>]*>/g)).toEqual(['<style nonce="n0nce">']);
  });

  it('escapes the program id taken from the address and states the language and title', () => {
    const hostile = renderIntakeForm({ programId: '"><script>x</script>', nonce: 'n' });
    expect(hostile).toContain('data-program-id="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<title>Enrol a participant</title>');
  });

  it('posts to the participants API of its program', () => {
    expect(page).toMatch(/<form id="intake" action="\/participants" method="post" novalidate data-program-id="pilot" data-programs-url="\/intake\/programs">/);
  });
});
