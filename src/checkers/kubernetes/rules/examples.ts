/** Builders for the rules' documentation snippets, so each example reads as a whole manifest. */

export interface DeploymentExample {
  name?: string;
  replicas?: number;
  /** Lines of the container after `image:`, indented for the container (10 spaces). */
  container?: string[];
  /** Lines of the pod spec before `containers:` (6 spaces). */
  pod?: string[];
  image?: string;
}

export function deploymentYaml(options: DeploymentExample = {}): string {
  const name = options.name ?? 'web';
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    ...(options.replicas !== undefined ? [`  replicas: ${options.replicas}`] : []),
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    ...(options.pod ?? []),
    '      containers:',
    `        - name: ${name}`,
    `          image: ${options.image ?? 'acme/web:1.4.2'}`,
    ...(options.container ?? []),
    '',
  ].join('\n');
}

export function serviceYaml(name = 'web', port = 80, targetPort: string | number = 'http'): string {
  return [
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  selector:',
    `    app: ${name}`,
    '  ports:',
    `    - port: ${port}`,
    `      targetPort: ${targetPort}`,
    '',
  ].join('\n');
}

export const HTTP_PORT = [
  '          ports:',
  '            - name: http',
  '              containerPort: 8080',
];
