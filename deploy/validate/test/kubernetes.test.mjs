// Kubernetes schema and policy checks: the clean fixture passes, and each mutation is
// rejected by exactly the check that names its fault.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkObjects } from '../lib/kubernetes.mjs';
import { checks, container, find, loadGoodService } from './helpers.mjs';

function problemsAfter(mutate, context = {}) {
  const objects = loadGoodService();
  mutate(objects);
  return checkObjects(objects, context);
}

function assertOnly(problems, check) {
  assert.ok(problems.length > 0, `expected ${check} to reject`);
  assert.deepEqual(checks(problems), [check], JSON.stringify(problems, null, 1));
}

test('the clean fixture passes schema and policy checks', () => {
  assert.deepEqual(checkObjects(loadGoodService(), { environment: 'prod' }), []);
});

test('schema: a string replica count is rejected', () => {
  assertOnly(problemsAfter((o) => { find(o, 'HorizontalPodAutoscaler', 'shop').spec.minReplicas = 'two'; }), 'schema');
});

test('schema: a CRD object with a wrong field type is rejected', () => {
  assertOnly(problemsAfter((o) => { find(o, 'ServiceMonitor', 'shop').spec.endpoints = 'http'; }), 'schema');
});

test('schema: a kind nobody can validate is rejected, not skipped', () => {
  assertOnly(problemsAfter((o) => o.push({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' } })), 'schema');
});

test('schema: the VPA schema rejects an unknown update mode and unknown fields', () => {
  const vpa = (spec) => (o) => o.push({ apiVersion: 'autoscaling.k8s.io/v1', kind: 'VerticalPodAutoscaler', metadata: { name: 'shop', namespace: 'shop' }, spec });
  const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop' };
  const memoryOnly = { containerPolicies: [{ containerName: 'shop', controlledResources: ['memory'] }] };
  assertOnly(problemsAfter(vpa({ targetRef: target, updatePolicy: { updateMode: 'Sometimes' }, resourcePolicy: memoryOnly })), 'schema');
  assertOnly(problemsAfter(vpa({ targetRef: target, updatePolicy: { updateMode: 'Off' }, resourcePolicy: { containerPolicy: [] } })), 'schema');
  assert.deepEqual(problemsAfter(vpa({ targetRef: target, updatePolicy: { updateMode: 'Off' } })), []);
});

const policyCases = [
  ['run-as-non-root', (o) => { delete find(o, 'Deployment', 'shop').spec.template.spec.securityContext.runAsNonRoot; }],
  ['run-as-non-root', (o) => { container(o).securityContext.runAsUser = 0; container(o).securityContext.runAsNonRoot = true; }],
  ['read-only-root-fs', (o) => { container(o).securityContext.readOnlyRootFilesystem = false; }],
  ['no-privilege-escalation', (o) => { delete container(o).securityContext.allowPrivilegeEscalation; }],
  ['drop-capabilities', (o) => { container(o).securityContext.capabilities = { drop: ['ALL'], add: ['NET_ADMIN'] }; }],
  ['seccomp-profile', (o) => { delete find(o, 'Deployment', 'shop').spec.template.spec.securityContext.seccompProfile; }],
  ['resources', (o) => { delete container(o).resources.limits.memory; }],
  ['image-pinned', (o) => { container(o).image = 'registry.example.com/shop:latest'; }],
  ['image-pinned', (o) => { container(o).image = 'registry.example.com:5000/shop'; }],
  ['probes', (o) => { delete container(o).readinessProbe; }],
  ['no-service-account-token', (o) => { delete find(o, 'Deployment', 'shop').spec.template.spec.automountServiceAccountToken; }],
  ['no-host-namespaces', (o) => { find(o, 'Deployment', 'shop').spec.template.spec.hostNetwork = true; }],
  ['pod-security-restricted', (o) => { find(o, 'Namespace', 'shop').metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; }],
  ['default-deny', (o) => { find(o, 'NetworkPolicy', 'default-deny-all').spec.policyTypes = ['Ingress']; }],
  ['no-inline-secrets', (o) => o.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop' }, stringData: { token: 'x' } })],
  ['removed-api', (o) => { Object.assign(find(o, 'PodDisruptionBudget', 'shop'), { apiVersion: 'policy/v1beta1' }); }],
  ['monitoring', (o) => o.splice(o.indexOf(find(o, 'PrometheusRule', 'shop')), 1)],
  ['service-selects-pods', (o) => { find(o, 'Service', 'shop').spec.selector = { app: 'shopp' }; }],
  ['references', (o) => { container(o).envFrom[0].configMapRef.name = 'missing'; }],
  ['servicemonitor-selects', (o) => { find(o, 'ServiceMonitor', 'shop').spec.endpoints[0].port = 'metrics'; }],
  ['scale-target-exists', (o) => { find(o, 'HorizontalPodAutoscaler', 'shop').spec.scaleTargetRef.name = 'shopp'; }],
  ['replicas-owned-by-scaler', (o) => { find(o, 'Deployment', 'shop').spec.replicas = 3; }],
  ['disruption-budget', (o) => { find(o, 'PodDisruptionBudget', 'shop').spec.maxUnavailable = 0; }],
  ['topology-spread', (o) => { delete find(o, 'Deployment', 'shop').spec.template.spec.topologySpreadConstraints; }],
  ['scale-up-fast', (o) => { find(o, 'HorizontalPodAutoscaler', 'shop').spec.behavior = { scaleUp: { stabilizationWindowSeconds: 300 } }; }],
  ['network-policy-scope', (o) => { find(o, 'NetworkPolicy', 'default-deny-all').spec.policyTypes = ['Ingress', 'Egress']; o.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'any', namespace: 'shop' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] } }); }],
];

for (const [rule, mutate] of policyCases) {
  test(`policy ${rule} rejects its fault`, () => assertOnly(problemsAfter(mutate), `policy:${rule}`));
}

test('policy known-fields catches a misspelt probe (and the probe is then missing)', () => {
  const problems = problemsAfter((o) => { const c = container(o); c.readinesProbe = c.readinessProbe; delete c.readinessProbe; });
  assert.deepEqual(checks(problems), ['policy:known-fields', 'policy:probes']);
});

test('policy prod-redundancy applies to prod only', () => {
  const mutate = (o) => { find(o, 'HorizontalPodAutoscaler', 'shop').spec.minReplicas = 1; };
  assert.deepEqual(problemsAfter(mutate, { environment: 'dev' }), []);
  assertOnly(problemsAfter(mutate, { environment: 'prod' }), 'policy:prod-redundancy');
});

test('policy single-horizontal-scaler rejects an HPA and a KEDA ScaledObject on one Deployment', () => {
  assertOnly(problemsAfter((o) => o.push({
    apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'shop', namespace: 'shop' },
    spec: { scaleTargetRef: { name: 'shop' }, minReplicaCount: 2, triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '60' } }] },
  })), 'policy:single-horizontal-scaler');
});

