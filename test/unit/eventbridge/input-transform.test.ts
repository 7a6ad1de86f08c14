import { describe, expect, it } from 'vitest';
import { InputTransformationError, buildTargetInput, selectPath } from '../../../local/eventbridge/input-transform';
import type { EventEnvelope } from '../../../local/eventbridge/put-events';

// The EC2 event of "Amazon EventBridge input transformation > Input transform examples".
const event: EventEnvelope = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' },
};
const rule = { name: 'example', arn: 'arn:aws:events:us-east-2:123456789012:rule/example' };
const inputPathsMap = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };
const transform = (inputTemplate: string, paths: Record<string, string> = inputPathsMap) =>
  buildTargetInput({ inputTransformer: { inputPathsMap: paths, inputTemplate } }, event, rule, '2015-11-11T21:29:55Z');

describe('buildTargetInput, per the input-transform examples of the EventBridge user guide', () => {
  it.each([
    ['Simple string', '"instance <instance> is in <state>"', '"instance i-0123456789 is in RUNNING"'],
    ['String with escaped quotes', '"instance \\"<instance>\\" is in <state>"', '"instance \\"i-0123456789\\" is in RUNNING"'],
    ['Simple JSON', '{\n  "instance" : <instance>,\n  "state": <state>\n}', '{"instance":"i-0123456789","state":"RUNNING"}'],
    [
      'JSON with strings and variables',
      '{"instance" : <instance>, "state": "<state>", "instanceStatus": "instance \\"<instance>\\" is in <state>"}',
      '{"instance":"i-0123456789","state":"RUNNING","instanceStatus":"instance \\"i-0123456789\\" is in RUNNING"}',
    ],
    [
      'JSON with a mix of variables and static information',
      '{ "instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes" }',
      '{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}',
    ],
    ['Including reserved variables in a string', '"<aws.events.rule-name> triggered"', '"example triggered"'],
  ])('%s', (_name, template, expected) => {
    expect(transform(template)).toBe(expected);
  });

  it('fills reserved variables in JSON: rule ARN and name, the event without detail, the full event', () => {
    const output = JSON.parse(
      transform(
        '{"ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "original": <aws.events.event>, "full": <aws.events.event.json>, "at": <aws.events.event.ingestion-time>}',
      ),
    );
    expect(output.ruleArn).toBe(rule.arn);
    expect(output.ruleName).toBe('example');
    const { detail: _detail, ...withoutDetail } = event;
    expect(output.original).toEqual(withoutDetail);
    expect(output.full).toEqual(event);
    expect(output.at).toBe('2015-11-11T21:29:55Z');
  });

  it('passes non-JSON templates through as text, values unquoted', () => {
    expect(transform('instance <instance> is in <state>')).toBe('instance i-0123456789 is in RUNNING');
  });

  it('inserts numbers and objects as JSON values', () => {
    expect(transform('{"detail": <d>}', { d: '$.detail' })).toBe('{"detail":{"instance-id":"i-0123456789","state":"RUNNING"}}');
  });

  it('leaves out a variable whose path does not exist (null as a value, nothing inside a string)', () => {
    expect(transform('{"a": <gone>, "b": "x<gone>y"}', { gone: '$.detail.nothing' })).toBe('{"a":null,"b":"xy"}');
  });

  it('refuses the event placeholders inside a string and reserved variable names, as AWS does', () => {
    expect(() => transform('"<aws.events.event.json>"')).toThrow(InputTransformationError);
    expect(() => transform('<x>', { 'aws.events.mine': '$.id' })).toThrow(/reserved aws.events name/);
  });
});

describe('Input and InputPath targets', () => {
  it('sends Input as constant text', () => {
    expect(buildTargetInput({ input: '{"fixed":true}' }, event, rule, 't')).toBe('{"fixed":true}');
  });

  it('sends the part InputPath selects, as JSON', () => {
    expect(buildTargetInput({ inputPath: '$.detail' }, event, rule, 't')).toBe('{"instance-id":"i-0123456789","state":"RUNNING"}');
    expect(buildTargetInput({ inputPath: '$.resources[0]' }, event, rule, 't')).toBe('"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"');
  });

  it('sends the whole event when no input option is set', () => {
    expect(JSON.parse(buildTargetInput({}, event, rule, 't'))).toEqual(event);
  });
});

describe('selectPath (the JSONPath subset EventBridge supports)', () => {
  const doc = { a: { 'b-c': [{ d: 1 }, { d: 2 }] }, "x'y": 3 };
  it.each([
    ['$', doc],
    ['$.a.b-c[1].d', 2],
    ["$['a']['b-c'][0]", { d: 1 }],
    ['$.a.b-c[*].d', [1, 2]],
    ['$.a.missing', undefined],
    ['$.a.b-c[5]', undefined],
  ])('%s', (path, expected) => {
    expect(selectPath(doc, path)).toEqual(expected);
  });

  it('refuses paths that do not start at $ or use unsupported syntax', () => {
    expect(() => selectPath(doc, 'a.b')).toThrow(/must start with "\$"/);
    expect(() => selectPath(doc, '$..d')).toThrow(/does not support/);
  });
});
