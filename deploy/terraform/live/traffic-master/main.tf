locals {
  name = "tm-${var.environment}"
}

module "primary" {
  source              = "../../modules/region_stack"
  name                = "${local.name}-apne2"
  cidr                = "10.20.0.0/16"
  azs                 = ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c"]
  private_zone        = "traffic-master.internal"
  rate_limit_per_5min = 3000
  bot_control         = true
  node_groups         = var.node_groups
}

module "secondary" {
  count               = var.multi_region ? 1 : 0
  source              = "../../modules/region_stack"
  providers           = { aws = aws.secondary }
  name                = "${local.name}-apne1"
  cidr                = "10.21.0.0/16"
  azs                 = ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]
  private_zone        = "traffic-master.internal"
  rate_limit_per_5min = 3000
  bot_control         = true
  node_groups         = var.node_groups
}

# One Aurora global database: writes in Seoul, a read-only copy in Tokyo that can be
# promoted if Seoul is lost (RPO about a second).
resource "aws_rds_global_cluster" "seats" {
  global_cluster_identifier = "${local.name}-seats"
  engine                    = "aurora-postgresql"
  engine_version            = "15.8"
  storage_encrypted         = true
}

module "db_primary" {
  source                    = "../../modules/aurora_postgres"
  name                      = "${local.name}-apne2"
  vpc_id                    = module.primary.vpc_id
  subnet_ids                = module.primary.data_subnet_ids
  client_security_group_ids = [module.primary.node_security_group_id]
  kms_key_arn               = module.primary.key_arns["data"]
  global_cluster_id         = aws_rds_global_cluster.seats.id
  readers                   = 2
}

module "db_secondary" {
  count                     = var.multi_region ? 1 : 0
  source                    = "../../modules/aurora_postgres"
  providers                 = { aws = aws.secondary }
  name                      = "${local.name}-apne1"
  vpc_id                    = module.secondary[0].vpc_id
  subnet_ids                = module.secondary[0].data_subnet_ids
  client_security_group_ids = [module.secondary[0].node_security_group_id]
  kms_key_arn               = module.secondary[0].key_arns["data"]
  global_cluster_id         = aws_rds_global_cluster.seats.id
  is_secondary              = true
  readers                   = 1
  depends_on                = [module.db_primary]
}

resource "aws_route53_record" "postgres_primary" {
  zone_id = module.primary.private_zone_id
  name    = "postgres-primary.traffic-master.internal"
  type    = "CNAME"
  ttl     = 30
  records = [module.db_primary.writer_endpoint]
}

resource "aws_route53_record" "postgres_replica" {
  zone_id = module.primary.private_zone_id
  name    = "postgres-replica.traffic-master.internal"
  type    = "CNAME"
  ttl     = 30
  records = [module.db_primary.reader_endpoint]
}

module "events" {
  source                    = "../../modules/event_bus"
  name                      = local.name
  kms_key_arn               = module.primary.key_arns["data"]
  vpc_id                    = module.primary.vpc_id
  subnet_ids                = module.primary.data_subnet_ids
  client_security_group_ids = [module.primary.node_security_group_id]
  replica_regions           = var.multi_region ? [{ region = "ap-northeast-1", kms_key_arn = module.secondary[0].key_arns["data"] }] : []
}

module "ecr" {
  source          = "../../modules/ecr"
  repositories    = ["traffic-master"]
  kms_key_arn     = module.primary.key_arns["objects"]
  replica_regions = var.multi_region ? ["ap-northeast-1"] : []
}

module "audit" {
  source      = "../../modules/audit"
  name        = local.name
  kms_key_arn = module.primary.key_arns["logs"]
}

resource "aws_guardduty_detector" "secondary" {
  count    = var.multi_region ? 1 : 0
  provider = aws.secondary
  enable   = true
}

resource "aws_s3_bucket" "cdn_logs" {
  bucket = "${local.name}-cdn-logs"
}

resource "aws_s3_bucket_public_access_block" "cdn_logs" {
  bucket                  = aws_s3_bucket.cdn_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "cdn_logs" {
  bucket = aws_s3_bucket.cdn_logs.id
  rule {
    # CloudFront standard logging cannot write SSE-KMS objects; S3-managed keys it is.
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# CloudFront standard logs need ACL-based delivery on the log bucket.
resource "aws_s3_bucket_ownership_controls" "cdn_logs" {
  bucket = aws_s3_bucket.cdn_logs.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

module "web" {
  source          = "../../modules/static_site"
  providers       = { aws = aws, aws.us_east_1 = aws.us_east_1 }
  name            = local.name
  domain          = var.domain
  certificate_arn = var.cdn_certificate_arn
  kms_key_arn     = module.primary.key_arns["objects"]
  log_bucket      = aws_s3_bucket.cdn_logs.bucket_domain_name
}
