# ElastiCache Redis 7 in cluster mode: shards with a replica each across AZs, automatic
# failover, encrypted at rest (KMS) and in transit (TLS), AUTH token kept in Secrets Manager.
terraform {
  required_providers {
    aws    = { source = "hashicorp/aws", version = "~> 5.70" }
    random = { source = "hashicorp/random", version = "~> 3.6" }
  }
}

variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "client_security_group_ids" {
  type = list(string)
}

variable "kms_key_arn" {
  type = string
}

variable "shards" {
  type    = number
  default = 3
}

variable "replicas_per_shard" {
  type    = number
  default = 1
}

variable "node_type" {
  type    = string
  default = "cache.r7g.large"
}

variable "global_replication_group_id" {
  description = "join a Global Datastore as a secondary (empty: standalone or primary)"
  type        = string
  default     = ""
}

resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "this" {
  name        = "${var.name}-redis"
  description = "Redis from the application nodes only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  count                        = length(var.client_security_group_ids)
  security_group_id            = aws_security_group.this.id
  description                  = "Redis from application nodes"
  referenced_security_group_id = var.client_security_group_ids[count.index]
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}

resource "random_password" "auth" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret" "auth" {
  name       = "${var.name}/redis"
  kms_key_id = var.kms_key_arn
}

resource "aws_secretsmanager_secret_version" "auth" {
  secret_id     = aws_secretsmanager_secret.auth.id
  secret_string = jsonencode({ auth_token = random_password.auth.result })
}

resource "aws_elasticache_parameter_group" "this" {
  name   = "${var.name}-redis7-cluster"
  family = "redis7"
  parameter {
    name  = "cluster-enabled"
    value = "yes"
  }
  # Seat holds and queue entries must never be evicted to make room.
  parameter {
    name  = "maxmemory-policy"
    value = "noeviction"
  }
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id        = var.name
  description                 = "${var.name} Redis cluster"
  engine                      = "redis"
  engine_version              = "7.1"
  node_type                   = var.node_type
  num_node_groups             = var.shards
  replicas_per_node_group     = var.replicas_per_shard
  parameter_group_name        = aws_elasticache_parameter_group.this.name
  global_replication_group_id = var.global_replication_group_id == "" ? null : var.global_replication_group_id
  automatic_failover_enabled  = true
  multi_az_enabled            = true
  at_rest_encryption_enabled  = true
  kms_key_id                  = var.kms_key_arn
  transit_encryption_enabled  = true
  auth_token                  = random_password.auth.result
  subnet_group_name           = aws_elasticache_subnet_group.this.name
  security_group_ids          = [aws_security_group.this.id]
  snapshot_retention_limit    = 7
  auto_minor_version_upgrade  = true
}

output "configuration_endpoint" {
  value = aws_elasticache_replication_group.this.configuration_endpoint_address
}

output "auth_secret_arn" {
  value = aws_secretsmanager_secret.auth.arn
}
