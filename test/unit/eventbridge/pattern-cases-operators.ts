/**
 * Pattern cases for the comparison operators, taken from AWS's EventBridge user guide pages
 * "Content filtering in Amazon EventBridge event patterns" and "Comparison operators for use in
 * event patterns". Each group names the section it comes from.
 */
import { type CaseGroup, countersEvent } from './pattern-cases-structure';

const withDetail = (detail: Record<string, unknown>) => ({ ...countersEvent, detail: { ...countersEvent.detail, ...detail } });

const complexPattern = {
  time: [{ prefix: '2017-10-02' }],
  detail: {
    state: [{ 'anything-but': 'initializing' }],
    'c-count': [{ numeric: ['>', 0, '<=', 5] }],
    'd-count': [{ numeric: ['<', 10] }],
    'x-limit': [{ 'anything-but': [100, 200, 300] }],
    'source-ip': [{ cidr: '10.0.0.0/8' }],
  },
};

export const operatorGroups: CaseGroup[] = [
  {
    source: 'Content filtering > Prefix matching; Comparison operators > Begins with (ignore case)',
    cases: [
      { name: 'time starts with 2017-10-02', pattern: { time: [{ prefix: '2017-10-02' }] }, event: countersEvent, matches: true },
      { name: 'time does not start with 2017-10-03', pattern: { time: [{ prefix: '2017-10-03' }] }, event: countersEvent, matches: false },
      { name: 'prefix only applies to strings', pattern: { detail: { 'c-count': [{ prefix: '5' }] } }, event: countersEvent, matches: false },
      {
        name: 'prefix ignoring case: "eventb" matches "EventBridge"',
        pattern: { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] },
        event: { service: 'EventBridge' },
        matches: true,
      },
      {
        name: 'prefix ignoring case still needs the prefix',
        pattern: { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] },
        event: { service: 'Lambda' },
        matches: false,
      },
    ],
  },
  {
    source: 'Content filtering > Suffix matching; Comparison operators > Ends with (ignore case)',
    cases: [
      { name: 'FileName ends with .png', pattern: { FileName: [{ suffix: '.png' }] }, event: { FileName: 'photo.png' }, matches: true },
      { name: 'FileName ending .jpg is not .png', pattern: { FileName: [{ suffix: '.png' }] }, event: { FileName: 'photo.jpg' }, matches: false },
      { name: 'plain suffix is case-sensitive', pattern: { FileName: [{ suffix: '.png' }] }, event: { FileName: 'PHOTO.PNG' }, matches: false },
      {
        name: 'suffix ignoring case matches .PNG',
        pattern: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] },
        event: { FileName: 'PHOTO.PNG' },
        matches: true,
      },
    ],
  },
  {
    source: 'Content filtering > Anything-but matching (value, list, prefix, suffix, ignore case, wildcard)',
    cases: [
      {
        name: 'anything-but "initializing" matches running',
        pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } },
        event: countersEvent,
        matches: true,
      },
      {
        name: 'anything-but "initializing" refuses initializing',
        pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } },
        event: withDetail({ state: 'initializing' }),
        matches: false,
      },
      { name: 'anything-but 123 matches 301.8', pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, event: countersEvent, matches: true },
      {
        name: 'anything-but 123 refuses 123',
        pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
        event: withDetail({ 'x-limit': 123 }),
        matches: false,
      },
      {
        name: 'anything-but a string list refuses a listed value',
        pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
        event: withDetail({ state: 'stopped' }),
        matches: false,
      },
      {
        name: 'anything-but a string list matches another value',
        pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
        event: countersEvent,
        matches: true,
      },
      {
        name: 'anything-but a number list refuses 200',
        pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
        event: withDetail({ 'x-limit': 200 }),
        matches: false,
      },
      {
        name: 'anything-but prefix "init" refuses initializing',
        pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
        event: withDetail({ state: 'initializing' }),
        matches: false,
      },
      {
        name: 'anything-but prefix "init" matches running',
        pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
        event: countersEvent,
        matches: true,
      },
      {
        name: 'anything-but suffix ".png" refuses a png',
        pattern: { FileName: [{ 'anything-but': { suffix: '.png' } }] },
        event: { FileName: 'a.png' },
        matches: false,
      },
      {
        name: 'anything-but suffix ".png" matches a txt',
        pattern: { FileName: [{ 'anything-but': { suffix: '.png' } }] },
        event: { FileName: 'a.txt' },
        matches: true,
      },
      {
        name: 'anything-but ignore case refuses INITIALIZING',
        pattern: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] },
        event: { state: 'INITIALIZING' },
        matches: false,
      },
      {
        name: 'anything-but ignore-case list matches another value',
        pattern: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] },
        event: { state: 'running' },
        matches: true,
      },
      {
        name: 'anything-but wildcard refuses a path with /lib/',
        pattern: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
        event: { FilePath: '/usr/lib/node' },
        matches: false,
      },
      {
        name: 'anything-but wildcard matches a path without /lib/',
        pattern: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
        event: { FilePath: '/usr/bin/node' },
        matches: true,
      },
      { name: 'anything-but needs the field to be present', pattern: { detail: { missing: [{ 'anything-but': 'x' }] } }, event: countersEvent, matches: false },
    ],
  },
  {
    source: 'Content filtering > Numeric matching',
    cases: [
      {
        name: 'the documented numeric pattern matches c-count 5, d-count 3, x-limit 301.8',
        pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } },
        event: countersEvent,
        matches: true,
      },
      { name: '"> 0" excludes 0', pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, event: withDetail({ 'c-count': 0 }), matches: false },
      { name: '"<= 5" excludes 6', pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, event: withDetail({ 'c-count': 6 }), matches: false },
      { name: '">=" includes its bound', pattern: { detail: { 'c-count': [{ numeric: ['>=', 5] }] } }, event: countersEvent, matches: true },
      { name: '"< 10" excludes 10', pattern: { detail: { 'd-count': [{ numeric: ['<', 10] }] } }, event: withDetail({ 'd-count': 10 }), matches: false },
      {
        name: 'numeric only works with JSON numbers, not numeric strings',
        pattern: { detail: { 'c-count': [{ numeric: ['>', 0] }] } },
        event: withDetail({ 'c-count': '5' }),
        matches: false,
      },
      { name: 'numeric values beyond 5.0e9 do not match', pattern: { detail: { n: [{ numeric: ['>', 0] }] } }, event: { detail: { n: 6e9 } }, matches: false },
    ],
  },
  {
    source: 'Content filtering > IP address matching (IPv4 and IPv6)',
    cases: [
      {
        name: '10.0.0.255 is in 10.0.0.0/24',
        pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
        event: { detail: { sourceIPAddress: '10.0.0.255' } },
        matches: true,
      },
      {
        name: '10.0.1.1 is not in 10.0.0.0/24',
        pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
        event: { detail: { sourceIPAddress: '10.0.1.1' } },
        matches: false,
      },
      {
        name: 'an IPv6 address inside 2001:db8:1234:1a00::/64',
        pattern: { detail: { sourceIPAddress: [{ cidr: '2001:db8:1234:1a00::/64' }] } },
        event: { detail: { sourceIPAddress: '2001:db8:1234:1a00:ffff:ffff:ffff:ffff' } },
        matches: true,
      },
      {
        name: 'an IPv6 address outside the /64',
        pattern: { detail: { sourceIPAddress: [{ cidr: '2001:db8:1234:1a00::/64' }] } },
        event: { detail: { sourceIPAddress: '2001:db8:1234:1a01::1' } },
        matches: false,
      },
      { name: 'an IPv4 address never matches an IPv6 block', pattern: { ip: [{ cidr: '2001:db8::/32' }] }, event: { ip: '10.0.0.1' }, matches: false },
      { name: 'a non-address string does not match', pattern: { ip: [{ cidr: '10.0.0.0/8' }] }, event: { ip: 'localhost' }, matches: false },
    ],
  },
  {
    source: 'Content filtering > Exists matching (leaf nodes only)',
    cases: [
      { name: 'exists true matches a present detail.state', pattern: { detail: { state: [{ exists: true }] } }, event: countersEvent, matches: true },
      {
        name: 'exists true refuses an event without detail.state',
        pattern: { detail: { state: [{ exists: true }] } },
        event: { detail: { 'c-count': { c1: 100 } } },
        matches: false,
      },
      {
        name: 'exists false matches an event without detail.c-count',
        pattern: { detail: { 'c-count': [{ exists: false }] } },
        event: { detail: { state: ['initializing', 'running'] } },
        matches: true,
      },
      {
        name: 'exists false also matches when c-count is an object (not a leaf)',
        pattern: { detail: { 'c-count': [{ exists: false }] } },
        event: { detail: { state: ['initializing', 'running'], 'c-count': { c1: 100 } } },
        matches: true,
      },
      { name: 'exists false refuses a present leaf', pattern: { detail: { 'c-count': [{ exists: false }] } }, event: countersEvent, matches: false },
      { name: 'exists true on an intermediate object does not match', pattern: { detail: [{ exists: true }] }, event: countersEvent, matches: false },
      {
        name: 'exists false matches when the parent object is absent',
        pattern: { detail: { 'c-count': [{ exists: false }] } },
        event: { source: 'x' },
        matches: true,
      },
      {
        name: 'exists true on an array with values matches',
        pattern: { detail: { state: [{ exists: true }] } },
        event: { detail: { state: ['initializing', 'running'] } },
        matches: true,
      },
    ],
  },
  {
    source: 'Content filtering > Equals-ignore-case matching',
    cases: [
      {
        name: 'detail-type in any case',
        pattern: { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
        event: countersEvent,
        matches: true,
      },
      {
        name: 'equals-ignore-case still compares the whole value',
        pattern: { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance' }] },
        event: countersEvent,
        matches: false,
      },
      { name: 'source "EC2" ignoring case is not "aws.ec2"', pattern: { source: [{ 'equals-ignore-case': 'EC2' }] }, event: countersEvent, matches: false },
    ],
  },
  {
    source: 'Content filtering > Matching using wildcards (and the AWS Compute Blog post on wildcard filters)',
    cases: [
      {
        name: 'EventBusArn with two wildcards',
        pattern: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
        event: { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/crossgen' },
        matches: true,
      },
      {
        name: 'the literal parts must match (us-west-2)',
        pattern: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
        event: { EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/crossgen' },
        matches: false,
      },
      { name: '"*.png" matches strings ending with .png', pattern: { key: [{ wildcard: '*.png' }] }, event: { key: 'uploads/a.png' }, matches: true },
      { name: '"*Title*" matches Title in the middle', pattern: { key: [{ wildcard: '*Title*' }] }, event: { key: 'MyTitleCase' }, matches: true },
      { name: '"*" matches zero characters', pattern: { key: [{ wildcard: 'a*b' }] }, event: { key: 'ab' }, matches: true },
      { name: 'an escaped \\* is a literal asterisk', pattern: { key: [{ wildcard: 'a\\*b' }] }, event: { key: 'axb' }, matches: false },
      { name: 'an escaped \\* matches an asterisk', pattern: { key: [{ wildcard: 'a\\*b' }] }, event: { key: 'a*b' }, matches: true },
      { name: 'an escaped \\\\ is a literal backslash', pattern: { key: [{ wildcard: 'C:\\\\*' }] }, event: { key: 'C:\\temp' }, matches: true },
    ],
  },
  {
    source: 'Content filtering > Complex example with multiple matching (and the duplicate-key note)',
    cases: [
      { name: 'the complex example matches the documented event', pattern: complexPattern, event: countersEvent, matches: true },
      {
        name: 'the complex example fails when one condition fails (x-limit 300)',
        pattern: complexPattern,
        event: withDetail({ 'x-limit': 300 }),
        matches: false,
      },
      {
        name: 'with a duplicated key only the last one is evaluated',
        pattern: '{"detail":{"location":[{"prefix":"us-"}],"location":[{"anything-but":"us-east"}]}}',
        event: { detail: { location: 'eu-west' } },
        matches: true,
      },
    ],
  },
];
