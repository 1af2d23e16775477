environment         = "prod"
domain              = "mindlog.example.com"
cdn_certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/prod-mindlog"
llm = {
  image          = "111122223333.dkr.ecr.ap-northeast-2.amazonaws.com/counsel-llm:2026.11"
  model_data_url = "s3://ml-prod-models/counsel/model.tar.gz"
  instance_type  = "ml.g5.2xlarge"
  instances      = 2
}
node_groups = {
  on_demand = { min = 3, max = 9, desired = 3, instance_types = ["m6i.large"] }
  spot      = { min = 0, max = 12, instance_types = ["m6i.large", "m6a.large", "m5.large"] }
}
