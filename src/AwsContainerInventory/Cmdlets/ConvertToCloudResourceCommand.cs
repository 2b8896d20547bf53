using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>
    /// Renames a record's properties to the connector's Cloud Resource attribute names (UID, REPOSITORY_ARN,
    /// IS_PUBLIC, …): every seed attribute of that type, plus ACCOUNT_ID, in the record's order.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "CloudResource")]
    [OutputType(typeof(PSObject))]
    public sealed class ConvertToCloudResourceCommand : PSCmdlet
    {
        private static readonly IReadOnlyDictionary<string, Type> RecordTypes = typeof(ICloudResourceRecord).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && typeof(ICloudResourceRecord).IsAssignableFrom(t))
            .ToDictionary(t => t.FullName!, t => t, StringComparer.OrdinalIgnoreCase);

        /// <summary>A record from any Get- cmdlet of this module (also after Export-Clixml / Import-Clixml).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject InputObject { get; set; } = null!;

        protected override void ProcessRecord()
        {
            Type? recordType = RecordTypeOf(InputObject);
            if (recordType == null)
            {
                string typeName = InputObject.TypeNames.FirstOrDefault() ?? InputObject.BaseObject.GetType().FullName ?? "?";
                WriteError(new ErrorRecord(
                    new PSArgumentException("ConvertTo-CloudResource takes records of this module (EcrRepository, EcrImage, EcsCluster, EcsService, EcsTask, EcsTaskDefinition, ExposureFinding); got " + typeName + "."),
                    "ConvertToCloudResourceUnsupportedInput", ErrorCategory.InvalidType, InputObject));
                return;
            }

            var output = new PSObject();
            output.TypeNames.Insert(0, "AwsContainerInventory.CloudResource");
            output.TypeNames.Insert(0, "AwsContainerInventory.CloudResource." + recordType.Name);
            foreach (var (property, seed) in SeedProperties(recordType))
            {
                object? value = InputObject.Properties[property.Name]?.Value;
                output.Properties.Add(new PSNoteProperty(seed.Name, PlatformValue(value, property.PropertyType)));
            }
            WriteObject(output);
        }

        /// <summary>
        /// What an asset platform reads the same in every culture: times as ISO 8601 UTC strings ending in Z, enum
        /// values by name (also when read back with Import-Clixml, where an enum is a number with its name as
        /// ToString); everything else as the record has it.
        /// </summary>
        internal static object? PlatformValue(object? value, Type propertyType)
        {
            if (value == null) return null;
            Type type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
            object? bare = value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
            if (type.IsEnum)
            {
                if (bare is Enum named) return named.ToString();
                if (value is PSObject deserialized && !(deserialized.BaseObject is string)) return deserialized.ToString();
                return bare is IConvertible number && !(bare is string) ? Enum.ToObject(type, number.ToInt64(CultureInfo.InvariantCulture)).ToString() : bare;
            }
            if (type == typeof(DateTime) && bare is DateTime time) return IsoUtc(time);
            return bare;
        }

        /// <summary>2026-12-01T18:07:16Z. Record times are UTC; an unspecified kind (an old export) is taken as UTC.</summary>
        internal static string IsoUtc(DateTime time)
        {
            DateTime utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
            return utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
        }

        /// <summary>The record's properties with their seed attribute, in declaration order.</summary>
        internal static IEnumerable<(PropertyInfo Property, SeedAttributeAttribute Seed)> SeedProperties(Type recordType) =>
            recordType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => (Property: p, Seed: p.GetCustomAttribute<SeedAttributeAttribute>()))
                .Where(p => p.Seed != null)
                .OrderBy(p => p.Property.MetadataToken)
                .Select(p => (p.Property, p.Seed!));

        private static Type? RecordTypeOf(PSObject input)
        {
            if (input.BaseObject is ICloudResourceRecord) return input.BaseObject.GetType();
            foreach (string typeName in input.TypeNames)
            {
                string name = typeName.StartsWith("Deserialized.", StringComparison.Ordinal) ? typeName.Substring("Deserialized.".Length) : typeName;
                if (RecordTypes.TryGetValue(name, out Type? type)) return type;
            }
            return null;
        }
    }
}
