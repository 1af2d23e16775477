// Rules about each namespace as a whole: Pod Security enforcement, default-deny network
// policy, no secret material in git, no removed API versions, monitoring present.
import { finding, namespaceOf, workloads } from './objects.mjs';

// API versions no longer served by Kubernetes 1.30 (the EKS version in deploy/terraform).
const REMOVED_API_VERSIONS = new Set([
  'extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2', 'policy/v1beta1', 'autoscaling/v2beta1',
  'autoscaling/v2beta2', 'batch/v1beta1', 'networking.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
]);

const CLUSTER_SCOPED = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'ClusterSecretStore',
  'PriorityClass', 'StorageClass', 'ClusterAnalysisTemplate', 'IngressClass',
]);

function isDefaultDeny(np) {
  const spec = np.spec ?? {};
  const types = spec.policyTypes ?? [];
  return (
    Object.keys(spec.podSelector ?? {}).length === 0 &&
    types.includes('Ingress') && types.includes('Egress') &&
    (spec.ingress ?? []).length === 0 && (spec.egress ?? []).length === 0
  );
}

export function checkNamespaces(objects) {
  const out = [];
  const declared = new Map(objects.filter((o) => o.kind === 'Namespace').map((n) => [n.metadata.name, n]));
  const used = new Set(objects.filter((o) => !CLUSTER_SCOPED.has(o.kind) && o.kind !== 'Application' && o.kind !== 'AppProject').map(namespaceOf));

  for (const o of objects) {
    if (REMOVED_API_VERSIONS.has(o.apiVersion)) {
      out.push(finding('removed-api', o, `apiVersion ${o.apiVersion} is no longer served`));
    }
    if (o.kind === 'Secret' && (Object.keys(o.data ?? {}).length > 0 || Object.keys(o.stringData ?? {}).length > 0)) {
      out.push(finding('no-inline-secrets', o, 'secret values must come from AWS Secrets Manager through an ExternalSecret'));
    }
    if (o.kind === 'NetworkPolicy') {
      for (const rule of [...(o.spec?.ingress ?? []).flatMap((r) => r.from ?? []), ...(o.spec?.egress ?? []).flatMap((r) => r.to ?? [])]) {
        if (rule.ipBlock?.cidr === '0.0.0.0/0' || rule.ipBlock?.cidr === '::/0') {
          out.push(finding('network-policy-scope', o, 'an ipBlock opens the whole internet; name the VPC ranges instead'));
        }
      }
    }
  }

  for (const ns of used) {
    if (ns === '') continue;
    const nsObj = declared.get(ns);
    const subject = nsObj ?? { kind: 'Namespace', metadata: { name: ns } };
    if (!nsObj) {
      out.push(finding('pod-security-restricted', subject, 'namespace is used but not declared with its Pod Security labels'));
    } else if (nsObj.metadata?.labels?.['pod-security.kubernetes.io/enforce'] !== 'restricted') {
      out.push(finding('pod-security-restricted', subject, 'pod-security.kubernetes.io/enforce must be "restricted"'));
    }
    const inNs = objects.filter((o) => namespaceOf(o) === ns);
    if (!inNs.some((o) => o.kind === 'NetworkPolicy' && isDefaultDeny(o))) {
      out.push(finding('default-deny', subject, 'no NetworkPolicy denies all ingress and egress by default'));
    }
    if (workloads(inNs).length > 0) {
      if (!inNs.some((o) => o.kind === 'ServiceMonitor' || o.kind === 'PodMonitor')) {
        out.push(finding('monitoring', subject, 'workloads are not scraped: no ServiceMonitor or PodMonitor'));
      }
      if (!inNs.some((o) => o.kind === 'PrometheusRule')) {
        out.push(finding('monitoring', subject, 'workloads have no PrometheusRule (alerts)'));
      }
    }
  }
  return out;
}
