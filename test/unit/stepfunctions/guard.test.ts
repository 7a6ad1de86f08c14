import { describe, expect, it } from 'vitest';
import type { AslDefinition, AslState } from '../../../local/stepfunctions/asl';
import { assertSupported, UnsupportedDefinitionError } from '../../../local/stepfunctions/guard';

const FN = 'arn:aws:lambda:eu-west-1:000000000000:function:Handler';
const lambdaTask = { Type: 'Task', Resource: FN, End: true };

/** `state` named "Offending", nested inside a Parallel branch and a Map to prove the guard recurses. */
function nested(state: AslState): AslDefinition[] {
  return [
    { StartAt: 'Offending', States: { Offending: state } },
    { StartAt: 'Fork', States: { Fork: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'Offending', States: { Offending: state } }] } } },
    { StartAt: 'Each', States: { Each: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'Offending', States: { Offending: state } } } } },
  ];
}

const unsupported: [string, AslState, RegExp][] = [
  ['JSONata on a state', { ...lambdaTask, QueryLanguage: 'JSONata' }, /QueryLanguage JSONata/],
  ['Assign', { Type: 'Pass', Assign: { x: 1 }, End: true }, /Assign/],
  ['Arguments', { ...lambdaTask, Arguments: { a: '{% $x %}' } }, /Arguments/],
  ['Output', { Type: 'Pass', Output: '{% $x %}', End: true }, /Output/],
  ['Assign in a Catch', { ...lambdaTask, Catch: [{ ErrorEquals: ['States.ALL'], Assign: { e: 1 }, Next: 'Offending' }] }, /Catch rule/],
  ['HeartbeatSeconds', { ...lambdaTask, HeartbeatSeconds: 60 }, /HeartbeatSeconds/],
  ['HeartbeatSecondsPath', { ...lambdaTask, HeartbeatSecondsPath: '$.hb' }, /HeartbeatSeconds/],
  ['TimeoutSecondsPath without Parameters', { ...lambdaTask, TimeoutSecondsPath: '$.t' }, /TimeoutSecondsPath/],
  [
    'Distributed Map',
    {
      Type: 'Map',
      End: true,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
    },
    /Distributed Map/,
  ],
  [
    'ItemReader',
    {
      Type: 'Map',
      End: true,
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject' },
      ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
    },
    /ItemReader/,
  ],
  [
    'ResultWriter',
    {
      Type: 'Map',
      End: true,
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject' },
      ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
    },
    /ResultWriter/,
  ],
  [
    'ItemBatcher',
    { Type: 'Map', End: true, ItemBatcher: { MaxItemsPerBatch: 10 }, ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } } },
    /ItemBatcher/,
  ],
  ['.sync integration', { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', End: true }, /\.sync integration/],
  ['unsupported integration', { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true }, /sqs:sendMessage; supported:/],
  ['activity', { Type: 'Task', Resource: 'arn:aws:states:eu-west-1:000000000000:activity:Review', End: true }, /no local binding/],
  [
    'callback without TimeoutSeconds',
    { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: FN }, End: true },
    /without TimeoutSeconds/,
  ],
];

describe('the guard', () => {
  it.each(unsupported)('refuses %s, naming the machine and the state, at any depth', (_what, state, reason) => {
    for (const definition of nested(state)) {
      let caught: unknown;
      try {
        assertSupported('PairingLifecycle', definition);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(UnsupportedDefinitionError);
      const message = (caught as Error).message;
      expect(message).toContain('State machine "PairingLifecycle"');
      expect(message).toContain('state "Offending"');
      expect(message).toMatch(reason);
    }
  });

  it('refuses JSONata set for the whole machine', () => {
    expect(() => assertSupported('M', { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', End: true } } })).toThrow(/QueryLanguage JSONata/);
  });

  it('refuses a state name used twice, since local overrides are keyed by name', () => {
    const twice = {
      StartAt: 'Fork',
      States: {
        Fork: { Type: 'Parallel', Next: 'Step', Branches: [{ StartAt: 'Step', States: { Step: { Type: 'Pass', End: true } } }] },
        Step: { Type: 'Pass', End: true },
      },
    };
    expect(() => assertSupported('M', twice)).toThrow(/state "Step" appears twice/);
  });

  it('lists every problem at once', () => {
    const definition = {
      StartAt: 'A',
      States: { A: { ...lambdaTask, HeartbeatSeconds: 5, End: false, Next: 'B' }, B: { Type: 'Pass', Assign: {}, End: true } },
    };
    expect(() => assertSupported('M', definition)).toThrow(/state "A" uses HeartbeatSeconds[\s\S]*state "B" uses Assign/);
  });

  it('accepts what our workflows use', () => {
    const definition: AslDefinition = {
      TimeoutSeconds: 31_536_000,
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          TimeoutSeconds: 60,
          Parameters: { FunctionName: FN },
          Next: 'Invoke',
        },
        Invoke: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: FN }, Next: 'Put' },
        Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Next: 'Emit' },
        Emit: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', Next: 'Child' },
        Child: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', Next: 'Plain' },
        Plain: { Type: 'Task', Resource: `${FN}:$LATEST`, Next: 'Later' },
        Later: { Type: 'Wait', TimestampPath: '$.at', Next: 'Each' },
        Each: {
          Type: 'Map',
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
    expect(() => assertSupported('M', definition)).not.toThrow();
  });
});
