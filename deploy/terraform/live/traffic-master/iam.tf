# Least-privilege pod roles (IRSA), one per service account of deploy/k8s/traffic-master.
# Roles are global; each trusts the service account in both regions' clusters.
locals {
  issuers = compact([
    replace(module.primary.oidc_issuer, "https://", ""),
    var.multi_region ? replace(module.secondary[0].oidc_issuer, "https://", "") : "",
  ])
  providers = compact([module.primary.oidc_provider_arn, var.multi_region ? module.secondary[0].oidc_provider_arn : ""])
  service_accounts = {
    api            = "tm-api"
    ws             = "tm-ws"
    worker         = "tm-worker"
    secrets-reader = "tm-secrets-reader"
  }
}

data "aws_iam_policy_document" "irsa" {
  for_each = local.service_accounts
  dynamic "statement" {
    for_each = range(length(local.issuers))
    content {
      actions = ["sts:AssumeRoleWithWebIdentity"]
      principals {
        type        = "Federated"
        identifiers = [local.providers[statement.value]]
      }
      condition {
        test     = "StringEquals"
        variable = "${local.issuers[statement.value]}:sub"
        values   = ["system:serviceaccount:traffic-master:${each.value}"]
      }
      condition {
        test     = "StringEquals"
        variable = "${local.issuers[statement.value]}:aud"
        values   = ["sts.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role" "pod" {
  for_each           = local.service_accounts
  name               = "${local.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.irsa[each.key].json
}

data "aws_iam_policy_document" "api" {
  statement {
    sid       = "Orders"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"]
    resources = [module.events.orders_table_arn]
  }
  statement {
    sid       = "OrderEvents"
    actions   = ["sns:Publish"]
    resources = [module.events.order_topic_arn]
  }
  statement {
    sid       = "DataKey"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [module.primary.key_arns["data"]]
  }
}

data "aws_iam_policy_document" "worker" {
  statement {
    sid       = "Orders"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query"]
    resources = [module.events.orders_table_arn]
  }
  statement {
    sid       = "AnalyticsStream"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:WriteData", "kafka-cluster:DescribeTopic"]
    resources = ["*"]
  }
  statement {
    sid       = "DataKey"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [module.primary.key_arns["data"]]
  }
}

data "aws_iam_policy_document" "secrets_reader" {
  statement {
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = ["arn:aws:secretsmanager:*:${data.aws_caller_identity.current.account_id}:secret:traffic-master/*"]
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = compact([module.primary.key_arns["data"], var.multi_region ? module.secondary[0].key_arns["data"] : ""])
  }
}

resource "aws_iam_role_policy" "api" {
  role   = aws_iam_role.pod["api"].id
  policy = data.aws_iam_policy_document.api.json
}

resource "aws_iam_role_policy" "worker" {
  role   = aws_iam_role.pod["worker"].id
  policy = data.aws_iam_policy_document.worker.json
}

resource "aws_iam_role_policy" "secrets_reader" {
  role   = aws_iam_role.pod["secrets-reader"].id
  policy = data.aws_iam_policy_document.secrets_reader.json
}
