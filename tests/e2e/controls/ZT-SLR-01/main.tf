# Constraint 7: a load balancer whose service-linked role is left to auto-creation fails.
resource "aws_lb" "fail_implicit_slr" {
  name               = "fail-implicit-slr"
  internal           = true
  load_balancer_type = "application"
  subnets            = ["subnet-0aaa1111", "subnet-0bbb2222"]
}

resource "aws_iam_service_linked_role" "pass_autoscaling" {
  aws_service_name = "autoscaling.amazonaws.com"
  custom_suffix    = "example"
}
