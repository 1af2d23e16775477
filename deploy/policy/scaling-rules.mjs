// Autoscaling and availability: every scaler points at something real, no workload has two
// horizontal scalers fighting, VPA never fights HPA over the same resource, every
// long-running workload survives a node drain and spreads over zones.
import { byKindName, finding, LONG_RUNNING_KINDS, namespaceOf, podTemplate, selectorMatches, workloads } from './objects.mjs';

function targetKey(ns, kind, name) {
  return `${ns}/${kind}/${name}`;
}

// Resources a horizontal scaler reacts to, per target.
function horizontalScalers(objects) {
  const scalers = new Map();
  const add = (key, entry) => scalers.set(key, [...(scalers.get(key) ?? []), entry]);
  for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const t = hpa.spec?.scaleTargetRef ?? {};
    const resources = (hpa.spec?.metrics ?? []).filter((m) => m.type === 'Resource').map((m) => m.resource?.name);
    add(targetKey(namespaceOf(hpa), t.kind, t.name), { obj: hpa, resources, min: hpa.spec?.minReplicas ?? 1 });
  }
  for (const so of objects.filter((o) => o.kind === 'ScaledObject')) {
    const t = so.spec?.scaleTargetRef ?? {};
    const resources = (so.spec?.triggers ?? []).filter((tr) => tr.type === 'cpu' || tr.type === 'memory').map((tr) => tr.type);
    add(targetKey(namespaceOf(so), t.kind ?? 'Deployment', t.name), { obj: so, resources, min: so.spec?.minReplicaCount ?? 0 });
  }
  return scalers;
}

export function checkScaling(objects, { environment } = {}) {
  const out = [];
  const scalers = horizontalScalers(objects);

  for (const [key, list] of scalers) {
    const [ns, kind, name] = key.split('/');
    for (const s of list) {
      if (!byKindName(objects, kind, ns, name)) out.push(finding('scale-target-exists', s.obj, `scale target ${kind}/${name} does not exist`));
    }
    const target = byKindName(objects, kind, ns, name);
    if (target && target.spec?.replicas !== undefined) {
      out.push(finding('replicas-owned-by-scaler', target, `sets spec.replicas although ${list[0].obj.kind}/${list[0].obj.metadata.name} scales it; Argo CD self-heal would reset every scaling decision`));
    }
    if (list.length > 1) {
      out.push(finding('single-horizontal-scaler', list[1].obj, `${kind}/${name} is also scaled by ${list[0].obj.kind}/${list[0].obj.metadata.name}; KEDA creates its own HPA, so two scalers would fight`));
    }
  }

  for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const { minReplicas = 1, maxReplicas } = hpa.spec ?? {};
    if (maxReplicas < minReplicas) out.push(finding('scaler-bounds', hpa, `maxReplicas ${maxReplicas} < minReplicas ${minReplicas}`));
    const up = hpa.spec?.behavior?.scaleUp?.stabilizationWindowSeconds;
    if (up !== undefined && up > 60) {
      out.push(finding('scale-up-fast', hpa, `scale-up stabilisation of ${up}s cannot meet a 3-minute scale-out`));
    }
  }
  for (const so of objects.filter((o) => o.kind === 'ScaledObject')) {
    const min = so.spec?.minReplicaCount ?? 0;
    const max = so.spec?.maxReplicaCount ?? 100;
    if (max < min) out.push(finding('scaler-bounds', so, `maxReplicaCount ${max} < minReplicaCount ${min}`));
    for (const t of so.spec?.triggers ?? []) {
      if (t.type === 'cron' && !t.metadata?.timezone) {
        out.push(finding('cron-timezone', so, `cron trigger "${t.name ?? ''}" must name its timezone`));
      }
      if (t.type === 'cron' && Number(t.metadata?.desiredReplicas) > max) {
        out.push(finding('scaler-bounds', so, `cron trigger wants ${t.metadata.desiredReplicas} replicas, above maxReplicaCount ${max}`));
      }
    }
  }

  for (const vpa of objects.filter((o) => o.kind === 'VerticalPodAutoscaler')) {
    const t = vpa.spec?.targetRef ?? {};
    const ns = namespaceOf(vpa);
    if (!byKindName(objects, t.kind, ns, t.name)) out.push(finding('scale-target-exists', vpa, `target ${t.kind}/${t.name} does not exist`));
    const mode = vpa.spec?.updatePolicy?.updateMode ?? 'Auto';
    if (mode === 'Off') continue;
    const controlled = new Set();
    for (const p of vpa.spec?.resourcePolicy?.containerPolicies ?? []) {
      if (p.mode === 'Off') continue;
      for (const r of p.controlledResources ?? ['cpu', 'memory']) controlled.add(r);
    }
    if ((vpa.spec?.resourcePolicy?.containerPolicies ?? []).length === 0) { controlled.add('cpu'); controlled.add('memory'); }
    for (const s of scalers.get(targetKey(ns, t.kind, t.name)) ?? []) {
      const clash = s.resources.filter((r) => controlled.has(r));
      if (clash.length > 0) {
        out.push(finding('vpa-hpa-conflict', vpa, `VPA (${mode}) resizes ${clash.join(', ')} that ${s.obj.kind}/${s.obj.metadata.name} scales on`));
      }
    }
  }

  const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget');
  for (const w of workloads(objects).filter((o) => LONG_RUNNING_KINDS.has(o.kind) && o.kind !== 'DaemonSet')) {
    const ns = namespaceOf(w);
    const labels = podTemplate(w).metadata?.labels ?? {};
    const covering = pdbs.filter((p) => namespaceOf(p) === ns && selectorMatches(p.spec?.selector, labels));
    if (covering.length === 0) out.push(finding('disruption-budget', w, 'no PodDisruptionBudget covers its pods'));
    for (const p of covering) {
      if (p.spec?.maxUnavailable === 0 || p.spec?.maxUnavailable === '0%' || p.spec?.minAvailable === '100%') {
        out.push(finding('disruption-budget', p, 'allows no voluntary disruption, so node drains would hang'));
      }
    }
    const spread = podTemplate(w).spec?.topologySpreadConstraints ?? [];
    if (!spread.some((c) => c.topologyKey === 'topology.kubernetes.io/zone')) {
      out.push(finding('topology-spread', w, 'pods are not spread across availability zones'));
    }
    if (environment === 'prod') {
      const s = scalers.get(targetKey(ns, w.kind, w.metadata.name)) ?? [];
      const floor = s.length > 0 ? Math.min(...s.map((x) => x.min)) : (w.spec?.replicas ?? 1);
      if (floor < 2) out.push(finding('prod-redundancy', w, `can run with ${floor} replica(s) in prod; a single zone or node loss would take it down`));
    }
  }
  return out;
}
