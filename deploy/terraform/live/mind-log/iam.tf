# Least-privilege roles for the pods (IRSA): the service may use its journal key, its
# archive bucket and invoke its model; the secrets reader may read its own secrets. Each
# role trusts exactly one service account in the mind-log namespace.
locals {
  oidc = replace(module.region.oidc_issuer, "https://", "")
}

data "aws_iam_policy_document" "irsa" {
  for_each = { service = "mind-log", "secrets-reader" = "ml-secrets-reader" }
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [module.region.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc}:sub"
      values   = ["system:serviceaccount:mind-log:${each.value}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "service" {
  name               = "${local.name}-service"
  assume_role_policy = data.aws_iam_policy_document.irsa["service"].json
}

data "aws_iam_policy_document" "service" {
  statement {
    sid       = "JournalEnvelopeKeys"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [module.journal_key.key_arns["journal"]]
  }
  statement {
    sid       = "Archive"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.archive.arn}/*"]
  }
  statement {
    sid       = "CounselModel"
    actions   = ["sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointWithResponseStream"]
    resources = [aws_sagemaker_endpoint.counsel.arn]
  }
}

resource "aws_iam_role_policy" "service" {
  role   = aws_iam_role.service.id
  policy = data.aws_iam_policy_document.service.json
}

resource "aws_iam_role" "secrets_reader" {
  name               = "${local.name}-secrets-reader"
  assume_role_policy = data.aws_iam_policy_document.irsa["secrets-reader"].json
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "secrets_reader" {
  statement {
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = ["arn:aws:secretsmanager:ap-northeast-2:${data.aws_caller_identity.current.account_id}:secret:mind-log/*"]
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = [module.region.key_arns["data"]]
  }
}

resource "aws_iam_role_policy" "secrets_reader" {
  role   = aws_iam_role.secrets_reader.id
  policy = data.aws_iam_policy_document.secrets_reader.json
}

output "service_role_arn" {
  value = aws_iam_role.service.arn
}

output "secrets_reader_role_arn" {
  value = aws_iam_role.secrets_reader.arn
}
