import type { Rule } from '../../../engine/rule';
import type { KubernetesModel } from '../model';
import { reportAt } from '../report';

export const sessionAffinityClientIp: Rule<KubernetesModel> = {
  id: 'k8s/session-affinity-clientip',
  severity: 'notice',
  title: 'Service pins clients to pods by IP',
  help:
    '`sessionAffinity: ClientIP` sends every connection from one source IP to the same pod for up to ' +
    '3 hours (`timeoutSeconds` 10800). Clients behind one NAT, proxy or ingress controller all share ' +
    'an IP, so one pod takes their whole load while the others idle, and new pods get nothing. Keep ' +
    'sessions in a shared store and drop the affinity, or shorten `sessionAffinityConfig.clientIP.timeoutSeconds`.',
  example: {
    file: 'svc.yaml',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  sessionAffinity: ClientIP\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
  },
  check(model, report) {
    for (const service of model.services) {
      if (service.sessionAffinity !== 'ClientIP') continue;
      report(
        reportAt(
          service.object,
          ['spec', 'sessionAffinity'],
          `${service.object.ref} uses \`sessionAffinity: ClientIP\`: all clients behind one NAT or proxy land on one pod for up to 3 hours, skewing load. Drop the affinity or shorten its timeout.`,
        ),
      );
    }
  },
};
