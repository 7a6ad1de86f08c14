import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { synthesizeApp, TemplateResolver } from '../../local/synth';
import { synthesized } from './app';

/**
 * Every synthesized state machine, as deployed: valid Amazon States Language (asl-validator, in
 * addition to the local cloud's guard), encrypted with the customer-managed key, logging without
 * execution data.
 */

const resolver = new TemplateResolver(await synthesizeApp({ region: 'eu-west-1' }));
const machines = resolver.resources('AWS::StepFunctions::StateMachine').map(({ logicalId, resource }) => ({
  logicalId,
  properties: resource.Properties as Record<string, any>,
  definition: JSON.parse(resolver.resolve(resource.Properties!.DefinitionString) as string) as Record<string, unknown>,
}));

describe('the state machines', () => {
  it('are the three workflows', () => {
    expect(machines.map((m) => m.logicalId.replace(/StateMachine.*$/, '')).sort()).toEqual(['CohortMatching', 'ImportParticipants', 'PairingLifecycle']);
  });

  it.each(machines.map((m) => [m.logicalId, m.definition] as const))('%s is valid Amazon States Language', (_id, definition) => {
    const { isValid, errors } = aslValidator(definition);
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('the validator is live: it refuses a definition whose state leads nowhere', () => {
    const [machine] = machines;
    const broken = structuredClone(machine!.definition) as { StartAt: string; States: Record<string, Record<string, unknown>> };
    const first = broken.States[broken.StartAt]!;
    delete first.End;
    first.Next = 'A state that does not exist';
    expect(aslValidator(broken).isValid).toBe(false);
  });

  it.each(machines.map((m) => [m.logicalId, m.properties] as const))('%s is encrypted with the data key and logs no execution data', (_id, properties) => {
    const { data } = synthesized();
    const keyId = Object.keys(data.findResources('AWS::KMS::Key')).find((id) => id.startsWith('DataKey'))!;
    expect(properties.EncryptionConfiguration).toMatchObject({ Type: 'CUSTOMER_MANAGED_KMS_KEY', KmsDataKeyReusePeriodSeconds: 300 });
    expect(String(resolver.resolve(properties.EncryptionConfiguration.KmsKeyId))).toContain(keyId);
    expect(properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    expect(properties.TracingConfiguration).toEqual({ Enabled: true });
  });

  it('lets callers use the data key for executions through Step Functions only', () => {
    const { workflows } = synthesized();
    const policies = Object.entries(workflows.findResources('AWS::IAM::Policy'));
    const viaStates = policies.filter(([, p]) => JSON.stringify(p).includes('"kms:ViaService":"states.eu-west-1.amazonaws.com"')).map(([id]) => id);
    for (const caller of ['AdminApi', 'InboundHandler', 'InboundAnswerPage', 'CohortMatchingStateMachineRole', 'PairingLifecycleStateMachineRole']) {
      expect(
        viaStates.some((id) => id.startsWith(caller)),
        caller,
      ).toBe(true);
    }
  });

  it('throttles both HTTP APIs, so a flood of a public route is cut off at the edge', () => {
    const { workflows } = synthesized();
    const stages = Object.values(workflows.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(2);
    for (const stage of stages) expect(stage.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingBurstLimit: 50, ThrottlingRateLimit: 25 });
  });
});
