/**
 * Pattern cases about structure (fields, arrays, null, nesting, $or), taken from AWS's EventBridge
 * user guide. Each group names the guide's page and section it comes from.
 */
export interface PatternCase {
  name: string;
  pattern: unknown;
  event: unknown;
  matches: boolean;
}

export interface CaseGroup {
  source: string;
  cases: PatternCase[];
}

/** The EC2 event used throughout the guide ("Amazon EventBridge events" / "Event patterns"). */
export const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

/** The event of the "Content filtering" and event-ruler examples (c-count 5, d-count 3, x-limit 301.8). */
export const countersEvent = {
  ...ec2Event,
  time: '2017-10-02T16:24:49Z',
  detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33', state: 'running' },
};

const ec2Termination = {
  source: ['aws.ec2'],
  'detail-type': ['EC2 Instance State-change Notification'],
  detail: { state: ['terminated'] },
};

export const structureGroups: CaseGroup[] = [
  {
    source: 'Event patterns > Creating event patterns (EC2 instance-termination example)',
    cases: [
      { name: 'EC2 termination pattern matches the terminated event', pattern: ec2Termination, event: ec2Event, matches: true },
      {
        name: 'EC2 termination pattern ignores a running instance',
        pattern: ec2Termination,
        event: { ...ec2Event, detail: { ...ec2Event.detail, state: 'running' } },
        matches: false,
      },
      { name: 'values in one array are ORed (aws.ec2 or aws.fargate)', pattern: { source: ['aws.ec2', 'aws.fargate'] }, event: ec2Event, matches: true },
      { name: 'a field named in the pattern must exist in the event', pattern: { source: ['aws.ec2'], missing: ['x'] }, event: ec2Event, matches: false },
      { name: 'matching is case-sensitive by default', pattern: { source: ['AWS.EC2'] }, event: ec2Event, matches: false },
      {
        name: 'nesting must be the same as in the event',
        pattern: { state: ['terminated'] },
        event: ec2Event,
        matches: false,
      },
    ],
  },
  {
    source: 'Matching on multiple field values (arrays in event patterns)',
    cases: [
      {
        name: 'a pattern array matches an event array when they intersect',
        pattern: {
          resources: [
            'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
            'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
            'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
          ],
        },
        event: {
          resources: [
            'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
            'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
          ],
        },
        matches: true,
      },
      {
        name: 'disjoint arrays do not match',
        pattern: { resources: ['arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f'] },
        event: { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] },
        matches: false,
      },
      { name: 'an empty event array matches no value', pattern: { resources: ['a'] }, event: { resources: [] }, matches: false },
    ],
  },
  {
    source: 'Matching null values and empty strings',
    cases: [
      {
        name: 'an empty string matches [""]',
        pattern: { detail: { eventVersion: [''] } },
        event: { detail: { eventVersion: '', responseElements: null } },
        matches: true,
      },
      {
        name: 'null matches [null]',
        pattern: { detail: { responseElements: [null] } },
        event: { detail: { eventVersion: '', responseElements: null } },
        matches: true,
      },
      {
        name: 'an empty-string pattern does not match null',
        pattern: { detail: { responseElements: [''] } },
        event: { detail: { responseElements: null } },
        matches: false,
      },
      {
        name: 'a null pattern does not match an empty string',
        pattern: { detail: { eventVersion: [null] } },
        event: { detail: { eventVersion: '' } },
        matches: false,
      },
    ],
  },
  {
    source: 'Event pattern syntax > values: strings, numbers, booleans (JSON literals match by type)',
    cases: [
      { name: 'true matches the boolean true', pattern: { detail: { enabled: [true] } }, event: { detail: { enabled: true } }, matches: true },
      {
        name: 'the boolean false is not the string "false"',
        pattern: { detail: { enabled: [false] } },
        event: { detail: { enabled: 'false' } },
        matches: false,
      },
      { name: 'the number 300 is not the string "300"', pattern: { detail: { n: [300] } }, event: { detail: { n: '300' } }, matches: false },
      { name: 'numbers are compared by value: 3.0e2 equals 300', pattern: '{"detail":{"n":[3.0e2]}}', event: '{"detail":{"n":300}}', matches: true },
    ],
  },
  {
    source: 'Content filtering > Complex example with $or matching',
    cases: [
      {
        name: '$or matches when any branch matches (d-count < 10)',
        pattern: {
          detail: {
            $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }],
          },
        },
        event: { detail: { 'c-count': 50, 'd-count': 3, 'x-limit': 1 } },
        matches: true,
      },
      {
        name: '$or fails when no branch matches',
        pattern: { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }] } },
        event: { detail: { 'c-count': 50, 'd-count': 30 } },
        matches: false,
      },
      {
        name: '$or is ANDed with the other fields of its object',
        pattern: { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] },
        event: { source: 'aws.ec2', namespace: 'AWS/EC2' },
        matches: false,
      },
    ],
  },
  {
    source: 'aws/event-ruler README > "$or" primitive (nested Or and And), the matcher behind EventBridge',
    cases: [
      {
        name: 'nested $or inside an $or branch',
        pattern: {
          source: ['aws.cloudwatch'],
          $or: [
            { metricName: ['CPUUtilization', 'ReadLatency'] },
            { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
            { scope: ['Service'] },
          ],
        },
        event: { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/ES', spaceId: 1000 },
        matches: true,
      },
      {
        name: 'nested $or requires its own branch to match too',
        pattern: {
          source: ['aws.cloudwatch'],
          $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] }],
        },
        event: { source: 'aws.cloudwatch', metricType: 'MetricType', spaceId: 7 },
        matches: false,
      },
    ],
  },
  {
    source: 'aws/event-ruler README > JSON Array Matching (array-consistent matching of objects in arrays)',
    cases: [
      {
        name: 'a field inside objects of an event array matches any element',
        pattern: { employees: { firstName: ['Anna'] } },
        event: {
          employees: [
            { firstName: 'John', lastName: 'Doe' },
            { firstName: 'Anna', lastName: 'Smith' },
          ],
        },
        matches: true,
      },
      {
        name: 'fields from different array elements do not combine',
        pattern: { employees: { firstName: ['Anna'], lastName: ['Jones'] } },
        event: {
          employees: [
            { firstName: 'Anna', lastName: 'Smith' },
            { firstName: 'Peter', lastName: 'Jones' },
          ],
        },
        matches: false,
      },
      {
        name: 'multi-level arrays are crushed out',
        pattern: { employees: { firstName: ['Peter'], lastName: ['Jones'] } },
        event: { employees: [[{ firstName: 'John', lastName: 'Doe' }], [{ firstName: 'Peter', lastName: 'Jones' }]] },
        matches: true,
      },
    ],
  },
];
