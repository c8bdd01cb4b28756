# The role of section 2 of the review, in the registry's account: the ci-pusher user of the CI
# account assumes it to push the image. Its policies are the JSON files in ../iam.
resource "aws_iam_role" "ecr_pusher" {
  name               = "ecr-pusher"
  assume_role_policy = file("${path.module}/../iam/ecr-pusher-trust-policy.json")
}

resource "aws_iam_role_policy" "ecr_push" {
  name   = "ecr-push"
  role   = aws_iam_role.ecr_pusher.id
  policy = file("${path.module}/../iam/ecr-push-policy.json")
}
