using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace AwsContainerInventory.Policy
{
    internal enum PolicyNodeKind { Object, Array, String, Number, True, False, Null }
}
