// Schema validation of every Kubernetes object, CRDs included. A kind with no schema is an
// error: an object we cannot check is an object we do not ship.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import * as core from 'kubernetes-models';
import * as argoCd from '@kubernetes-models/argo-cd';
import * as argoRollouts from '@kubernetes-models/argo-rollouts';
import * as externalSecrets from '@kubernetes-models/external-secrets';
import * as keda from '@kubernetes-models/keda';
import * as prometheusOperator from '@kubernetes-models/prometheus-operator';

const models = new Map();
function collect(namespace, depth = 0) {
  if (!namespace || depth > 4) return;
  for (const value of Object.values(namespace)) {
    if (typeof value === 'function' && value.apiVersion && value.kind) {
      const key = `${value.apiVersion}/${value.kind}`;
      if (!models.has(key)) models.set(key, value);
    } else if (value && typeof value === 'object') {
      collect(value, depth + 1);
    }
  }
}
for (const pkg of [core, argoCd, argoRollouts, externalSecrets, keda, prometheusOperator]) collect(pkg);

const ajv = new Ajv({ allErrors: true, strict: false });
const local = new Map([
  ['autoscaling.k8s.io/v1/VerticalPodAutoscaler',
    ajv.compile(JSON.parse(readFileSync(new URL('../schemas/vertical-pod-autoscaler.json', import.meta.url))))],
]);

// Returns a list of messages; empty when the object is valid.
export function validateObject(obj) {
  if (!obj || typeof obj !== 'object' || !obj.apiVersion || !obj.kind) return ['object has no apiVersion/kind'];
  const key = `${obj.apiVersion}/${obj.kind}`;
  const localValidate = local.get(key);
  if (localValidate) {
    return localValidate(obj) ? [] : localValidate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
  }
  const Model = models.get(key);
  if (!Model) return [`no schema for ${key}`];
  try {
    new Model(obj).validate();
    return [];
  } catch (err) {
    return [String(err.message ?? err)];
  }
}

export function knownKinds() {
  return [...models.keys(), ...local.keys()];
}
