using System.Text.Json;
using AwsContainerInventory.Cmdlets;

namespace AwsContainerInventory.Tests.Mapping;

/// <summary>DescribeImages ImageDetail (botocore's shape) → EcrImage, the severity counts, and a task's image digests.</summary>
public class EcrImageMappingTests
{
    private static readonly DateTime Captured = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private const string RepositoryArn = "arn:aws:ecr:eu-west-1:123456789012:repository/team/app";
    private const string Digest = "sha256:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Maps_every_member_of_an_enhanced_scan_image()
    {
        var image = Json($$"""
        {"registryId":"123456789012","repositoryName":"team/app","imageDigest":"{{Digest}}","imageTags":["1.4.2","latest"],
         "imageSizeInBytes":5368709120,"imagePushedAt":1700000000.25,"lastRecordedPullTime":1700086400,
         "imageScanStatus":{"status":"ACTIVE","description":"Continuous scan is selected for image."},
         "imageScanFindingsSummary":{"imageScanCompletedAt":1700000300,"vulnerabilitySourceUpdatedAt":1699990000,
           "findingSeverityCounts":{"HIGH":3,"CRITICAL":1,"UNDEFINED":2,"INFORMATIONAL":7,"LOW":4} },
         "imageManifestMediaType":"application/vnd.oci.image.manifest.v1+json","artifactMediaType":"application/vnd.oci.image.config.v1+json"}
        """);

        var record = EcrImageMapping.FromApi(image, RepositoryArn, "eu-west-1", Captured);

        Assert.Equal(RepositoryArn + "@" + Digest, record.Uid);
        Assert.Equal("team/app@" + Digest, record.Name);
        Assert.Equal("AWS", record.CloudProvider);
        Assert.Equal("eu-west-1", record.Region);
        Assert.Equal("123456789012", record.AccountId);
        Assert.Equal("team/app", record.RepositoryName);
        Assert.Equal(RepositoryArn, record.RepositoryArn);
        Assert.Equal("123456789012", record.RegistryId);
        Assert.Equal(Digest, record.ImageDigest);
        Assert.Equal(new[] { "1.4.2", "latest" }, record.ImageTags!);
        Assert.Equal("1.4.2;latest", record.ImageTags!.ToString());
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, 250, DateTimeKind.Utc), record.ImagePushedAt);
        Assert.Equal(DateTimeKind.Utc, record.ImagePushedAt!.Value.Kind);
        Assert.Equal(5368709120L, record.ImageSizeInBytes);
        Assert.Equal(new DateTime(2023, 11, 15, 22, 13, 20, DateTimeKind.Utc), record.LastRecordedPullTime);
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", record.ImageManifestMediaType);
        Assert.Equal("application/vnd.oci.image.config.v1+json", record.ArtifactMediaType);
        Assert.Equal("ACTIVE", record.ScanStatus);
        Assert.Equal("Continuous scan is selected for image.", record.ScanStatusDescription);
        Assert.Equal(new DateTime(2023, 11, 14, 22, 18, 20, DateTimeKind.Utc), record.ImageScanCompletedAt);
        Assert.Equal("CRITICAL=1;HIGH=3;LOW=4;INFORMATIONAL=7;UNDEFINED=2", record.FindingSeverityCounts!.ToString());
        Assert.Equal(3, record.FindingSeverityCounts["high"]);
        Assert.Equal(1, record.CriticalFindings);
        Assert.Equal(3, record.HighFindings);
        Assert.Equal(0, record.MediumFindings);   // scanned, none found
        Assert.Equal(4, record.LowFindings);
        Assert.Null(record.InUse);
        Assert.Equal(Captured, record.LastCaptured);
        Assert.Equal(record.Uid, record.ToString());
    }

    [Fact]
    public void An_unscanned_untagged_image_has_nulls_and_a_scan_without_findings_has_zeros()
    {
        var bare = EcrImageMapping.FromApi(Json($$"""{"repositoryName":"r1","imageDigest":"{{Digest}}"}"""), "arn:aws:ecr:us-east-1:111111111111:repository/r1", "us-east-1", Captured, inUse: true);
        Assert.Null(bare.ImageTags);
        Assert.Null(bare.ImagePushedAt);
        Assert.Null(bare.ImageSizeInBytes);
        Assert.Null(bare.LastRecordedPullTime);
        Assert.Null(bare.ScanStatus);
        Assert.Null(bare.ScanStatusDescription);
        Assert.Null(bare.FindingSeverityCounts);
        Assert.Null(bare.CriticalFindings);
        Assert.Null(bare.HighFindings);
        Assert.Null(bare.RegistryId);
        Assert.Equal("111111111111", bare.AccountId);   // from the repository ARN
        Assert.True(bare.InUse);

        var clean = EcrImageMapping.FromApi(Json($$"""{"repositoryName":"r1","imageDigest":"{{Digest}}","imageTags":[],"imageScanFindingsSummary":{"imageScanCompletedAt":1700000300} }"""),
            "arn:aws:ecr:us-east-1:111111111111:repository/r1", "us-east-1", Captured);
        Assert.Empty(clean.ImageTags!);
        Assert.Empty(clean.FindingSeverityCounts!);
        Assert.Equal(string.Empty, clean.FindingSeverityCounts!.ToString());
        Assert.Equal(0, clean.CriticalFindings);
        Assert.Equal(0, clean.LowFindings);
    }

    [Fact]
    public void Convert_to_cloud_resource_names_are_upper_snake_in_record_order()
    {
        var names = ConvertToCloudResourceCommand.SeedProperties(typeof(EcrImage)).Select(p => p.Seed.Name).ToList();

        Assert.Equal(new[]
        {
            "UID", "NAME", "CLOUD_PROVIDER", "REGION", "ACCOUNT_ID", "REPOSITORY_NAME", "REPOSITORY_ARN", "REGISTRY_ID", "IMAGE_DIGEST",
            "IMAGE_TAGS", "IMAGE_PUSHED_AT", "IMAGE_SIZE_IN_BYTES", "LAST_RECORDED_PULL_TIME", "IMAGE_MANIFEST_MEDIA_TYPE", "ARTIFACT_MEDIA_TYPE",
            "SCAN_STATUS", "SCAN_STATUS_DESCRIPTION", "IMAGE_SCAN_COMPLETED_AT", "FINDING_SEVERITY_COUNTS", "CRITICAL_FINDINGS", "HIGH_FINDINGS",
            "MEDIUM_FINDINGS", "LOW_FINDINGS", "IN_USE", "LAST_CAPTURED",
        }, names);
        // Every public property is one of them.
        Assert.Equal(typeof(EcrImage).GetProperties().Length, names.Count);
    }

    [Fact]
    public void A_task_names_each_private_ecr_image_it_runs_by_repository_and_digest_once()
    {
        const string Registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com/";
        string pinned = "sha256:" + new string('b', 64);
        var task = EcsTaskMapping.FromApi(Json($$"""
            {"taskArn":"arn:aws:ecs:us-east-1:123456789012:task/prod/abc","containers":[
              {"name":"app","image":"{{Registry}}web:1.2","imageDigest":"{{Digest}}"},
              {"name":"again","image":"{{Registry}}web:latest","imageDigest":"{{Digest}}"},
              {"name":"pinned","image":"{{Registry}}tools/agent@{{pinned}}"},
              {"name":"pending","image":"{{Registry}}web:1.3"},
              {"name":"hub","image":"nginx:1.27","imageDigest":"sha256:{{new string('c', 64)}}"}]}
            """), "us-east-1", Captured);

        Assert.Equal(new[]
        {
            KeyValuePair.Create("arn:aws:ecr:us-east-1:123456789012:repository/web", Digest),
            KeyValuePair.Create("arn:aws:ecr:us-east-1:123456789012:repository/tools/agent", pinned),
        }, task.EcrImageDigests);
    }

    [Theory]
    [InlineData("sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("SHA256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("sha256:" + "0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    public void Image_digests_are_sha256_and_64_hex_digits(string digest, bool valid)
    {
        var attribute = new ValidateImageDigestAttribute();
        var validate = () => typeof(ValidateImageDigestAttribute).GetMethod("ValidateElement", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .Invoke(attribute, new object[] { digest });
        if (valid) validate();
        else Assert.IsType<System.Management.Automation.ValidationMetadataException>(Assert.Throws<System.Reflection.TargetInvocationException>(validate).InnerException);
    }
}
