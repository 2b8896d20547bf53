using System.Reflection;
using System.Text.Json;

namespace AwsContainerInventory.Tests.Records;

/// <summary>Records are get-only, set once in their constructor (as SecretManagement's SecretInformation).</summary>
public class RecordConstructionTests
{
    private static readonly DateTime Captured = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    public static TheoryData<Type> RecordTypes() => new(typeof(ICloudResourceRecord).Assembly.GetTypes()
        .Where(t => t.IsClass && typeof(ICloudResourceRecord).IsAssignableFrom(t)));

    [Theory]
    [MemberData(nameof(RecordTypes))]
    public void A_record_has_no_setter_of_any_visibility(Type record)
    {
        PropertyInfo[] properties = record.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.NotEmpty(properties);
        Assert.Empty(properties.Where(p => p.SetMethod != null).Select(p => p.Name));
    }

    [Theory]
    [MemberData(nameof(RecordTypes))]
    public void A_record_is_built_only_through_its_internal_constructor(Type record)
    {
        Assert.Empty(record.GetConstructors());
        ConstructorInfo constructor = Assert.Single(record.GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic));
        Assert.True(constructor.IsAssembly);
    }

    [Fact]
    public void A_task_with_its_public_addresses_keeps_every_other_value()
    {
        EcsTask task = EcsTaskMapping.FromApi(JsonDocument.Parse("""
            {"taskArn":"arn:aws:ecs:us-east-1:111122223333:task/prod/abc","clusterArn":"arn:aws:ecs:us-east-1:111122223333:cluster/prod",
             "taskDefinitionArn":"arn:aws:ecs:us-east-1:111122223333:task-definition/web:3","lastStatus":"RUNNING","desiredStatus":"RUNNING",
             "launchType":"FARGATE","platformVersion":"1.4.0","group":"service:web","availabilityZone":"us-east-1a","cpu":"256","memory":"512",
             "createdAt":1700000000,"startedAt":1700000010,"stoppedAt":1700000020,
             "containerInstanceArn":"arn:aws:ecs:us-east-1:111122223333:container-instance/prod/ci1","tags":[{"key":"env","value":"prod"}],
             "containers":[{"name":"app","image":"111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1","imageDigest":"sha256:abc"}],
             "attachments":[{"type":"ElasticNetworkInterface","details":[{"name":"networkInterfaceId","value":"eni-1"},
               {"name":"subnetId","value":"subnet-1"},{"name":"privateIPv4Address","value":"10.0.0.9"}]}]}
            """).RootElement.Clone(), "us-east-1", Captured);

        EcsTask withAddresses = task.WithPublicIpAddresses(["54.0.0.1"]);

        Assert.Null(task.PublicIpAddresses);
        Assert.Equal(["54.0.0.1"], withAddresses.PublicIpAddresses!);
        foreach (PropertyInfo property in typeof(EcsTask).GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (property.Name == nameof(EcsTask.PublicIpAddresses)) continue;
            object? before = property.GetValue(task);
            Assert.NotNull(before);
            if (property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) != null) Assert.Equal(before, property.GetValue(withAddresses));
            else Assert.Same(before, property.GetValue(withAddresses));
        }
    }
}