test('policy vpa-hpa-conflict rejects a VPA resizing the CPU the HPA scales on, allows memory-only', () => {
  const vpa = (controlledResources, updateMode = 'Auto') => (o) => o.push({
    apiVersion: 'autoscaling.k8s.io/v1', kind: 'VerticalPodAutoscaler', metadata: { name: 'shop', namespace: 'shop' },
    spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop' }, updatePolicy: { updateMode }, resourcePolicy: { containerPolicies: [{ containerName: 'shop', controlledResources }] } },
  });
  assertOnly(problemsAfter(vpa(['cpu', 'memory'])), 'policy:vpa-hpa-conflict');
  assert.deepEqual(problemsAfter(vpa(['memory'])), []);
  assert.deepEqual(problemsAfter(vpa(['cpu'], 'Off')), []);
});

test('policy cron-timezone and scaler-bounds check KEDA cron triggers', () => {
  const so = (metadata) => (o) => {
    o.splice(o.indexOf(find(o, 'HorizontalPodAutoscaler', 'shop')), 1);
    o.push({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'shop', namespace: 'shop' },
      spec: { scaleTargetRef: { name: 'shop' }, minReplicaCount: 2, maxReplicaCount: 5, triggers: [{ type: 'cron', metadata }] } });
  };
  assertOnly(problemsAfter(so({ start: '0 8 * * *', end: '0 9 * * *', desiredReplicas: '3' })), 'policy:cron-timezone');
  assertOnly(problemsAfter(so({ timezone: 'Asia/Seoul', start: '0 8 * * *', end: '0 9 * * *', desiredReplicas: '9' })), 'policy:scaler-bounds');
  assert.deepEqual(problemsAfter(so({ timezone: 'Asia/Seoul', start: '0 8 * * *', end: '0 9 * * *', desiredReplicas: '4' })), []);
});
