import type { Rule } from '../../../engine/rule';
import { minReplicasForTarget } from '../availability';
import { count, formatNumber, independentAvailability, type TopologyModel } from '../model';
import { availabilityText, serviceLabel } from '../describe';

export const replicasForSlo: Rule<TopologyModel> = {
  id: 'topology/replicas-for-slo',
  severity: 'notice',
  title: 'Fewer replicas than the SLO needs',
  help:
    'With each replica up with probability p and k of them needed, n replicas give ' +
    'A = sum over i = k..n of C(n,i) p^i (1-p)^(n-i); for k = 1 the fewest that meet a target S is ' +
    'ceil(ln(1-S) / ln(1-p)). Below that count no placement can meet the SLO. This counts ' +
    'independent replica failures only; `slo-unreachable` judges the whole layout with zones and the ' +
    'load balancer.',
  example: {
    file: 'deploy-topology.yml',
    bad: [
      'version: 1',
      'defaults:',
      '  replica-availability: 0.95',
      'services:',
      '  - name: checkout',
      '    slo: 0.99',
      '    min-healthy: 2',
      '    placements:',
      '      - { zone: us-east-1a, count: 1 }',
      '      - { zone: us-east-1b, count: 1 }',
      '',
    ].join('\n'),
    good: [
      'version: 1',
      'defaults:',
      '  replica-availability: 0.95',
      'services:',
      '  - name: checkout',
      '    slo: 0.99',
      '    min-healthy: 2',
      '    placements:',
      '      - { zone: us-east-1a, count: 1 }',
      '      - { zone: us-east-1b, count: 1 }',
      '      - { zone: us-east-1c, count: 1 }',
      '',
    ].join('\n'),
  },
  check(model, report) {
    for (const analysis of model.analyses) {
      const { service, k } = analysis;
      if (service.slo === undefined) continue;
      const have = Math.floor(analysis.servingTotal);
      const p = service.replicaAvailability;
      const needed = minReplicasForTarget(k, p, service.slo);
      if (needed !== undefined && have >= needed) continue;
      const target = availabilityText({ up: service.slo, down: 1 - service.slo });
      const now = independentAvailability(k, have, p);
      const rule =
        k === 1
          ? `n = ceil(ln(1 - ${service.slo}) / ln(1 - ${p}))`
          : `the smallest n with P(at least ${k} of n up) >= ${service.slo}`;
      const message =
        needed === undefined
          ? `${serviceLabel(service)} cannot reach ${target} with replicas at p = ${p}: no replica count does.`
          : `${serviceLabel(service)} needs ${count(needed, 'replica')} for ${target} at p = ${p} with ${k} needed (${rule} = ${needed}; ` +
            `${needed} give ${availabilityText(independentAvailability(k, needed, p))}), but has ${formatNumber(have)}, which give ${availabilityText(now)}.`;
      report({ file: service.file, line: service.line, subject: service.name, message });
    }
  },
};
