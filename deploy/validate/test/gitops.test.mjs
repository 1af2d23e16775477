// Argo CD application rules: GitFlow branch per overlay, automated sync with prune, self-heal
// and backoff, and a source path that exists.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkGitOps } from '../../policy/gitops-rules.mjs';

function app(overrides = {}) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'shop-prod', namespace: 'argocd', labels: { environment: overrides.environment ?? 'prod' } },
    spec: {
      source: { repoURL: 'https://example.com/repo.git', path: 'deploy/k8s/shop/overlays/prod', targetRevision: 'main', ...overrides.source },
      destination: { name: 'prod', namespace: 'shop' },
      syncPolicy: { automated: { prune: true, selfHeal: true }, retry: { limit: 5, backoff: { duration: '10s' } }, ...overrides.syncPolicy },
    },
  };
}
const rules = (objects, ctx) => checkGitOps(objects, ctx).map((f) => f.rule);

test('a prod overlay tracked from main with automated sync passes', () => {
  assert.deepEqual(rules([app()]), []);
  assert.deepEqual(rules([app({ source: { path: 'deploy/k8s/shop/overlays/prod-tokyo' } })]), []);
  assert.deepEqual(rules([app({ environment: 'dev', source: { path: 'deploy/k8s/shop/overlays/dev', targetRevision: 'develop' } })]), []);
});

test('prod from develop and dev from main break GitFlow', () => {
  assert.deepEqual(rules([app({ source: { targetRevision: 'develop' } })]), ['gitflow']);
  assert.deepEqual(rules([app({ environment: 'dev', source: { path: 'deploy/k8s/shop/overlays/dev', targetRevision: 'main' } })]), ['gitflow']);
});

test('manual sync, no self-heal or no backoff are rejected', () => {
  assert.deepEqual(rules([app({ syncPolicy: { automated: { prune: true } } })]), ['automated-sync']);
  assert.deepEqual(rules([app({ syncPolicy: { automated: undefined } })]), ['automated-sync']);
  assert.deepEqual(rules([app({ syncPolicy: { retry: { limit: 3 } } })]), ['automated-sync']);
});

test('a source path missing from the repository is rejected', () => {
  assert.deepEqual(rules([app()], { pathExists: () => false }), ['gitflow']);
});

test('an Application the release pipeline would not select is rejected', () => {
  assert.deepEqual(rules([app({ environment: 'dev' })]), ['gitflow']);
});
