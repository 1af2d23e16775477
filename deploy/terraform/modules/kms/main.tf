# One customer-managed key per purpose, rotated yearly by KMS. Separate keys keep blast
# radius small (revoking the journal key does not touch logs) and let IAM grant each
# workload only the key it needs.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.70" }
  }
}

variable "name" {
  description = "prefix of the key aliases, e.g. tm-prod"
  type        = string
}

variable "purposes" {
  description = "key purpose => description, e.g. { rds = \"database storage\" }"
  type        = map(string)
}

variable "service_principals" {
  description = "AWS service principals allowed to use the keys through grants (logs, cloudtrail...)"
  type        = list(string)
  default     = []
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  dynamic "statement" {
    for_each = length(var.service_principals) > 0 ? [1] : []
    content {
      sid       = "ServicesEncrypt"
      actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      resources = ["*"]
      principals {
        type        = "Service"
        identifiers = var.service_principals
      }
      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [data.aws_caller_identity.current.account_id]
      }
    }
  }
}

resource "aws_kms_key" "this" {
  for_each                = var.purposes
  description             = "${var.name} ${each.value}"
  enable_key_rotation     = true
  rotation_period_in_days = 365
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = { Name = "${var.name}-${each.key}", Purpose = each.key }
}

resource "aws_kms_alias" "this" {
  for_each      = var.purposes
  name          = "alias/${var.name}-${each.key}"
  target_key_id = aws_kms_key.this[each.key].key_id
}

output "key_arns" {
  value = { for k, v in aws_kms_key.this : k => v.arn }
}
