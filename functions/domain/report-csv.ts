import { csvDocument } from './csv';
import type { ProgramReport } from './report';
import { isWithheld } from './report-privacy';

/**
 * The report as CSV, one figure a row (`section,group,measure,value`), so that a spreadsheet can
 * filter and pivot it: the same content as the JSON, withheld figures written as
 * "withheld: <reason>" ("fewer than k people", or "... could be worked out by difference"), figures
 * with nothing to measure left empty.
 */
export const REPORT_CSV_HEADER = ['section', 'group', 'measure', 'value'] as const;

type Row = [section: string, group: string, measure: string, value: unknown];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function flatten(section: string, group: string, value: unknown, prefix: string, rows: Row[]): void {
  if (isWithheld(value)) rows.push([section, group, prefix, `withheld: ${value.reason}`]);
  else if (isObject(value)) for (const [key, v] of Object.entries(value)) flatten(section, group, v, prefix ? `${prefix}.${key}` : key, rows);
  else if (Array.isArray(value)) value.forEach((v, i) => flatten(section, group, v, `${prefix}.${i + 1}`, rows));
  else rows.push([section, group, prefix, value]);
}

export function reportCsvRows(report: ProgramReport): Row[] {
  const rows: Row[] = [];
  rows.push(
    ['program', '', 'programId', report.programId],
    ['program', '', 'name', report.name],
    ['program', '', 'generatedAt', report.generatedAt],
    ['program', '', 'minGroupSize', report.minGroupSize],
  );
  report.objectives.forEach((o, i) => {
    rows.push(['program', '', `objective.${i + 1}`, o.text]);
    const { text: _text, ...figures } = o;
    flatten('objectives', `${i + 1}`, figures, '', rows);
  });
  for (const section of ['participants', 'pairings', 'engagement', 'retention', 'satisfaction'] as const) flatten(section, '', report[section], '', rows);
  for (const { topic, label, role, ...rest } of report.skills) flatten('skills', `${label} (${role}s)`, { topic, ...rest }, '', rows);
  rows.push(['engagement', '', 'meetingsPerPair', isWithheld(report.meetingsPerPair) ? `withheld: ${report.meetingsPerPair.reason}` : report.meetingsPerPair]);
  const fb = report.programFeedback;
  rows.push(['program feedback', '', 'people', fb.people], ['program feedback', '', 'minPeople', fb.minPeople]);
  for (const field of ['keep', 'change'] as const) {
    const part = fb[field];
    if (isWithheld(part)) rows.push(['program feedback', field, '(all)', `withheld: ${part.reason}`]);
    else for (const g of part) g.answers.forEach((a, i) => rows.push(['program feedback', `${field}: ${g.label}`, `answer.${i + 1}`, a]));
  }
  for (const [section, groups] of [
    ['by role', report.breakdown.byRole],
    ['by department', report.breakdown.byDepartment],
    ['by topic', report.breakdown.byTopic],
  ] as const) {
    for (const row of groups) {
      if (isWithheld(row)) rows.push([section, row.label, '(all)', `withheld: ${row.reason}`]);
      else {
        const { group: _group, label, ...rest } = row;
        flatten(section, label, rest, '', rows);
      }
    }
  }
  for (const { month, ...rest } of report.trend) flatten('trend', month, rest, '', rows);
  for (const pair of report.atRisk) {
    rows.push(
      ['at risk', pair.pairingId, 'status', pair.status],
      ['at risk', pair.pairingId, 'missedInRow', pair.missedInRow],
      ['at risk', pair.pairingId, 'lastMetAt', pair.lastMetAt],
    );
    for (const risk of pair.risks)
      rows.push(['at risk', pair.pairingId, `reason.${risk.code}`, risk.reason], ['at risk', pair.pairingId, `action.${risk.code}`, risk.action]);
  }
  return rows;
}

export function reportCsv(report: ProgramReport): string {
  return csvDocument(REPORT_CSV_HEADER, reportCsvRows(report));
}
