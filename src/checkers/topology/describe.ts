/** Wording shared by the rules and the summary, so every message states numbers the same way. */
import { percent, type Availability } from './availability';
import { count, formatNumber, layoutText, type ServiceAnalysis, type Service } from './model';

/** `service checkout` for the topology file; the resource address for IaC. */
export function serviceLabel(service: Service): string {
  return service.source === 'file'
    ? `service \`${service.name}\``
    : `\`${service.displayName ?? service.name}\``;
}

/** `3 in us-east-1a, 1 in us-west-1a`. */
export function zoneBreakdown(analysis: ServiceAnalysis, perZone: ReadonlyMap<string, number>): string {
  return [...perZone]
    .map(([key, n]) => `${formatNumber(n)} in ${analysis.zones.get(key)?.label ?? key}`)
    .join(', ');
}

export function zoneLabel(analysis: ServiceAnalysis, key: string): string {
  return analysis.zones.get(key)?.label ?? key;
}

export function availabilityText(result: Availability): string {
  return percent(result.up, result.down);
}

/** `smallest stable layout over 3 AZs of us-east-1: 3 (1+1+1)`. */
export function recommendationText(analysis: ServiceAnalysis): string {
  const r = analysis.recommended;
  const where = r.region ? ` of ${r.region}` : '';
  return `${layoutText(new Array<number>(r.zones).fill(r.perZone))} over ${count(r.zones, 'AZ')}${where}`;
}

/** The unit replicas are counted in: replicas, or capacity units when the file weights them. */
export function unitNoun(analysis: ServiceAnalysis): string {
  return analysis.service.placements.some((p) => p.capacity !== 1) ? 'capacity unit' : 'replica';
}
