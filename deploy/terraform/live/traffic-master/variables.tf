variable "environment" {
  description = "dev or prod"
  type        = string
  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment must be dev or prod"
  }
}

variable "domain" {
  description = "public domain, e.g. tickets.example.com"
  type        = string
}

variable "public_zone_id" {
  type = string
}

variable "cdn_certificate_arn" {
  description = "ACM certificate in us-east-1 for CloudFront"
  type        = string
}

variable "regional_albs" {
  description = "the ALBs the Load Balancer Controller created, per region (filled after the first deploy)"
  type        = map(object({ arn = string, dns_name = string, zone_id = string }))
  default     = {}
}

variable "multi_region" {
  description = "run the secondary region (prod); dev is single-region"
  type        = bool
  default     = true
}

variable "node_groups" {
  type = object({
    on_demand = object({ min = number, max = number, desired = number, instance_types = list(string) })
    spot      = object({ min = number, max = number, instance_types = list(string) })
  })
}
