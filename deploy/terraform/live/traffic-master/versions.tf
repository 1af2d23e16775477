# Traffic-Master: two active regions (Seoul primary, Tokyo secondary) behind Route 53
# latency routing, each with its own EKS cluster, Redis cluster and Aurora cluster (one
# global database), joined by Transit Gateway peering.
terraform {
  required_version = ">= 1.6"
  required_providers {
    aws    = { source = "hashicorp/aws", version = "~> 5.70" }
    random = { source = "hashicorp/random", version = "~> 3.6" }
    tls    = { source = "hashicorp/tls", version = "~> 4.0" }
  }
  # State holds generated secrets: it lives in a KMS-encrypted, versioned bucket with locking.
  backend "s3" {
    bucket         = "cloud-platforms-terraform-state"
    key            = "traffic-master/terraform.tfstate"
    region         = "ap-northeast-2"
    encrypt        = true
    kms_key_id     = "alias/terraform-state"
    dynamodb_table = "terraform-locks"
  }
}

provider "aws" {
  region = "ap-northeast-2"
  default_tags {
    tags = { Product = "traffic-master", Environment = var.environment, ManagedBy = "terraform" }
  }
}

provider "aws" {
  alias  = "secondary"
  region = "ap-northeast-1"
  default_tags {
    tags = { Product = "traffic-master", Environment = var.environment, ManagedBy = "terraform" }
  }
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
  default_tags {
    tags = { Product = "traffic-master", Environment = var.environment, ManagedBy = "terraform" }
  }
}
