// Terraform structural rules over the JSON form of the HCL (as @cdktf/hcl2json gives it:
// resource -> type -> name -> [body], nested blocks as arrays, expressions as "${...}").
// Encryption and exposure settings must be literal, so nothing can switch them off through
// a variable.

const first = (v) => (Array.isArray(v) ? v[0] : v);
const blocks = (v) => (Array.isArray(v) ? v : v ? [v] : []);
const isSet = (v) => v !== undefined && v !== null && v !== '';
const OPEN_CIDRS = new Set(['0.0.0.0/0', '::/0']);

// Resource types every live stack needs, directly or through its modules, and what each
// product adds (from the design brief).
export const REQUIRED_TYPES = {
  common: [
    'aws_vpc', 'aws_eks_cluster', 'aws_eks_node_group', 'aws_kms_key', 'aws_wafv2_web_acl', 'aws_guardduty_detector',
    'aws_cloudtrail', 'aws_elasticache_replication_group', 'aws_cloudfront_distribution', 'aws_s3_bucket',
    'aws_network_acl', 'aws_flow_log', 'aws_ecr_repository',
  ],
  'traffic-master': [
    'aws_rds_cluster', 'aws_rds_global_cluster', 'aws_dynamodb_table', 'aws_sqs_queue', 'aws_sns_topic', 'aws_msk_cluster',
    'aws_route53_record', 'aws_route53_health_check', 'aws_shield_protection', 'aws_ec2_transit_gateway',
    'aws_ec2_transit_gateway_peering_attachment',
  ],
  'mind-log': ['aws_db_instance', 'aws_sagemaker_endpoint', 'aws_s3_bucket_lifecycle_configuration'],
};

function each(config, type, fn) {
  for (const [name, bodies] of Object.entries(config.resource?.[type] ?? {})) {
    for (const body of blocks(bodies)) fn(name, body);
  }
}

function refersTo(expr, type, name) {
  return typeof expr === 'string' && expr.includes(`${type}.${name}.`);
}

