// Terraform parsing and structural rules: the insecure fixture is rejected for each of its
// faults, an unparsable file is reported, and the live stacks must be complete.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkTerraformDir } from '../lib/terraform.mjs';
import { fixture, repoRoot } from './helpers.mjs';

test('the insecure fixture is rejected for every fault it has', async () => {
  const problems = await checkTerraformDir(fixture('terraform', 'insecure'), repoRoot);
  const seen = problems.map((p) => `${p.check} ${p.subject.split(' ').pop()}`);
  for (const expected of [
    'terraform:kms-rotation aws_kms_key.no_rotation',
    'terraform:encryption aws_db_instance.plain',
    'terraform:availability aws_db_instance.plain',
    'terraform:no-literal-secrets aws_db_instance.plain',
    'terraform:public-ingress aws_vpc_security_group_ingress_rule.ssh',
    'terraform:encryption aws_s3_bucket.open',
    'terraform:exposure aws_s3_bucket.open',
    'terraform:encryption aws_elasticache_replication_group.cache',
  ]) {
    assert.ok(seen.includes(expected), `missing "${expected}" in ${JSON.stringify(seen, null, 1)}`);
  }
});

test('a file that does not parse is reported, not skipped', async () => {
  const problems = await checkTerraformDir(fixture('terraform', 'unparsable'), repoRoot);
  assert.deepEqual(problems.map((p) => p.check), ['terraform-parse']);
});

test('the repository stacks pass, and lose that when a required piece or tfvars entry goes', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tf-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(repoRoot, 'deploy/terraform'), dir, { recursive: true });
  assert.deepEqual(await checkTerraformDir(dir, dir), []);

  const audit = join(dir, 'modules/audit/main.tf');
  writeFileSync(audit, readFileSync(audit, 'utf8').replace(/resource "aws_guardduty_detector" "this" \{[^}]*\}/, ''));
  const vars = join(dir, 'live/mind-log/envs/prod.tfvars');
  writeFileSync(vars, readFileSync(vars, 'utf8').replace(/^domain .*$/m, 'domian = "typo.example.com"'));
  const rds = join(dir, 'modules/postgres_multi_az/main.tf');
  writeFileSync(rds, readFileSync(rds, 'utf8').replace(/multi_az(\s+)= true/, 'multi_az$1= var.multi_az'));

  const problems = (await checkTerraformDir(dir, dir)).map((p) => `${p.check} ${p.subject}: ${p.message}`);
  assert.ok(problems.includes('terraform:stack-complete live/mind-log: the mind-log stack has no aws_guardduty_detector'), problems.join('\n'));
  assert.ok(problems.includes('terraform:stack-complete live/traffic-master: the traffic-master stack has no aws_guardduty_detector') === false, 'the traffic-master stack declares its own secondary-region detector');
  assert.ok(problems.includes('terraform:tfvars live/mind-log/envs/prod.tfvars: required variable "domain" is not set'), problems.join('\n'));
  assert.ok(problems.includes('terraform:tfvars live/mind-log/envs/prod.tfvars: "domian" is not a variable of the stack'), problems.join('\n'));
  assert.ok(problems.includes('terraform:availability modules/postgres_multi_az aws_db_instance.primary: a primary database must be Multi-AZ'), problems.join('\n'));
});

test('undeclared names and wrong module inputs are rejected, as terraform validate would', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tf-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(repoRoot, 'deploy/terraform'), dir, { recursive: true });
  const edit = (file, from, to) => {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    assert.ok(text.includes(from), `${file} lacks ${from}`);
    writeFileSync(path, text.replace(from, to));
  };
  edit('modules/network/main.tf', 'cidr_block           = var.cidr', 'cidr_block           = var.vpc_cidr');
  edit('modules/network/main.tf', 'subnet_ids = aws_subnet.data[*].id', 'subnet_ids = aws_subnet.database[*].id');
  edit('live/mind-log/main.tf', 'redis_shards        = 2', 'redis_shards        = 2\n  redis_replicas      = 2');
  edit('live/mind-log/main.tf', '  kms_key_arn               = module.region.key_arns["data"]\n}', '}');
  edit('live/mind-log/iam.tf', 'module.region.oidc_issuer', 'module.region.oidc_url');
  const messages = (await checkTerraformDir(dir, dir)).map((p) => `${p.check} ${p.subject}: ${p.message}`);
  for (const expected of [
    'terraform:references modules/network: var.vpc_cidr is not declared',
    'terraform:references modules/network: aws_subnet.database is not declared',
    'terraform:module-inputs live/mind-log: module.region passes "redis_replicas", which ../../modules/region_stack does not declare',
    'terraform:module-inputs live/mind-log: module.db does not pass required variable "kms_key_arn"',
    'terraform:references live/mind-log: module.region has no output "oidc_url"',
  ]) assert.ok(messages.includes(expected), `missing "${expected}" in\n${messages.join('\n')}`);
});
