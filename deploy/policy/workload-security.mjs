// Pod hardening: what Pod Security "restricted" demands plus what we demand on top of it
// (read-only root, resources, pinned images, probes, no service account token).
import { allContainers, finding, LONG_RUNNING_KINDS, podTemplate, workloads } from './objects.mjs';

// Fields of a container and a pod spec in Kubernetes 1.30. The schemas we validate against
// accept unknown fields, so a typo such as `readinesProbe` would otherwise pass silently
// and the probe would simply not exist.
const CONTAINER_FIELDS = new Set([
  'name', 'image', 'imagePullPolicy', 'command', 'args', 'workingDir', 'ports', 'env', 'envFrom',
  'resources', 'resizePolicy', 'restartPolicy', 'volumeMounts', 'volumeDevices', 'livenessProbe',
  'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy',
  'securityContext', 'stdin', 'stdinOnce', 'tty',
]);
const POD_SPEC_FIELDS = new Set([
  'activeDeadlineSeconds', 'affinity', 'automountServiceAccountToken', 'containers', 'dnsConfig',
  'dnsPolicy', 'enableServiceLinks', 'ephemeralContainers', 'hostAliases', 'hostIPC', 'hostNetwork',
  'hostPID', 'hostUsers', 'hostname', 'imagePullSecrets', 'initContainers', 'nodeName', 'nodeSelector',
  'os', 'overhead', 'preemptionPolicy', 'priority', 'priorityClassName', 'readinessGates',
  'resourceClaims', 'restartPolicy', 'runtimeClassName', 'schedulerName', 'schedulingGates',
  'securityContext', 'serviceAccount', 'serviceAccountName', 'setHostnameAsFQDN', 'shareProcessNamespace',
  'subdomain', 'terminationGracePeriodSeconds', 'tolerations', 'topologySpreadConstraints', 'volumes',
]);

// An image must name an immutable release: a digest, or a tag other than "latest".
export function imageIsPinned(image) {
  if (typeof image !== 'string' || image.length === 0) return false;
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return false;
  const tag = image.slice(colon + 1);
  return tag.length > 0 && tag !== 'latest';
}

function effective(podSec, contSec, key) {
  return contSec?.[key] ?? podSec?.[key];
}

export function checkWorkloadSecurity(objects) {
  const out = [];
  for (const w of workloads(objects)) {
    const tpl = podTemplate(w);
    const pod = tpl.spec ?? {};
    const podSec = pod.securityContext ?? {};
    for (const key of Object.keys(pod)) {
      if (!POD_SPEC_FIELDS.has(key)) out.push(finding('known-fields', w, `pod spec has unknown field "${key}"`));
    }
    if (pod.hostNetwork || pod.hostPID || pod.hostIPC) {
      out.push(finding('no-host-namespaces', w, 'pod shares a host namespace (hostNetwork/hostPID/hostIPC)'));
    }
    for (const v of pod.volumes ?? []) {
      if (v.hostPath) out.push(finding('no-host-namespaces', w, `volume "${v.name}" mounts a host path`));
    }
    if (pod.automountServiceAccountToken !== false) {
      out.push(finding('no-service-account-token', w, 'automountServiceAccountToken must be false'));
    }
    for (const c of allContainers(pod)) {
      const where = `container "${c.name}"`;
      const sec = c.securityContext ?? {};
      for (const key of Object.keys(c)) {
        if (!CONTAINER_FIELDS.has(key)) out.push(finding('known-fields', w, `${where} has unknown field "${key}"`));
      }
      if (effective(podSec, sec, 'runAsNonRoot') !== true) {
        out.push(finding('run-as-non-root', w, `${where} does not set runAsNonRoot: true`));
      }
      if (effective(podSec, sec, 'runAsUser') === 0) {
        out.push(finding('run-as-non-root', w, `${where} runs as uid 0`));
      }
      if (sec.readOnlyRootFilesystem !== true) {
        out.push(finding('read-only-root-fs', w, `${where} does not set readOnlyRootFilesystem: true`));
      }
      if (sec.allowPrivilegeEscalation !== false || sec.privileged === true) {
        out.push(finding('no-privilege-escalation', w, `${where} must set allowPrivilegeEscalation: false and not be privileged`));
      }
      const drop = sec.capabilities?.drop ?? [];
      if (!drop.includes('ALL') || (sec.capabilities?.add ?? []).length > 0) {
        out.push(finding('drop-capabilities', w, `${where} must drop ALL capabilities and add none`));
      }
      const seccomp = effective(podSec, sec, 'seccompProfile')?.type;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
        out.push(finding('seccomp-profile', w, `${where} has no RuntimeDefault seccomp profile`));
      }
      for (const kind of ['requests', 'limits']) {
        for (const res of ['cpu', 'memory']) {
          if (c.resources?.[kind]?.[res] === undefined) {
            out.push(finding('resources', w, `${where} has no ${res} ${kind}`));
          }
        }
      }
      if (!imageIsPinned(c.image)) {
        out.push(finding('image-pinned', w, `${where} image "${c.image}" is not pinned to a tag or digest (":latest" is not)`));
      }
    }
    if (LONG_RUNNING_KINDS.has(w.kind)) {
      for (const c of pod.containers ?? []) {
        for (const probe of ['livenessProbe', 'readinessProbe']) {
          if (!c[probe]) out.push(finding('probes', w, `container "${c.name}" has no ${probe}`));
        }
      }
    }
  }
  return out;
}
