/**
 * The topology picture for the job summary: per service, replicas per AZ as a Mermaid chart (which
 * GitHub renders) with the same numbers in a plain table, what losing an AZ does, the availability
 * computation, and the recommended layout.
 */
import { percent } from './availability';
import { availabilityText, recommendationText, unitNoun, zoneLabel } from './describe';
import { computation } from './rules/slo-unreachable';
import { formatNumber, type ServiceAnalysis } from './model';

/** Services drawn at most; the rest are counted in a note. */
export const MAX_PICTURED_SERVICES = 10;

/** The services worth a picture: every topology-file service, then IaC fleets of two or more. */
export function picturedServices(analyses: readonly ServiceAnalysis[]): ServiceAnalysis[] {
  const stated = analyses.filter((a) => a.service.source === 'file');
  const inferred = analyses.filter((a) => a.service.source !== 'file' && a.total >= 2);
  return [...stated, ...inferred];
}

function quoted(text: string): string {
  return `"${text.replace(/"/g, "'")}"`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

export function servicePicture(analysis: ServiceAnalysis): string {
  const { service } = analysis;
  const noun = unitNoun(analysis);
  const keys = [...analysis.perZone.keys()];
  const labels = keys.map((k) => zoneLabel(analysis, k));
  const values = keys.map((k) => analysis.perZone.get(k) ?? 0);
  const top = Math.max(1, ...values);
  const facts = [
    `\`${cell(service.file)}:${service.line}\``,
    service.loadBalancer
      ? `${service.loadBalancer} load balancer${analysis.trafficRegion ? ` in ${analysis.trafficRegion}` : ''}`
      : undefined,
    `min-healthy ${analysis.k}${service.minHealthy === undefined ? ' (default)' : ''}`,
    service.slo !== undefined ? `SLO ${percent(service.slo)}` : undefined,
  ].filter(Boolean);
  const chart = [
    '```mermaid',
    'xychart-beta',
    `    title ${quoted(`${service.name}: ${noun}s per AZ`)}`,
    `    x-axis [${labels.map(quoted).join(', ')}]`,
    `    y-axis ${quoted(`${noun}s`)} 0 --> ${formatNumber(top)}`,
    `    bar [${values.map(formatNumber).join(', ')}]`,
    '```',
  ];
  const table = [
    `| AZ | region | ${noun}s | share | takes traffic |`,
    '|---|---|--:|--:|---|',
    ...keys.map((key, i) => {
      const zone = analysis.zones.get(key);
      const serves = analysis.serving.has(key) ? 'yes' : `no (outside ${analysis.trafficRegion})`;
      return `| ${cell(labels[i])} | ${cell(zone?.region ?? '?')} | ${formatNumber(values[i])} | ${percent(values[i] / analysis.total)} | ${serves} |`;
    }),
  ];
  const loss = analysis.loss;
  const servingLoss = analysis.servingLoss;
  const lossLine = loss
    ? `**Losing an AZ:** the worst is ${zoneLabel(analysis, loss.zone)}, ${percent(loss.fractionLost)} of the capacity (${formatNumber(loss.lost)} of ${formatNumber(loss.total)}). ` +
      (servingLoss
        ? `${formatNumber(servingLoss.remaining)} ${noun}${servingLoss.remaining === 1 ? '' : 's'} that take traffic remain; min-healthy ${analysis.k}: ${analysis.staticallyStable ? 'statically stable' : '**not statically stable**'}.`
        : 'No replica takes traffic.')
    : '';
  const r = analysis.recommended;
  const recommended = `**Recommended layout:** ${recommendationText(analysis)}, ${availabilityText(r.availability)}${service.slo !== undefined ? (r.meetsSlo ? ', meets the SLO' : ', still short of the SLO') : ''}; losing any one AZ leaves ${formatNumber(r.total - r.perZone)} of ${formatNumber(r.total)} (min-healthy ${analysis.k}).`;
  return [
    facts.join(' · '),
    chart.join('\n'),
    table.join('\n'),
    lossLine,
    `**Availability:** ${computation(analysis)}`,
    recommended,
  ]
    .filter(Boolean)
    .join('\n\n');
}
