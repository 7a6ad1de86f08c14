import { describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { synthesized } from './app';

type Widget = { type: string; properties: { title?: string; markdown?: string; metrics?: unknown[][] } };

/** The dashboard body is a Fn::Join of text and references: references become "<ref>" to read it as JSON. */
function dashboardWidgets(): Widget[] {
  const { workflows } = synthesized();
  const dashboards = Object.values(workflows.findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0]!.Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : '<ref>')).join('');
  return (JSON.parse(text) as { widgets: Widget[] }).widgets;
}

const metricsOf = (w: Widget) => w.properties.metrics ?? [];
const names = (w: Widget) =>
  metricsOf(w).map(
    (m) =>
      (m.find((x) => typeof x === 'object' && x !== null && 'expression' in (x as object)) as { expression?: string } | undefined)?.expression ??
      `${m[0]}/${m[1]}`,
  );
const titled = (widgets: Widget[], re: RegExp) => {
  const found = widgets.filter((w) => re.test(w.properties.title ?? ''));
  expect(found.length, String(re)).toBe(1);
  return found[0]!;
};

describe('operations dashboard', () => {
  it('shows executions by status for both workflows', () => {
    const widgets = dashboardWidgets();
    for (const workflow of ['PairingLifecycle', 'CohortMatching']) {
      const w = titled(widgets, new RegExp(`^${workflow} executions by status$`));
      expect(names(w)).toEqual([
        'AWS/States/ExecutionsStarted',
        'AWS/States/ExecutionsSucceeded',
        'AWS/States/ExecutionsFailed',
        'AWS/States/ExecutionsTimedOut',
        'AWS/States/ExecutionsAborted',
      ]);
    }
  });

  it('shows the business metrics per program with SEARCH in the crossgen namespace', () => {
    const widgets = dashboardWidgets();
    const search = (metric: string) => `SEARCH('Namespace="crossgen" MetricName="${metric}" programId', 'Sum', 300)`;
    expect(names(titled(widgets, /^Emails sent/))).toEqual([search('EmailsSent')]);
    expect(names(titled(widgets, /^Replies recorded and escalations/))).toEqual([search('AnswersRecorded'), search('EscalationsRaised')]);
    expect(names(titled(widgets, /^Pairings started, completed, ended/))).toEqual([
      search('PairingsStarted'),
      search('PairingsCompleted'),
      search('PairingsEnded'),
    ]);
  });

  it('shows bounces and complaints, dead letters, and every function errors and p95 duration', () => {
    const widgets = dashboardWidgets();
    expect(names(titled(widgets, /bounces and complaints/))).toEqual(['AWS/SES/Send', 'AWS/SES/Bounce', 'AWS/SES/Complaint']);
    expect(names(titled(widgets, /SES reputation/))).toEqual(['AWS/SES/Reputation.BounceRate', 'AWS/SES/Reputation.ComplaintRate']);
    expect(names(titled(widgets, /^Dead letters/))).toEqual(['AWS/SQS/ApproximateNumberOfMessagesVisible']);
    const { workflows } = synthesized();
    const fnCount = Object.keys(workflows.findResources('AWS::Lambda::Function', { Metadata: { 'crossgen:entry': Match.anyValue() } })).length;
    const errors = names(titled(widgets, /^Function errors$/));
    expect(errors).toHaveLength(fnCount);
    expect(new Set(errors)).toEqual(new Set(['AWS/Lambda/Errors']));
    const durations = titled(widgets, /^Function duration/);
    expect(metricsOf(durations)).toHaveLength(fnCount);
    for (const m of metricsOf(durations)) expect(m).toContainEqual(expect.objectContaining({ stat: 'p95' }));
  });

  it('puts its console URL in the stack outputs', () => {
    const { workflows } = synthesized();
    const outputs = Object.entries(workflows.findOutputs('*')).filter(([id]) => id.startsWith('DashboardDashboardUrl'));
    expect(outputs).toHaveLength(1);
    expect(JSON.stringify(outputs[0]![1].Value)).toMatch(/console\.aws\.amazon\.com\/cloudwatch\/home\?region=.*#dashboards:name=/);
  });
});