// config: the merged JSON of one directory's .tf files. Returns [{ rule, resource, message }].
export function checkTerraformConfig(config) {
  const out = [];
  const add = (rule, resource, message) => out.push({ rule, resource, message });

  const requireTrue = (type, keys) => each(config, type, (name, body) => {
    for (const k of keys) {
      if (body[k] !== true) add('encryption', `${type}.${name}`, `${k} must be literally true`);
    }
  });
  const requireSet = (type, keys, rule = 'encryption') => each(config, type, (name, body) => {
    for (const k of keys) if (!isSet(body[k])) add(rule, `${type}.${name}`, `${k} must be set`);
  });

  requireTrue('aws_db_instance', ['storage_encrypted']);
  requireSet('aws_db_instance', ['kms_key_id']);
  each(config, 'aws_db_instance', (name, body) => {
    if (!isSet(body.replicate_source_db) && body.multi_az !== true) add('availability', `aws_db_instance.${name}`, 'a primary database must be Multi-AZ');
    if (body.publicly_accessible === true) add('exposure', `aws_db_instance.${name}`, 'database is publicly accessible');
  });
  requireTrue('aws_rds_cluster', ['storage_encrypted']);
  requireSet('aws_rds_cluster', ['kms_key_id']);
  requireTrue('aws_rds_global_cluster', ['storage_encrypted']);
  each(config, 'aws_rds_cluster_instance', (name, body) => {
    if (body.publicly_accessible === true) add('exposure', `aws_rds_cluster_instance.${name}`, 'database is publicly accessible');
  });
  requireTrue('aws_elasticache_replication_group', ['at_rest_encryption_enabled', 'transit_encryption_enabled', 'automatic_failover_enabled']);
  requireSet('aws_elasticache_replication_group', ['kms_key_id']);
  requireSet('aws_sqs_queue', ['kms_master_key_id']);
  requireSet('aws_sns_topic', ['kms_master_key_id']);
  requireSet('aws_cloudwatch_log_group', ['kms_key_id']);
  requireSet('aws_secretsmanager_secret', ['kms_key_id']);
  requireSet('aws_sagemaker_endpoint_configuration', ['kms_key_arn']);
  each(config, 'aws_kms_key', (name, body) => {
    if (body.enable_key_rotation !== true) add('kms-rotation', `aws_kms_key.${name}`, 'enable_key_rotation must be literally true');
  });
  requireTrue('aws_cloudtrail', ['enable_log_file_validation', 'is_multi_region_trail']);
  requireSet('aws_cloudtrail', ['kms_key_id']);

  each(config, 'aws_dynamodb_table', (name, body) => {
    const sse = first(body.server_side_encryption);
    if (sse?.enabled !== true) add('encryption', `aws_dynamodb_table.${name}`, 'server_side_encryption must be enabled');
    if (first(body.point_in_time_recovery)?.enabled !== true) add('availability', `aws_dynamodb_table.${name}`, 'point_in_time_recovery must be enabled');
  });
  each(config, 'aws_msk_cluster', (name, body) => {
    const enc = first(body.encryption_info);
    if (!isSet(enc?.encryption_at_rest_kms_key_arn)) add('encryption', `aws_msk_cluster.${name}`, 'encryption_at_rest_kms_key_arn must be set');
    const transit = first(enc?.encryption_in_transit);
    if (transit?.client_broker !== 'TLS' || transit?.in_cluster !== true) add('encryption', `aws_msk_cluster.${name}`, 'in-transit encryption must be TLS between clients and brokers and inside the cluster');
  });
  each(config, 'aws_ecr_repository', (name, body) => {
    if (first(body.encryption_configuration)?.encryption_type !== 'KMS') add('encryption', `aws_ecr_repository.${name}`, 'images must be encrypted with KMS');
    if (first(body.image_scanning_configuration)?.scan_on_push !== true) add('supply-chain', `aws_ecr_repository.${name}`, 'scan_on_push must be true');
    if (body.image_tag_mutability !== 'IMMUTABLE') add('supply-chain', `aws_ecr_repository.${name}`, 'tags must be immutable');
  });
  each(config, 'aws_eks_cluster', (name, body) => {
    if (!first(body.encryption_config)) add('encryption', `aws_eks_cluster.${name}`, 'Kubernetes secrets must be envelope-encrypted (encryption_config)');
    if (first(body.vpc_config)?.endpoint_public_access !== false) add('exposure', `aws_eks_cluster.${name}`, 'the API endpoint must be private (endpoint_public_access = false)');
  });
  each(config, 'aws_launch_template', (name, body) => {
    for (const bd of blocks(body.block_device_mappings)) {
      if (first(bd.ebs)?.encrypted !== true) add('encryption', `aws_launch_template.${name}`, 'EBS volumes must be encrypted');
    }
    if (first(body.metadata_options)?.http_tokens !== 'required') add('exposure', `aws_launch_template.${name}`, 'IMDSv2 must be required');
  });

  // Every bucket: encrypted by default and with all public access blocked.
  each(config, 'aws_s3_bucket', (name) => {
    let encrypted = false;
    let blocked = false;
    each(config, 'aws_s3_bucket_server_side_encryption_configuration', (_, b) => {
      if (refersTo(b.bucket, 'aws_s3_bucket', name)) encrypted = true;
    });
    each(config, 'aws_s3_bucket_public_access_block', (_, b) => {
      if (refersTo(b.bucket, 'aws_s3_bucket', name) && ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].every((k) => b[k] === true)) blocked = true;
    });
    if (!encrypted) add('encryption', `aws_s3_bucket.${name}`, 'no server-side encryption configuration');
    if (!blocked) add('exposure', `aws_s3_bucket.${name}`, 'public access is not fully blocked');
  });

  each(config, 'aws_cloudfront_distribution', (name, body) => {
    const behaviours = [...blocks(body.default_cache_behavior), ...blocks(body.ordered_cache_behavior)];
    for (const b of behaviours) {
      if (!['redirect-to-https', 'https-only'].includes(b.viewer_protocol_policy)) add('tls', `aws_cloudfront_distribution.${name}`, 'viewers must be sent to HTTPS');
    }
    const min = first(body.viewer_certificate)?.minimum_protocol_version ?? '';
    if (!/^TLSv1\.(2_2019|2_2021|3)/.test(min)) add('tls', `aws_cloudfront_distribution.${name}`, `minimum_protocol_version ${min || '(unset)'} is too old`);
    if (!isSet(body.web_acl_id)) add('exposure', `aws_cloudfront_distribution.${name}`, 'no WAF web ACL attached');
  });

  // Internet ingress: only the ALB's security group, only on 443.
  const albGroup = (expr) => typeof expr === 'string' && /aws_security_group\.[A-Za-z0-9_]*alb[A-Za-z0-9_]*\./.test(expr);
  each(config, 'aws_vpc_security_group_ingress_rule', (name, body) => {
    if (!OPEN_CIDRS.has(body.cidr_ipv4) && !OPEN_CIDRS.has(body.cidr_ipv6)) return;
    if (!(body.from_port === 443 && body.to_port === 443 && albGroup(body.security_group_id))) {
      add('public-ingress', `aws_vpc_security_group_ingress_rule.${name}`, 'open to the internet; only the ALB may be, and only on 443');
    }
  });
  each(config, 'aws_security_group_rule', (name, body) => {
    const open = [...(body.cidr_blocks ?? []), ...(body.ipv6_cidr_blocks ?? [])].some((c) => OPEN_CIDRS.has(c));
    if (body.type === 'ingress' && open && !(body.from_port === 443 && body.to_port === 443 && albGroup(body.security_group_id))) {
      add('public-ingress', `aws_security_group_rule.${name}`, 'open to the internet; only the ALB may be, and only on 443');
    }
  });
  each(config, 'aws_security_group', (name, body) => {
    for (const rule of blocks(body.ingress)) {
      const open = [...(rule.cidr_blocks ?? []), ...(rule.ipv6_cidr_blocks ?? [])].some((c) => OPEN_CIDRS.has(c));
      if (open && !(rule.from_port === 443 && rule.to_port === 443 && /alb/.test(name))) {
        add('public-ingress', `aws_security_group.${name}`, 'inline ingress open to the internet; only the ALB may be, and only on 443');
      }
    }
  });

  // Secrets are generated or managed by AWS, never written into the configuration.
  const SECRET_KEYS = /^(password|master_password|auth_token|secret_string|private_key)$/;
  for (const [type, byName] of Object.entries(config.resource ?? {})) {
    for (const [name, bodies] of Object.entries(byName)) {
      for (const body of blocks(bodies)) {
        for (const [k, v] of Object.entries(body)) {
          if (SECRET_KEYS.test(k) && typeof v === 'string' && !v.includes('${')) add('no-literal-secrets', `${type}.${name}`, `${k} is a literal`);
        }
      }
    }
  }

  for (const tf of blocks(config.terraform)) {
    const s3 = first(first(tf.backend)?.s3);
    if (s3 && (s3.encrypt !== true || !isSet(s3.kms_key_id))) add('encryption', 'backend.s3', 'state must be encrypted with a KMS key');
  }
  return out;
}

