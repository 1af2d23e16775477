variable "environment" {
  type = string
  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment must be dev or prod"
  }
}

variable "domain" {
  type = string
}

variable "cdn_certificate_arn" {
  type = string
}

variable "journal_retention_days" {
  description = "GDPR retention: archived journal exports are deleted after this many days"
  type        = number
  default     = 1095
}

variable "llm" {
  description = "SageMaker model for the counselling agent"
  type        = object({ image = string, model_data_url = string, instance_type = string, instances = number })
}

variable "node_groups" {
  type = object({
    on_demand = object({ min = number, max = number, desired = number, instance_types = list(string) })
    spot      = object({ min = number, max = number, instance_types = list(string) })
  })
}
