# Everything one product needs in one region: keys, the three-tier VPC, EKS, the ALB's
# security group and WAF, and the Redis cluster. The database differs per product
# (Multi-AZ instance or Aurora cluster), so the live stack adds it next to this module.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.70" }
  }
}

variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

variable "azs" {
  type = list(string)
}

variable "private_zone" {
  type = string
}

variable "rate_limit_per_5min" {
  type = number
}

variable "bot_control" {
  type    = bool
  default = false
}

variable "redis_shards" {
  type    = number
  default = 3
}

variable "node_groups" {
  type = object({
    on_demand = object({ min = number, max = number, desired = number, instance_types = list(string) })
    spot      = object({ min = number, max = number, instance_types = list(string) })
  })
}

data "aws_region" "current" {}

module "kms" {
  source = "../kms"
  name   = var.name
  purposes = {
    eks     = "Kubernetes secrets envelope encryption"
    ebs     = "node volumes"
    data    = "databases, caches, queues and their secrets"
    logs    = "CloudWatch log groups"
    objects = "S3 objects"
  }
  # CloudWatch Logs, CloudTrail and CloudFront (reading SSE-KMS objects through OAC) use the
  # keys as services, limited to this account by the key policy condition.
  service_principals = ["logs.${data.aws_region.current.name}.amazonaws.com", "cloudtrail.amazonaws.com", "cloudfront.amazonaws.com"]
}

module "network" {
  source               = "../network"
  name                 = var.name
  cidr                 = var.cidr
  azs                  = var.azs
  private_zone         = var.private_zone
  flow_log_kms_key_arn = module.kms.key_arns["logs"]
}

module "eks" {
  source              = "../eks"
  name                = var.name
  vpc_id              = module.network.vpc_id
  subnet_ids          = module.network.app_subnet_ids
  admin_cidrs         = module.network.app_cidrs
  secrets_kms_key_arn = module.kms.key_arns["eks"]
  ebs_kms_key_arn     = module.kms.key_arns["ebs"]
  on_demand           = var.node_groups.on_demand
  spot                = var.node_groups.spot
}

module "edge" {
  source              = "../alb_edge"
  name                = var.name
  vpc_id              = module.network.vpc_id
  app_cidrs           = module.network.app_cidrs
  rate_limit_per_5min = var.rate_limit_per_5min
  bot_control         = var.bot_control
  log_kms_key_arn     = module.kms.key_arns["logs"]
}

module "redis" {
  source                    = "../redis_cluster"
  name                      = var.name
  vpc_id                    = module.network.vpc_id
  subnet_ids                = module.network.data_subnet_ids
  client_security_group_ids = [module.eks.node_security_group_id]
  kms_key_arn               = module.kms.key_arns["data"]
  shards                    = var.redis_shards
}

resource "aws_route53_record" "redis" {
  zone_id = module.network.private_zone_id
  name    = "redis.${var.private_zone}"
  type    = "CNAME"
  ttl     = 60
  records = [module.redis.configuration_endpoint]
}

output "key_arns" {
  value = module.kms.key_arns
}

output "vpc_id" {
  value = module.network.vpc_id
}

output "data_subnet_ids" {
  value = module.network.data_subnet_ids
}

output "app_subnet_ids" {
  value = module.network.app_subnet_ids
}

output "app_route_table_ids" {
  value = module.network.app_route_table_ids
}

output "private_zone_id" {
  value = module.network.private_zone_id
}

output "node_security_group_id" {
  value = module.eks.node_security_group_id
}

output "oidc_provider_arn" {
  value = module.eks.oidc_provider_arn
}

output "oidc_issuer" {
  value = module.eks.oidc_issuer
}

output "web_acl_arn" {
  value = module.edge.web_acl_arn
}