// The resource types one directory declares, plus those of the local modules it uses.
export function resourceTypesWithModules(dir, configs, resolve) {
  const seen = new Set();
  const types = new Set();
  const visit = (d) => {
    if (seen.has(d) || !configs.has(d)) return;
    seen.add(d);
    const c = configs.get(d);
    for (const t of Object.keys(c.resource ?? {})) types.add(t);
    for (const bodies of Object.values(c.module ?? {})) {
      for (const m of blocks(bodies)) if (typeof m.source === 'string' && m.source.startsWith('.')) visit(resolve(d, m.source));
    }
  };
  visit(dir);
  return types;
}

function* expressions(value) {
  if (typeof value === 'string') {
    if (value.includes('${')) yield value;
  } else if (Array.isArray(value)) {
    for (const v of value) yield* expressions(v);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) yield* expressions(v);
  }
}

// Names one directory's expressions use must be declared: var.X as a variable, local.X in
// locals, resource and data references as blocks, module.M.O as a module whose source
// declares output O. Local module calls must pass every required variable and no unknown
// one. These are the errors `terraform validate` reports, caught without providers.
export function checkTerraformReferences(dir, configs, resolveSource) {
  const out = [];
  const config = configs.get(dir);
  const add = (rule, message) => out.push({ rule, resource: dir, message });
  const declared = (kind) => new Set(Object.keys(config[kind] ?? {}));
  const variables = declared('variable');
  const locals = new Set(blocks(config.locals).flatMap((l) => Object.keys(l)));
  const modules = config.module ?? {};
  const resources = new Set(Object.entries(config.resource ?? {}).flatMap(([t, byName]) => Object.keys(byName).map((n) => `${t}.${n}`)));
  const dataSources = new Set(Object.entries(config.data ?? {}).flatMap(([t, byName]) => Object.keys(byName).map((n) => `${t}.${n}`)));
  const seen = new Set();
  const once = (key, rule, message) => { if (!seen.has(key)) { seen.add(key); add(rule, message); } };

  for (const expr of expressions({ ...config, variable: undefined })) {
    for (const [, name] of expr.matchAll(/(?<![\w.])var\.([A-Za-z_][\w-]*)/g)) {
      if (!variables.has(name)) once(`var.${name}`, 'references', `var.${name} is not declared`);
    }
    for (const [, name] of expr.matchAll(/(?<![\w.])local\.([A-Za-z_][\w-]*)/g)) {
      if (!locals.has(name)) once(`local.${name}`, 'references', `local.${name} is not declared`);
    }
    for (const [, type, name] of expr.matchAll(/(?<![\w.])data\.([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)/g)) {
      if (!dataSources.has(`${type}.${name}`)) once(`data.${type}.${name}`, 'references', `data.${type}.${name} is not declared`);
    }
    for (const [, type, name] of expr.matchAll(/(?<![\w.])((?:aws|random|tls)_[a-z0-9_]+)\.([A-Za-z_][\w-]*)/g)) {
      if (!resources.has(`${type}.${name}`)) once(`${type}.${name}`, 'references', `${type}.${name} is not declared`);
    }
    for (const [, name, output] of expr.matchAll(/(?<![\w.])module\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.([A-Za-z_][\w-]*)/g)) {
      const call = first(modules[name]);
      if (!call) { once(`module.${name}`, 'references', `module.${name} is not declared`); continue; }
      if (typeof call.source !== 'string' || !call.source.startsWith('.')) continue;
      const target = configs.get(resolveSource(dir, call.source));
      if (target && !Object.hasOwn(target.output ?? {}, output)) once(`module.${name}.${output}`, 'references', `module.${name} has no output "${output}"`);
    }
  }

  const META = new Set(['source', 'version', 'providers', 'count', 'for_each', 'depends_on']);
  for (const [name, bodies] of Object.entries(modules)) {
    const call = first(bodies);
    if (typeof call?.source !== 'string' || !call.source.startsWith('.')) continue;
    const target = configs.get(resolveSource(dir, call.source));
    if (!target) continue;
    const inputs = target.variable ?? {};
    for (const arg of Object.keys(call)) {
      if (!META.has(arg) && !Object.hasOwn(inputs, arg)) add('module-inputs', `module.${name} passes "${arg}", which ${call.source} does not declare`);
    }
    for (const [v, vb] of Object.entries(inputs)) {
      if (!('default' in (first(vb) ?? {})) && !Object.hasOwn(call, v)) add('module-inputs', `module.${name} does not pass required variable "${v}"`);
    }
  }
  return out;
}
