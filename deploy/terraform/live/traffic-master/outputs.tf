output "web_acl_arns" {
  description = "put into the overlays' alb.ingress.kubernetes.io/wafv2-acl-arn"
  value       = { primary = module.primary.web_acl_arn, secondary = var.multi_region ? module.secondary[0].web_acl_arn : "" }
}

output "ecr_repositories" {
  value = module.ecr.repository_urls
}

output "oidc_provider_arns" {
  value = { primary = module.primary.oidc_provider_arn, secondary = var.multi_region ? module.secondary[0].oidc_provider_arn : "" }
}
