# Traffic-Master's durable events beyond the in-cluster Redis Streams: DynamoDB on-demand for
# orders and idempotency keys (no capacity planning for an on-sale spike), SNS -> SQS fan-out
# for order events with a dead-letter queue, and MSK (Kafka) for the analytics stream. All
# encrypted with the product's KMS key; MSK is TLS-only with IAM client authentication.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.70" }
  }
}

variable "name" {
  type = string
}

variable "kms_key_arn" {
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

variable "replica_regions" {
  description = "regions that hold a DynamoDB global table replica"
  type        = list(object({ region = string, kms_key_arn = string }))
  default     = []
}

resource "aws_dynamodb_table" "orders" {
  name         = "${var.name}-orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "order_id"
  range_key    = "sk"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "order_id"
    type = "S"
  }
  attribute {
    name = "sk"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  point_in_time_recovery {
    enabled = true
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  dynamic "replica" {
    for_each = var.replica_regions
    content {
      region_name            = replica.value.region
      kms_key_arn            = replica.value.kms_key_arn
      point_in_time_recovery = true
    }
  }

  deletion_protection_enabled = true
}

resource "aws_sns_topic" "orders" {
  name              = "${var.name}-order-events"
  kms_master_key_id = var.kms_key_arn
}

resource "aws_sqs_queue" "orders_dlq" {
  name                      = "${var.name}-order-events-dlq"
  kms_master_key_id         = var.kms_key_arn
  message_retention_seconds = 1209600
}

resource "aws_sqs_queue" "orders" {
  name                       = "${var.name}-order-events"
  kms_master_key_id          = var.kms_key_arn
  visibility_timeout_seconds = 60
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn
    maxReceiveCount     = 5
  })
}

data "aws_iam_policy_document" "orders_queue" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.orders.arn]
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_sns_topic.orders.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "orders" {
  queue_url = aws_sqs_queue.orders.id
  policy    = data.aws_iam_policy_document.orders_queue.json
}

resource "aws_sns_topic_subscription" "orders" {
  topic_arn            = aws_sns_topic.orders.arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.orders.arn
  raw_message_delivery = true
}

resource "aws_security_group" "msk" {
  name        = "${var.name}-msk"
  description = "Kafka (TLS + IAM) from the application nodes only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "msk" {
  count                        = length(var.client_security_group_ids)
  security_group_id            = aws_security_group.msk.id
  description                  = "Kafka IAM/TLS listener from application nodes"
  referenced_security_group_id = var.client_security_group_ids[count.index]
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
}

resource "aws_msk_cluster" "events" {
  cluster_name           = "${var.name}-events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = length(var.subnet_ids)

  broker_node_group_info {
    instance_type   = "kafka.m7g.large"
    client_subnets  = var.subnet_ids
    security_groups = [aws_security_group.msk.id]
    storage_info {
      ebs_storage_info {
        volume_size = 500
      }
    }
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = var.kms_key_arn
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  client_authentication {
    sasl {
      iam = true
    }
    unauthenticated = false
  }
}

output "orders_table_arn" {
  value = aws_dynamodb_table.orders.arn
}

output "order_topic_arn" {
  value = aws_sns_topic.orders.arn
}

output "msk_bootstrap_brokers" {
  value = aws_msk_cluster.events.bootstrap_brokers_sasl_iam
}
