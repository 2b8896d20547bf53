namespace AwsContainerInventory.Tests.Mapping;

public class EcrImageReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    // Private ECR images, by tag, digest or both, with namespaces, in every partition and endpoint kind.
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/web", "arn:aws:ecr:us-east-1:123456789012:repository/web")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2", "arn:aws:ecr:us-east-1:123456789012:repository/web")]
    [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app@" + Digest, "arn:aws:ecr:eu-west-1:123456789012:repository/team/app")]
    [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:latest@" + Digest, "arn:aws:ecr:eu-west-1:123456789012:repository/team/app")]
    [InlineData("123456789012.dkr.ecr.ap-southeast-2.amazonaws.com/org/team/my_app.v2-x:Release_2024.01", "arn:aws:ecr:ap-southeast-2:123456789012:repository/org/team/my_app.v2-x")]
    [InlineData("123456789012.DKR.ECR.US-EAST-1.AMAZONAWS.COM/web:1", "arn:aws:ecr:us-east-1:123456789012:repository/web")]
    [InlineData("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web:1", "arn:aws-cn:ecr:cn-north-1:123456789012:repository/web")]
    [InlineData("123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn/base/os", "arn:aws-cn:ecr:cn-northwest-1:123456789012:repository/base/os")]
    [InlineData("123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/web:1", "arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/web")]
    [InlineData("123456789012.dkr.ecr-fips.us-east-2.amazonaws.com/web:1", "arn:aws:ecr:us-east-2:123456789012:repository/web")]
    [InlineData("123456789012.dkr.ecr-fips.us-gov-east-1.amazonaws.com/web@" + Digest, "arn:aws-us-gov:ecr:us-gov-east-1:123456789012:repository/web")]
    [InlineData("123456789012.dkr-ecr.us-west-2.on.aws/web:1", "arn:aws:ecr:us-west-2:123456789012:repository/web")]
    [InlineData("123456789012.dkr-ecr.us-gov-west-1.on.aws/ns/web", "arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/ns/web")]
    // Other registries.
    [InlineData("nginx:latest", null)]
    [InlineData("nginx", null)]
    [InlineData("library/nginx:1.25", null)]
    [InlineData("docker.io/library/nginx:1.25", null)]
    [InlineData("public.ecr.aws/xray/aws-xray-daemon:latest", null)]
    [InlineData("ghcr.io/owner/app:1", null)]
    [InlineData("registry.example.com:5000/team/app:1", null)]
    // Malformed ECR references.
    [InlineData("12345678901.dkr.ecr.us-east-1.amazonaws.com/web:1", null)]         // 11-digit account
    [InlineData("12345678901a.dkr.ecr.us-east-1.amazonaws.com/web:1", null)]        // non-digit account
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com:443/web:1", null)]    // a port
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/Web:1", null)]        // uppercase name
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/team//web", null)]    // empty component
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/web-:1", null)]       // trailing separator
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:", null)]         // empty tag
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/web@sha256:xyz", null)] // bad digest
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/", null)]             // no name
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/w", null)]            // name shorter than 2
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/web\n", null)]        // trailing newline
    [InlineData("123456789012.dkr.ecr.useast1.amazonaws.com/web", null)]            // not a region
    [InlineData("123456789012.dkr.ecr.cn-north-1.amazonaws.com/web", null)]         // China region off a China host
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com.cn/web", null)]       // China host for another region
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example/web", null)]
    [InlineData("https://123456789012.dkr.ecr.us-east-1.amazonaws.com/web", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Resolves_private_ecr_images_only(string? image, string? expectedArn)
    {
        bool resolved = EcrImageReference.TryGetRepositoryArn(image, out string arn);
        Assert.Equal(expectedArn != null, resolved);
        Assert.Equal(expectedArn ?? string.Empty, arn);
    }

    /// <summary>Answers are remembered per reference: asking again (as every task of a service does) answers the same.</summary>
    [Theory]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/remembered:1", "arn:aws:ecr:us-east-1:123456789012:repository/remembered")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/Remembered:1", null)]
    [InlineData("remembered/nginx:1", null)]
    public void A_reference_asked_again_gets_the_same_answer(string image, string? expectedArn)
    {
        for (int ask = 0; ask < 3; ask++)
        {
            bool resolved = EcrImageReference.TryGetRepositoryArn(image, out string arn);
            Assert.Equal(expectedArn != null, resolved);
            Assert.Equal(expectedArn ?? string.Empty, arn);
        }
    }

    [Fact]
    public void Repository_arns_are_distinct_in_first_seen_order()
    {
        var images = new ValueList<string>(new[]
        {
            "nginx:latest",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/api@" + Digest,
        });
        ValueList<string>? arns = EcrImageReference.RepositoryArns(images);
        Assert.Equal(new[] { "arn:aws:ecr:us-east-1:123456789012:repository/api", "arn:aws:ecr:us-east-1:123456789012:repository/web" }, arns!);
        Assert.Equal("arn:aws:ecr:us-east-1:123456789012:repository/api;arn:aws:ecr:us-east-1:123456789012:repository/web", arns!.ToString());
    }

    [Fact]
    public void Repository_arns_are_empty_without_ecr_images_and_null_without_images()
    {
        Assert.Empty(EcrImageReference.RepositoryArns(new ValueList<string>(new[] { "nginx", "public.ecr.aws/a/b" }))!);
        Assert.Null(EcrImageReference.RepositoryArns(null));
    }
}
