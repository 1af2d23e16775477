# Mind-Log: one region (Seoul), Multi-AZ everywhere; health data never leaves the VPC
# unencrypted and every store is encrypted under customer-managed, rotating KMS keys.
terraform {
  required_version = ">= 1.6"
  required_providers {
    aws    = { source = "hashicorp/aws", version = "~> 5.70" }
    random = { source = "hashicorp/random", version = "~> 3.6" }
    tls    = { source = "hashicorp/tls", version = "~> 4.0" }
  }
  backend "s3" {
    bucket         = "cloud-platforms-terraform-state"
    key            = "mind-log/terraform.tfstate"
    region         = "ap-northeast-2"
    encrypt        = true
    kms_key_id     = "alias/terraform-state"
    dynamodb_table = "terraform-locks"
  }
}

provider "aws" {
  region = "ap-northeast-2"
  default_tags {
    tags = { Product = "mind-log", Environment = var.environment, ManagedBy = "terraform", DataClass = "special-category" }
  }
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
  default_tags {
    tags = { Product = "mind-log", Environment = var.environment, ManagedBy = "terraform" }
  }
}
