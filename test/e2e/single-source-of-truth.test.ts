import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rulesFromTemplate } from '../../local/eventbridge/bus';
import { synthesizeApp, TemplateResolver } from '../../local/synth';
import { intakeInput } from '../fixtures/intake/participants';
import { copyApp, type AppCopy } from './app-copy';
import { localCloud } from './local-cloud-client';

/**
 * What the local cloud runs is read from the CDK app: a state, a rule and a function added to a
 * copy of lib/ — and nothing else — run when the copy's local cloud starts.
 */

const PROBE_STATE = 'Probe: a state added to the copy of lib';

const PROBE_TYPE = 'SourceOfTruthProbed';

// A new rule on the program's bus and a new function behind it (the enrolment handler's source
// under a new name: the delivery record names the function that ran, the email shows it worked).
const ADDED_TO_LIB = `
  const sourceOfTruthProbe = new ProgramFunction(workflow, 'SourceOfTruthProbe', {
    entry: 'functions/enrol-participant.ts',
    description: 'Added by the single-source-of-truth test',
    environment: { INBOUND_DOMAIN: 'reply.example.com' },
  }).bindTable(stateful.table, 'readWrite').bindMailer((workflow.node.findChild('Mail') as OutboundMail).binding);
  new SourceOfTruthEvents.Rule(workflow, 'SourceOfTruthProbeRule', {
    eventBus: workflow.hub.bus,
    eventPattern: { detailType: ['${PROBE_TYPE}'] },
  }).addTarget(
    new SourceOfTruthTargets.LambdaFunction(sourceOfTruthProbe, {
      event: SourceOfTruthEvents.RuleTargetInput.fromObject({
        'detail-type': 'ParticipantEnrolled',
        id: SourceOfTruthEvents.EventField.eventId,
        detail: SourceOfTruthEvents.EventField.fromPath('$.detail'),
      }),
    }),
  );
`;
const IMPORTS = [
  "import * as SourceOfTruthEvents from 'aws-cdk-lib/aws-events';",
  "import * as SourceOfTruthTargets from 'aws-cdk-lib/aws-events-targets';",
  "import { ProgramFunction } from './constructs/program-function';",
  "import type { OutboundMail } from './constructs/outbound-mail';",
].join('\n');

const { region } = inject('cloud');
let copy: AppCopy;
let copyUrl: string;
let bus: string;

beforeAll(async () => {
  const app = await synthesizeApp({ region });
  const resolver = new TemplateResolver(app);
  const rules = Object.values(app.templates).flatMap((t) => rulesFromTemplate(t, (i) => String(resolver.resolve(i))));
  bus = rules.find((r) => JSON.stringify(r.pattern['detail-type']) === JSON.stringify(['ParticipantEnrolled']))!.eventBusName;

  copy = copyApp();
  copy.edit('lib/workflows/pairing-lifecycle.ts', 'return sfn.Chain.start(', () => `return sfn.Chain.start(new sfn.Pass(scope, '${PROBE_STATE}')).next(`);
  copy.edit('lib/crossgen.ts', /^/, () => `${IMPORTS}\n`);
  copy.edit('lib/crossgen.ts', /\n(\s*)return \{ stateful, workflow \};/, (found) => `\n${ADDED_TO_LIB}${found}`);
  copyUrl = await copy.startLocalCloud();
}, 120_000);
afterAll(async () => copy?.remove());

async function putProbe(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(baseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
    body: JSON.stringify({
      Entries: [
        { EventBusName: bus, Source: 'test.source-of-truth', DetailType: PROBE_TYPE, Detail: JSON.stringify(intakeInput({ name: 'Probe Person', email })) },
      ],
    }),
  });
  const out = (await res.json()) as { FailedEntryCount: number; Entries: { EventId: string }[] };
  expect(out.FailedEntryCount).toBe(0);
  return out.Entries[0]!.EventId;
}

type Sfn = (target: string, body: unknown) => Promise<Record<string, any>>;
const sfnAt =
  (baseUrl: string): Sfn =>
  async (target, body) => {
    const res = await fetch(baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${target}` },
      body: JSON.stringify(body),
    });
    const out = (await res.json()) as Record<string, any>;
    if (!res.ok) throw new Error(`${target} failed: ${out.message}`);
    return out;
  };

const lifecycleArn = async (sfn: Sfn): Promise<string> => {
  const { stateMachines } = (await sfn('ListStateMachines', {})) as { stateMachines: { name: string; stateMachineArn: string }[] };
  const machine = stateMachines.find((m) => m.name.startsWith('PairingLifecycle'));
  if (!machine) throw new Error(`No PairingLifecycle among ${stateMachines.map((m) => m.name).join(', ')}.`);
  return machine.stateMachineArn;
};

describe('the single source of truth', () => {
  it('runs a state that was added only to a workflow in lib/', async () => {
    const sfn = sfnAt(copyUrl);
    const { executionArn } = await sfn('StartExecution', {
      stateMachineArn: await lifecycleArn(sfn),
      name: `pr_probe${process.pid}`,
      input: JSON.stringify({ pairingId: `pr_probe${process.pid}` }),
    });
    await localCloud(copyUrl).idle();
    const { events } = (await sfn('GetExecutionHistory', { executionArn })) as { events: { type: string; stateEnteredEventDetails?: { name: string } }[] };
    const entered = events.filter((e) => e.type.endsWith('StateEntered')).map((e) => `${e.type} ${e.stateEnteredEventDetails?.name}`);
    expect(entered.slice(0, 2)).toEqual([`PassStateEntered ${PROBE_STATE}`, 'TaskStateEntered Act on what is due']);
  });

  it('runs a rule and a function that were added only to lib/', async () => {
    const email = `probe.${process.pid}@example.com`;
    const changed = localCloud(copyUrl);
    const eventId = await putProbe(copyUrl, email);
    const logged = await changed.until('the new rule to deliver', async () => {
      const entry = (await changed.events()).find((e) => e.event.id === eventId);
      return entry && entry.deliveries.length > 0 && entry.deliveries.every((d) => d.status !== 'pending') ? entry : undefined;
    });
    expect(logged.deliveries).toEqual([
      expect.objectContaining({
        ruleName: expect.stringContaining('SourceOfTruthProbeRule'),
        targetArn: expect.stringMatching(/:function:SourceOfTruthProbe/),
        status: 'delivered',
      }),
    ]);
    const mail = (await changed.emails()).filter((e) => e.to.includes(email));
    expect(mail.map((m) => m.subject)).toEqual(['You are enrolled in Reverse mentoring pilot']);
  });

  it('has no such rule in the unchanged app', async () => {
    const unchanged = localCloud();
    const eventId = await putProbe(unchanged.baseUrl, `probe.unchanged.${process.pid}@example.com`);
    const logged = await unchanged.until('the event in the log', async () => (await unchanged.events()).find((e) => e.event.id === eventId));
    expect(logged.deliveries).toEqual([]);
  });
});
