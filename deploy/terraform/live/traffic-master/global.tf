# Global entry: Route 53 latency routing over the regional ALBs with health checks (a
# region failing /readyz drops out of DNS within about a minute), the CloudFront front-end,
# Shield Advanced on every internet-facing resource, and Transit Gateway peering between the
# regions' VPCs for replication and cross-region operations traffic.

resource "aws_route53_health_check" "region" {
  for_each          = var.regional_albs
  fqdn              = each.value.dns_name
  type              = "HTTPS"
  port              = 443
  resource_path     = "/readyz"
  request_interval  = 10
  failure_threshold = 3
  measure_latency   = true
  tags              = { Name = "${local.name}-${each.key}" }
}

resource "aws_route53_record" "api" {
  for_each       = var.regional_albs
  zone_id        = var.public_zone_id
  name           = "api.${var.domain}"
  type           = "A"
  set_identifier = each.key
  latency_routing_policy {
    region = each.key
  }
  health_check_id = aws_route53_health_check.region[each.key].id
  alias {
    name                   = each.value.dns_name
    zone_id                = each.value.zone_id
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "web" {
  zone_id = var.public_zone_id
  name    = var.domain
  type    = "A"
  alias {
    name                   = module.web.distribution_domain
    zone_id                = "Z2FDTNDATAQYW2"
    evaluate_target_health = false
  }
}

# Shield Advanced: DDoS response team access and cost protection during an on-sale.
resource "aws_shield_protection" "cdn" {
  name         = "${local.name}-cdn"
  resource_arn = module.web.distribution_arn
}

resource "aws_shield_protection" "zone" {
  name         = "${local.name}-zone"
  resource_arn = "arn:aws:route53:::hostedzone/${var.public_zone_id}"
}

resource "aws_shield_protection" "alb_primary" {
  for_each     = { for k, v in var.regional_albs : k => v if k == "ap-northeast-2" }
  name         = "${local.name}-alb-${each.key}"
  resource_arn = each.value.arn
}

resource "aws_shield_protection" "alb_secondary" {
  for_each     = { for k, v in var.regional_albs : k => v if k == "ap-northeast-1" }
  provider     = aws.secondary
  name         = "${local.name}-alb-${each.key}"
  resource_arn = each.value.arn
}

resource "aws_ec2_transit_gateway" "primary" {
  description                     = "${local.name} ap-northeast-2"
  default_route_table_association = "enable"
  default_route_table_propagation = "enable"
  dns_support                     = "enable"
}

resource "aws_ec2_transit_gateway_vpc_attachment" "primary" {
  transit_gateway_id = aws_ec2_transit_gateway.primary.id
  vpc_id             = module.primary.vpc_id
  subnet_ids         = module.primary.app_subnet_ids
}

resource "aws_ec2_transit_gateway" "secondary" {
  count                           = var.multi_region ? 1 : 0
  provider                        = aws.secondary
  description                     = "${local.name} ap-northeast-1"
  default_route_table_association = "enable"
  default_route_table_propagation = "enable"
  dns_support                     = "enable"
}

resource "aws_ec2_transit_gateway_vpc_attachment" "secondary" {
  count              = var.multi_region ? 1 : 0
  provider           = aws.secondary
  transit_gateway_id = aws_ec2_transit_gateway.secondary[0].id
  vpc_id             = module.secondary[0].vpc_id
  subnet_ids         = module.secondary[0].app_subnet_ids
}

data "aws_caller_identity" "current" {}

resource "aws_ec2_transit_gateway_peering_attachment" "regions" {
  count                   = var.multi_region ? 1 : 0
  transit_gateway_id      = aws_ec2_transit_gateway.primary.id
  peer_transit_gateway_id = aws_ec2_transit_gateway.secondary[0].id
  peer_region             = "ap-northeast-1"
  peer_account_id         = data.aws_caller_identity.current.account_id
}

resource "aws_ec2_transit_gateway_peering_attachment_accepter" "regions" {
  count                         = var.multi_region ? 1 : 0
  provider                      = aws.secondary
  transit_gateway_attachment_id = aws_ec2_transit_gateway_peering_attachment.regions[0].id
}

resource "aws_ec2_transit_gateway_route" "to_secondary" {
  count                          = var.multi_region ? 1 : 0
  destination_cidr_block         = "10.21.0.0/16"
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment.regions[0].id
  transit_gateway_route_table_id = aws_ec2_transit_gateway.primary.association_default_route_table_id
  depends_on                     = [aws_ec2_transit_gateway_peering_attachment_accepter.regions]
}

resource "aws_ec2_transit_gateway_route" "to_primary" {
  count                          = var.multi_region ? 1 : 0
  provider                       = aws.secondary
  destination_cidr_block         = "10.20.0.0/16"
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment.regions[0].id
  transit_gateway_route_table_id = aws_ec2_transit_gateway.secondary[0].association_default_route_table_id
  depends_on                     = [aws_ec2_transit_gateway_peering_attachment_accepter.regions]
}

resource "aws_route" "primary_to_secondary" {
  count                  = var.multi_region ? 3 : 0
  route_table_id         = module.primary.app_route_table_ids[count.index]
  destination_cidr_block = "10.21.0.0/16"
  transit_gateway_id     = aws_ec2_transit_gateway.primary.id
}

resource "aws_route" "secondary_to_primary" {
  count                  = var.multi_region ? 3 : 0
  provider               = aws.secondary
  route_table_id         = module.secondary[0].app_route_table_ids[count.index]
  destination_cidr_block = "10.20.0.0/16"
  transit_gateway_id     = aws_ec2_transit_gateway.secondary[0].id
}
