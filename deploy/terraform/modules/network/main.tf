# One VPC per product and region, three tiers in three AZs:
#   public  - the ALB and NAT gateways only
#   app     - EKS nodes and pods (private, egress through NAT)
#   data    - RDS, ElastiCache, MSK and the AWS interface endpoints (private, no internet route)
# Security groups do the fine-grained filtering; the data tier's NACL is a second, coarse
# layer that admits only the app tier on the data ports (defence in depth).
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.70" }
  }
}

variable "name" {
  type = string
}

variable "cidr" {
  description = "the VPC range; /16 split into /20 public, /19 app and /19 data blocks"
  type        = string
}

variable "azs" {
  type = list(string)
}

variable "flow_log_kms_key_arn" {
  type = string
}

variable "private_zone" {
  description = "private Route 53 zone for data-tier endpoint names, e.g. traffic-master.internal"
  type        = string
}

locals {
  public_cidrs = [for i, _ in var.azs : cidrsubnet(cidrsubnet(var.cidr, 4, 0), 2, i)]
  app_cidrs    = [for i, _ in var.azs : cidrsubnet(cidrsubnet(var.cidr, 3, 2 + floor(i / 2)), 1, i % 2)]
  data_cidrs   = [for i, _ in var.azs : cidrsubnet(cidrsubnet(var.cidr, 3, 1), 2, i)]
  data_ports   = [5432, 6379, 9098, 443]
  data_in_rules = flatten([
    for i, cidr in local.app_cidrs : [
      for j, port in local.data_ports : { key = "${i}-${port}", cidr = cidr, port = port, number = 100 + i * 10 + j }
    ]
  ])
  endpoints    = ["sts", "secretsmanager", "kms", "ecr.api", "ecr.dkr", "logs", "s3", "sagemaker.runtime", "dynamodb", "sqs", "sns"]
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags                 = { Name = var.name }
}

# The default security group of a VPC allows all traffic between its members; strip it.
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.this.id
}

resource "aws_subnet" "public" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.this.id
  cidr_block        = local.public_cidrs[count.index]
  availability_zone = var.azs[count.index]
  tags              = { Name = "${var.name}-public-${var.azs[count.index]}", "kubernetes.io/role/elb" = "1" }
}

resource "aws_subnet" "app" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.this.id
  cidr_block        = local.app_cidrs[count.index]
  availability_zone = var.azs[count.index]
  tags              = { Name = "${var.name}-app-${var.azs[count.index]}", "kubernetes.io/role/internal-elb" = "1" }
}

resource "aws_subnet" "data" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.this.id
  cidr_block        = local.data_cidrs[count.index]
  availability_zone = var.azs[count.index]
  tags              = { Name = "${var.name}-data-${var.azs[count.index]}" }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
}

resource "aws_eip" "nat" {
  count  = length(var.azs)
  domain = "vpc"
}

# One NAT gateway per AZ: an AZ outage must not cut the other AZs' egress.
resource "aws_nat_gateway" "this" {
  count         = length(var.azs)
  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }
}

resource "aws_route_table_association" "public" {
  count          = length(var.azs)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "app" {
  count  = length(var.azs)
  vpc_id = aws_vpc.this.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.this[count.index].id
  }
}

resource "aws_route_table_association" "app" {
  count          = length(var.azs)
  subnet_id      = aws_subnet.app[count.index].id
  route_table_id = aws_route_table.app[count.index].id
}

# The data tier has no route out of the VPC at all.
resource "aws_route_table" "data" {
  vpc_id = aws_vpc.this.id
}

resource "aws_route_table_association" "data" {
  count          = length(var.azs)
  subnet_id      = aws_subnet.data[count.index].id
  route_table_id = aws_route_table.data.id
}

resource "aws_network_acl" "data" {
  vpc_id     = aws_vpc.this.id
  subnet_ids = aws_subnet.data[*].id
  tags       = { Name = "${var.name}-data" }
}

resource "aws_network_acl_rule" "data_in" {
  for_each       = { for r in local.data_in_rules : r.key => r }
  network_acl_id = aws_network_acl.data.id
  rule_number    = each.value.number
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = each.value.cidr
  from_port      = each.value.port
  to_port        = each.value.port
}

# Stateless NACL: replies to the app tier leave on its ephemeral ports.
resource "aws_network_acl_rule" "data_out" {
  count          = length(var.azs)
  network_acl_id = aws_network_acl.data.id
  rule_number    = 100 + count.index
  egress         = true
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = local.app_cidrs[count.index]
  from_port      = 1024
  to_port        = 65535
}

resource "aws_security_group" "endpoints" {
  name        = "${var.name}-endpoints"
  description = "AWS interface endpoints, reachable from inside the VPC only"
  vpc_id      = aws_vpc.this.id
}

resource "aws_vpc_security_group_ingress_rule" "endpoints" {
  security_group_id = aws_security_group.endpoints.id
  description       = "HTTPS from the VPC"
  cidr_ipv4         = var.cidr
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

data "aws_region" "current" {}

# Interface endpoints keep AWS API traffic (secrets, keys, images, S3, SageMaker) on the
# AWS network and inside the NetworkPolicy-visible VPC range.
resource "aws_vpc_endpoint" "interface" {
  for_each            = toset(local.endpoints)
  vpc_id              = aws_vpc.this.id
  service_name        = "com.amazonaws.${data.aws_region.current.name}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.data[*].id
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = each.key != "s3"
}

resource "aws_cloudwatch_log_group" "flow" {
  name              = "/vpc/${var.name}/flow"
  retention_in_days = 365
  kms_key_id        = var.flow_log_kms_key_arn
}

data "aws_iam_policy_document" "flow_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "flow" {
  name               = "${var.name}-flow-logs"
  assume_role_policy = data.aws_iam_policy_document.flow_assume.json
}

data "aws_iam_policy_document" "flow_write" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.flow.arn}:*"]
  }
}

resource "aws_iam_role_policy" "flow" {
  role   = aws_iam_role.flow.id
  policy = data.aws_iam_policy_document.flow_write.json
}

resource "aws_flow_log" "this" {
  vpc_id          = aws_vpc.this.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow.arn
  iam_role_arn    = aws_iam_role.flow.arn
}

resource "aws_route53_zone" "private" {
  name = var.private_zone
  vpc {
    vpc_id = aws_vpc.this.id
  }
}

output "vpc_id" {
  value = aws_vpc.this.id
}

output "cidr" {
  value = var.cidr
}

output "public_subnet_ids" {
  value = aws_subnet.public[*].id
}

output "app_subnet_ids" {
  value = aws_subnet.app[*].id
}

output "app_cidrs" {
  value = local.app_cidrs
}

output "data_subnet_ids" {
  value = aws_subnet.data[*].id
}

output "private_zone_id" {
  value = aws_route53_zone.private.zone_id
}

output "app_route_table_ids" {
  value = aws_route_table.app[*].id
}
