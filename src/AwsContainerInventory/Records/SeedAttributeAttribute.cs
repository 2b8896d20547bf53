using System;

namespace AwsContainerInventory
{
    /// <summary>
    /// Marks a record property with the connector attribute it carries (the seed's UPPER_SNAKE name) and the
    /// API field it comes from, so each record can be checked line by line against the seed tables and
    /// ConvertTo-CloudResource can rename properties without a second table.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
    public sealed class SeedAttributeAttribute : Attribute
    {
        public SeedAttributeAttribute(string name, string source)
        {
            Name = name;
            Source = source;
        }

        /// <summary>The Cloud Resource attribute name, such as REPOSITORY_ARN.</summary>
        public string Name { get; }

        /// <summary>Where the value comes from, in the seed's words.</summary>
        public string Source { get; }
    }
}
