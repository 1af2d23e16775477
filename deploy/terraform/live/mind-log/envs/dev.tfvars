environment         = "dev"
domain              = "dev.mindlog.example.com"
cdn_certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/dev-mindlog"
llm = {
  image          = "111122223333.dkr.ecr.ap-northeast-2.amazonaws.com/counsel-llm:2026.11"
  model_data_url = "s3://ml-dev-models/counsel/model.tar.gz"
  instance_type  = "ml.g5.xlarge"
  instances      = 1
}
node_groups = {
  on_demand = { min = 2, max = 4, desired = 2, instance_types = ["m6i.large"] }
  spot      = { min = 0, max = 4, instance_types = ["m6i.large", "m6a.large"] }
}
