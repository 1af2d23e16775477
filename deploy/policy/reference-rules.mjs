// Cross-object references must resolve inside the rendered overlay: a Service that selects no
// pod, a rollout naming a missing analysis template or a ServiceMonitor scraping a port that
// does not exist all deploy fine and fail only at 3 a.m.
import {
  allContainers, byKindName, finding, mapSelectorMatches, namespaceOf, podTemplate, selectorMatches, workloads,
} from './objects.mjs';

function podLabelsIn(objects, ns) {
  return workloads(objects)
    .filter((w) => namespaceOf(w) === ns)
    .map((w) => ({ w, labels: podTemplate(w).metadata?.labels ?? {}, spec: podTemplate(w).spec ?? {} }));
}

function secretNames(objects, ns) {
  const names = new Set();
  for (const o of objects) {
    if (namespaceOf(o) !== ns) continue;
    if (o.kind === 'Secret') names.add(o.metadata.name);
    if (o.kind === 'ExternalSecret') names.add(o.spec?.target?.name ?? o.metadata.name);
  }
  return names;
}

export function checkReferences(objects) {
  const out = [];
  const has = (kind, ns, name) => Boolean(byKindName(objects, kind, ns, name));

  for (const w of workloads(objects)) {
    const ns = namespaceOf(w);
    const pod = podTemplate(w).spec ?? {};
    if (!selectorMatches(w.spec?.selector, podTemplate(w).metadata?.labels) && w.kind !== 'CronJob' && w.kind !== 'Job') {
      out.push(finding('selector-matches-template', w, 'spec.selector does not match the pod template labels'));
    }
    const sa = pod.serviceAccountName;
    if (sa && !has('ServiceAccount', ns, sa)) out.push(finding('references', w, `service account "${sa}" does not exist`));
    const secrets = secretNames(objects, ns);
    for (const c of allContainers(pod)) {
      for (const src of c.envFrom ?? []) {
        if (src.configMapRef && !src.configMapRef.optional && !has('ConfigMap', ns, src.configMapRef.name)) {
          out.push(finding('references', w, `ConfigMap "${src.configMapRef.name}" does not exist`));
        }
        if (src.secretRef && !src.secretRef.optional && !secrets.has(src.secretRef.name)) {
          out.push(finding('references', w, `Secret "${src.secretRef.name}" is neither declared nor produced by an ExternalSecret`));
        }
      }
    }
  }

  for (const svc of objects.filter((o) => o.kind === 'Service')) {
    const ns = namespaceOf(svc);
    const pods = podLabelsIn(objects, ns).filter((p) => mapSelectorMatches(svc.spec?.selector, p.labels));
    if (pods.length === 0) {
      out.push(finding('service-selects-pods', svc, 'selector matches no pod template'));
      continue;
    }
    for (const port of svc.spec?.ports ?? []) {
      if (typeof port.targetPort !== 'string') continue;
      const named = pods.every((p) => allContainers(p.spec).some((c) => (c.ports ?? []).some((cp) => cp.name === port.targetPort)));
      if (!named) out.push(finding('service-selects-pods', svc, `targetPort "${port.targetPort}" is not a named port of every selected pod`));
    }
  }

  for (const ing of objects.filter((o) => o.kind === 'Ingress')) {
    for (const rule of ing.spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const name = path.backend?.service?.name;
        if (name && !has('Service', namespaceOf(ing), name)) out.push(finding('references', ing, `backend Service "${name}" does not exist`));
      }
    }
  }

  for (const ro of objects.filter((o) => o.kind === 'Rollout')) {
    const ns = namespaceOf(ro);
    const strategy = ro.spec?.strategy ?? {};
    const services = [
      strategy.blueGreen?.activeService, strategy.blueGreen?.previewService,
      strategy.canary?.stableService, strategy.canary?.canaryService,
    ].filter(Boolean);
    for (const s of services) if (!has('Service', ns, s)) out.push(finding('rollout-references', ro, `Service "${s}" does not exist`));
    const alb = strategy.canary?.trafficRouting?.alb;
    if (alb && !has('Ingress', ns, alb.ingress)) out.push(finding('rollout-references', ro, `Ingress "${alb.ingress}" does not exist`));
    const analyses = [
      strategy.blueGreen?.prePromotionAnalysis, strategy.blueGreen?.postPromotionAnalysis, strategy.canary?.analysis,
      ...(strategy.canary?.steps ?? []).map((s) => s.analysis),
    ].filter(Boolean);
    for (const a of analyses) {
      for (const t of a.templates ?? []) {
        const kind = t.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
        const template = byKindName(objects, kind, t.clusterScope ? '' : ns, t.templateName);
        if (!template) {
          out.push(finding('rollout-references', ro, `${kind} "${t.templateName}" does not exist`));
          continue;
        }
        const given = new Set((a.args ?? []).map((x) => x.name));
        for (const arg of template.spec?.args ?? []) {
          if (arg.value === undefined && arg.valueFrom === undefined && !given.has(arg.name)) {
            out.push(finding('rollout-references', ro, `analysis "${t.templateName}" needs argument "${arg.name}"`));
          }
        }
      }
    }
  }

  for (const sm of objects.filter((o) => o.kind === 'ServiceMonitor')) {
    const ns = namespaceOf(sm);
    const services = objects.filter((o) => o.kind === 'Service' && namespaceOf(o) === ns && selectorMatches(sm.spec?.selector, o.metadata?.labels));
    if (services.length === 0) {
      out.push(finding('servicemonitor-selects', sm, 'selector matches no Service'));
      continue;
    }
    for (const ep of sm.spec?.endpoints ?? []) {
      if (ep.port && !services.some((s) => (s.spec?.ports ?? []).some((p) => p.name === ep.port))) {
        out.push(finding('servicemonitor-selects', sm, `no selected Service has a port named "${ep.port}"`));
      }
    }
  }

  for (const so of objects.filter((o) => o.kind === 'ScaledObject')) {
    for (const t of so.spec?.triggers ?? []) {
      const name = t.authenticationRef?.name;
      if (name && !has(t.authenticationRef.kind ?? 'TriggerAuthentication', t.authenticationRef.kind === 'ClusterTriggerAuthentication' ? '' : namespaceOf(so), name)) {
        out.push(finding('references', so, `TriggerAuthentication "${name}" does not exist`));
      }
    }
  }
  return out;
}
