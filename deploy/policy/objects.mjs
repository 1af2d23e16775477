// Helpers shared by the policy rules: naming objects in findings, finding pod templates in
// every workload kind, and label selector matching as the API server does it.

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout', 'Job', 'CronJob']);
// Kinds whose pods are expected to run until replaced (so probes and disruption budgets apply).
export const LONG_RUNNING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout']);

export function ref(obj) {
  const ns = obj?.metadata?.namespace;
  return `${obj?.kind ?? '?'}/${ns ? `${ns}/` : ''}${obj?.metadata?.name ?? '?'}`;
}

export function finding(rule, obj, message) {
  return { rule, object: ref(obj), message };
}

export function podTemplate(obj) {
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template;
  return obj.spec?.template;
}

export function allContainers(podSpec) {
  return [...(podSpec?.initContainers ?? []), ...(podSpec?.containers ?? [])];
}

export function workloads(objects) {
  return objects.filter((o) => WORKLOAD_KINDS.has(o.kind) && podTemplate(o));
}

export function byKindName(objects, kind, namespace, name) {
  return objects.find(
    (o) => o.kind === kind && o.metadata?.name === name && (o.metadata?.namespace ?? '') === (namespace ?? ''),
  );
}

// Label selectors: matchLabels plus matchExpressions (In, NotIn, Exists, DoesNotExist).
export function selectorMatches(selector, labels = {}) {
  if (!selector) return false;
  const matchLabels = selector.matchLabels ?? {};
  const expressions = selector.matchExpressions ?? [];
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== v) return false;
  for (const e of expressions) {
    const has = Object.hasOwn(labels, e.key);
    switch (e.operator) {
      case 'In': if (!has || !e.values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && e.values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

// A Service selector is a plain map; every pair must be present on the pod.
export function mapSelectorMatches(map, labels = {}) {
  if (!map || Object.keys(map).length === 0) return false;
  return Object.entries(map).every(([k, v]) => labels[k] === v);
}

export function namespaceOf(obj) {
  return obj.metadata?.namespace ?? '';
}
