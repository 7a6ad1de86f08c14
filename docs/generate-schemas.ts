import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { adminRequestSchemas } from '../functions/domain/admin-requests';
import { concernActionSchema } from '../functions/domain/concerns';
import { inboundEvents, outboundEvents } from '../functions/domain/events';
import { participantIntakeSchema } from '../functions/domain/participant';
import { programSchema } from '../functions/domain/program';

const DOCS = path.dirname(fileURLToPath(import.meta.url));

/** Every JSON Schema published in docs/, by relative path: generated from the zod schemas. */
export function schemaDocuments(): Record<string, unknown> {
  // What a sender may send (input), except for the events crossgen publishes: consumers receive the parsed detail (output).
  const doc = (schema: z.ZodType, title: string, description: string, io: 'input' | 'output' = 'input') => ({
    ...z.toJSONSchema(schema, { io, unrepresentable: 'any' }),
    title,
    description,
  });
  const out: Record<string, unknown> = {
    'schemas/participant-intake.json': doc(
      participantIntakeSchema,
      'ParticipantIntake',
      'What HR submits for one participant (HTTP, CSV row, ParticipantEnrolled detail, intake form).',
    ),
    'schemas/program.json': doc(programSchema, 'Program', 'A cohort: topics, dates, lifecycle settings, matching weights and hard rules.'),
    'events/in/ParticipantEnrolled.json': doc(
      participantIntakeSchema,
      'ParticipantEnrolled',
      'Detail of the inbound ParticipantEnrolled event: the intake itself.',
    ),
  };
  for (const [name, schema] of Object.entries(adminRequestSchemas))
    out[`schemas/admin/${name}.json`] = doc(
      schema,
      `Admin${name[0]!.toUpperCase()}${name.slice(1)}Request`,
      `Body of the admin API's ${name} request (optional; docs/admin-api.md).`,
    );
  out['schemas/admin/concern.json'] = doc(
    concernActionSchema,
    'AdminConcernAction',
    "Body of POST /concerns/{concernId}: acknowledge a private concern, or resolve it with the admin's note (docs/admin-api.md).",
  );
  for (const [name, schema] of Object.entries(inboundEvents))
    out[`events/in/${name}.json`] = doc(schema, name, `Detail of the inbound ${name} event (any source).`);
  for (const [name, schema] of Object.entries(outboundEvents))
    out[`events/out/${name}.json`] = doc(schema, name, `Detail of the ${name} event crossgen publishes (source "crossgen").`, 'output');
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const [rel, schema] of Object.entries(schemaDocuments())) {
    const file = path.join(DOCS, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  }
  console.log(`wrote ${Object.keys(schemaDocuments()).length} JSON Schemas under docs/`);
}
