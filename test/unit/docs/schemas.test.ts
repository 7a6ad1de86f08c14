import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaDocuments } from '../../../docs/generate-schemas';

describe('published JSON Schemas', () => {
  const docs = schemaDocuments();
  it.each(Object.keys(docs))('docs/%s is up to date with the zod schema (run npm run schemas)', (rel) => {
    const committed = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', rel), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(docs[rel])));
  });

  it('the intake schema names the fields HR fills in and requires consent', () => {
    const intake = docs['schemas/participant-intake.json'] as { required: string[]; properties: Record<string, unknown> };
    expect(intake.required).toEqual(
      expect.arrayContaining(['name', 'email', 'role', 'timeZone', 'topicsWanted', 'availability', 'languages', 'goals', 'consent']),
    );
    expect(Object.keys(intake.properties)).toEqual(
      expect.arrayContaining(['manager', 'topicsOffered', 'interests', 'meetingPreference', 'communicationStyle', 'capacity']),
    );
  });
});
