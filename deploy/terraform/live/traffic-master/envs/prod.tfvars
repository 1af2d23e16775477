environment         = "prod"
domain              = "tickets.example.com"
public_zone_id      = "Z0PRODTICKETS000000"
cdn_certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/prod-tickets"
multi_region        = true
# Sized for 15,000 concurrent users at the open: the on-demand floor carries the steady
# state, spot across five instance families absorbs the surge.
node_groups = {
  on_demand = { min = 3, max = 12, desired = 3, instance_types = ["m6i.xlarge"] }
  spot      = { min = 0, max = 60, instance_types = ["m6i.xlarge", "m6a.xlarge", "m5.xlarge", "c6i.xlarge", "c6a.xlarge"] }
}
