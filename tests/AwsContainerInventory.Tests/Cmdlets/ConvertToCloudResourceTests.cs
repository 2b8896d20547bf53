using System.Globalization;
using System.Management.Automation;
using AwsContainerInventory.Cmdlets;

namespace AwsContainerInventory.Tests.Cmdlets;

public class ConvertToCloudResourceTests
{
    [Fact]
    public void Times_are_ISO_8601_UTC_to_the_second_with_Z_in_every_culture()
    {
        var time = new DateTime(2026, 12, 1, 18, 7, 16, 456, DateTimeKind.Utc);
        CultureInfo culture = CultureInfo.CurrentCulture;
        try
        {
            foreach (string name in new[] { "de-DE", "en-US", "ar-SA", "th-TH" })
            {
                CultureInfo.CurrentCulture = new CultureInfo(name);
                Assert.Equal("2026-12-01T18:07:16Z", ConvertToCloudResourceCommand.PlatformValue(time, typeof(DateTime)));
                Assert.Equal("2026-12-01T18:07:16Z", ConvertToCloudResourceCommand.PlatformValue(new PSObject(time), typeof(DateTime?)));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
        Assert.Equal("2026-12-01T18:07:16Z", ConvertToCloudResourceCommand.PlatformValue(time.ToLocalTime(), typeof(DateTime)));
    }

    [Fact]
    public void Enum_values_are_their_names_live_or_read_back_as_numbers()
    {
        Assert.Equal("High", ConvertToCloudResourceCommand.PlatformValue(ExposureSeverity.High, typeof(ExposureSeverity)));
        Assert.Equal("High", ConvertToCloudResourceCommand.PlatformValue((int)ExposureSeverity.High, typeof(ExposureSeverity)));
        Assert.Equal("InternetReachableTask", ConvertToCloudResourceCommand.PlatformValue(new PSObject(ExposureKind.InternetReachableTask), typeof(ExposureKind)));
    }

    [Fact]
    public void Other_values_are_left_as_they_are()
    {
        Assert.Equal(true, ConvertToCloudResourceCommand.PlatformValue(true, typeof(bool)));
        Assert.Equal(3, ConvertToCloudResourceCommand.PlatformValue(3, typeof(int?)));
        Assert.Null(ConvertToCloudResourceCommand.PlatformValue(null, typeof(DateTime?)));
        var list = ValueList.Of(new[] { "a", "b" });
        Assert.Same(list, ConvertToCloudResourceCommand.PlatformValue(list, typeof(ValueList<string>)));
    }
}
