# The counselling LLM on SageMaker: private to the VPC (reached through the
# sagemaker.runtime interface endpoint), storage encrypted with the data key, no internet
# access for the model container.
data "aws_iam_policy_document" "sagemaker_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "sagemaker" {
  name               = "${local.name}-counsel-model"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_assume.json
}

resource "aws_iam_role_policy_attachment" "sagemaker" {
  role       = aws_iam_role.sagemaker.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"
}

resource "aws_security_group" "sagemaker" {
  name        = "${local.name}-counsel-model"
  description = "SageMaker model containers: no inbound"
  vpc_id      = module.region.vpc_id
}

resource "aws_sagemaker_model" "counsel" {
  name                     = "${local.name}-counsel"
  execution_role_arn       = aws_iam_role.sagemaker.arn
  enable_network_isolation = true
  primary_container {
    image          = var.llm.image
    model_data_url = var.llm.model_data_url
  }
  vpc_config {
    subnets            = module.region.data_subnet_ids
    security_group_ids = [aws_security_group.sagemaker.id]
  }
}

resource "aws_sagemaker_endpoint_configuration" "counsel" {
  name        = "${local.name}-counsel"
  kms_key_arn = module.region.key_arns["data"]
  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.counsel.name
    instance_type          = var.llm.instance_type
    initial_instance_count = var.llm.instances
  }
}

resource "aws_sagemaker_endpoint" "counsel" {
  name                 = "${local.name}-counsel"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.counsel.name
}
