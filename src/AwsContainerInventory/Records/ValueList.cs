using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace AwsContainerInventory
{
    /// <summary>
    /// A read-only list of values (subnet ids, images, …). ToString joins them with ';' so Export-Csv and
    /// string interpolation show the values, not a type name.
    /// </summary>
    public sealed class ValueList<T> : ReadOnlyCollection<T>
    {
        public ValueList(IEnumerable<T> values) : base(values.ToList()) { }

        public override string ToString() => string.Join(";", this.Select(v => v?.ToString()));
    }

    /// <summary>Factory shortcuts so record mapping reads naturally.</summary>
    internal static class ValueList
    {
        public static ValueList<string> Of(IEnumerable<string> values) => new ValueList<string>(values);

        /// <summary>Null when the API did not return the member at all; an empty list when it returned [].</summary>
        public static ValueList<string>? OfOrNull(IEnumerable<string>? values) => values == null ? null : new ValueList<string>(values);
    }
}
