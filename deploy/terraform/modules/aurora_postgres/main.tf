# Aurora PostgreSQL cluster: one writer plus reader instances in other AZs (the seat
# engine's reads and reporting go to the reader endpoint). Optionally part of a global
# database so the second region holds a read-only copy that can be promoted.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.70" }
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

variable "readers" {
  type    = number
  default = 2
}

variable "instance_class" {
  type    = string
  default = "db.r6g.xlarge"
}

variable "global_cluster_id" {
  description = "join this Aurora global database (empty: standalone)"
  type        = string
  default     = ""
}

variable "is_secondary" {
  description = "a secondary region's cluster replicates from the global primary and has no master user"
  type        = bool
  default     = false
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_rds_cluster_parameter_group" "this" {
  name   = "${var.name}-aurora-pg15"
  family = "aurora-postgresql15"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_security_group" "this" {
  name        = "${var.name}-aurora"
  description = "Aurora PostgreSQL from the application nodes only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  count                        = length(var.client_security_group_ids)
  security_group_id            = aws_security_group.this.id
  description                  = "PostgreSQL from application nodes"
  referenced_security_group_id = var.client_security_group_ids[count.index]
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_rds_cluster" "this" {
  cluster_identifier              = var.name
  engine                          = "aurora-postgresql"
  engine_version                  = "15.8"
  global_cluster_identifier       = var.global_cluster_id == "" ? null : var.global_cluster_id
  master_username                 = var.is_secondary ? null : "app_admin"
  manage_master_user_password     = var.is_secondary ? null : true
  master_user_secret_kms_key_id   = var.is_secondary ? null : var.kms_key_arn
  storage_encrypted               = true
  kms_key_id                      = var.kms_key_arn
  db_subnet_group_name            = aws_db_subnet_group.this.name
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name
  vpc_security_group_ids          = [aws_security_group.this.id]
  backup_retention_period         = 14
  copy_tags_to_snapshot           = true
  deletion_protection             = true
  skip_final_snapshot             = false
  final_snapshot_identifier       = "${var.name}-final"
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports = ["postgresql"]
}

resource "aws_rds_cluster_instance" "this" {
  count                           = 1 + var.readers
  identifier                      = "${var.name}-${count.index}"
  cluster_identifier              = aws_rds_cluster.this.id
  engine                          = aws_rds_cluster.this.engine
  instance_class                  = var.instance_class
  publicly_accessible             = false
  performance_insights_enabled    = true
  performance_insights_kms_key_id = var.kms_key_arn
  auto_minor_version_upgrade      = true
}

output "writer_endpoint" {
  value = aws_rds_cluster.this.endpoint
}

output "reader_endpoint" {
  value = aws_rds_cluster.this.reader_endpoint
}

output "cluster_arn" {
  value = aws_rds_cluster.this.arn
}
