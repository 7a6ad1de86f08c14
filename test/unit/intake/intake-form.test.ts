import { describe, expect, it } from 'vitest';
import { renderIntakeForm } from '../../../functions/domain/intake-form';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';

const program = programSchema.parse({ ...DEFAULT_PROGRAM_INPUT, name: 'Pilot <Spring> & "friends"' });
const page = renderIntakeForm({ program, nonce: 'n0nce' });

const ids = (tag: string) => [...page.matchAll(new RegExp(`<${tag}\\b[^>]*\\bid="([^"]+)"`, 'g'))].map((m) => m[1]!);
const fieldsets = () => [...page.matchAll(/<fieldset\b[^>]*id="([^"]+)"[^>]*>\s*<legend>([^<]+)<\/legend>/g)].map((m) => ({ id: m[1]!, legend: m[2]! }));

describe('renderIntakeForm', () => {
  it('labels every input, select and textarea', () => {
    const controls = [...ids('input'), ...ids('select'), ...ids('textarea')];
    expect(controls.length).toBeGreaterThan(40);
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

  it("offers the program's catalogue as checkboxes for topics offered and wanted", () => {
    for (const topic of program.topics) {
      expect(page).toContain(`<input type="checkbox" id="topicsOffered-${topic.id}" name="topicsOffered" value="${topic.id}">`);
      expect(page).toContain(`<input type="checkbox" id="topicsWanted-${topic.id}" name="topicsWanted" value="${topic.id}">`);
    }
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

  it('escapes the program name and states the language and title', () => {
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<title>Enrol a participant: Pilot &lt;Spring&gt; &amp; &quot;friends&quot;</title>');
    expect(page).not.toContain('<Spring>');
  });

  it('posts to the participants API of its program', () => {
    expect(page).toMatch(/<form id="intake" action="\/participants" method="post" novalidate data-program-id="pilot">/);
  });
});
