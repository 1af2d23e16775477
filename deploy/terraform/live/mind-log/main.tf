locals {
  name = "ml-${var.environment}"
}

module "region" {
  source              = "../../modules/region_stack"
  name                = local.name
  cidr                = "10.30.0.0/16"
  azs                 = ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c"]
  private_zone        = "mind-log.internal"
  rate_limit_per_5min = 1000
  redis_shards        = 2
  node_groups         = var.node_groups
}

module "db" {
  source                    = "../../modules/postgres_multi_az"
  name                      = local.name
  vpc_id                    = module.region.vpc_id
  subnet_ids                = module.region.data_subnet_ids
  client_security_group_ids = [module.region.node_security_group_id]
  kms_key_arn               = module.region.key_arns["data"]
}

resource "aws_route53_record" "postgres" {
  zone_id = module.region.private_zone_id
  name    = "postgres.mind-log.internal"
  type    = "CNAME"
  ttl     = 30
  records = [module.db.endpoint]
}

# The journal key wraps each user's data key (envelope encryption in the service); it is
# separate from the infrastructure keys so only the service role can use it.
module "journal_key" {
  source   = "../../modules/kms"
  name     = local.name
  purposes = { journal = "journal and vitals envelope keys" }
}

resource "aws_s3_bucket" "archive" {
  bucket = "${local.name}-archive"
}

resource "aws_s3_bucket_public_access_block" "archive" {
  bucket                  = aws_s3_bucket.archive.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "archive" {
  bucket = aws_s3_bucket.archive.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = module.journal_key.key_arns["journal"]
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "archive" {
  bucket = aws_s3_bucket.archive.id
  versioning_configuration {
    status = "Enabled"
  }
}

# GDPR storage limitation: compressed vitals and journal exports expire after the retention
# period, and deleted versions do not linger.
resource "aws_s3_bucket_lifecycle_configuration" "archive" {
  bucket = aws_s3_bucket.archive.id
  rule {
    id     = "retention"
    status = "Enabled"
    filter {}
    transition {
      days          = 30
      storage_class = "STANDARD_IA"
    }
    expiration {
      days = var.journal_retention_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
}

data "aws_iam_policy_document" "archive_tls" {
  statement {
    sid       = "TlsOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.archive.arn, "${aws_s3_bucket.archive.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "archive" {
  bucket = aws_s3_bucket.archive.id
  policy = data.aws_iam_policy_document.archive_tls.json
}

module "ecr" {
  source       = "../../modules/ecr"
  repositories = ["mind-log"]
  kms_key_arn  = module.region.key_arns["objects"]
}

module "audit" {
  source      = "../../modules/audit"
  name        = local.name
  kms_key_arn = module.region.key_arns["logs"]
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
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

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
  kms_key_arn     = module.region.key_arns["objects"]
  log_bucket      = aws_s3_bucket.cdn_logs.bucket_domain_name
}
