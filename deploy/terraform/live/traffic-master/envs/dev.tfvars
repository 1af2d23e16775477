environment         = "dev"
domain              = "dev.tickets.example.com"
public_zone_id      = "Z0DEVTICKETS0000000"
cdn_certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/dev-tickets"
multi_region        = false
node_groups = {
  on_demand = { min = 2, max = 4, desired = 2, instance_types = ["m6i.large"] }
  spot      = { min = 0, max = 10, instance_types = ["m6i.large", "m6a.large", "m5.large"] }
}
