using System;
using System.Collections.Generic;
using System.IO;

namespace AwsContainerInventory.Session
{
    /// <summary>
    /// The few endpoint settings the module reads from the shared config file (AWS_CONFIG_FILE, else
    /// ~/.aws/config), parsed as botocore parses it: sections [default], [profile name] and [services name];
    /// "key = value" or "key: value" with keys in lower case; full-line comments (# or ;); an indented line
    /// continues the value above it, and a value that starts on the next line is a subsection
    /// ("ecr =" then "  endpoint_url = …"). Only the keys in <see cref="ReadKeys"/> are kept, so nothing else
    /// of the file (credentials included) is held. AWSSDK.Core reads profiles too, but does not expose
    /// services sections, so this small reader is the module's own.
    /// </summary>
    internal sealed class SharedConfigFile
    {
        /// <summary>The profile and services-section keys the endpoint chain uses.</summary>
        public static readonly HashSet<string> ReadKeys = new HashSet<string>(StringComparer.Ordinal)
        {
            "endpoint_url", "services", "ignore_configured_endpoint_urls", "use_fips_endpoint", "use_dualstack_endpoint",
        };

        private readonly Dictionary<string, Section> _profiles;
        private readonly Dictionary<string, Section> _services;

        private SharedConfigFile(string path, bool exists, Dictionary<string, Section> profiles, Dictionary<string, Section> services)
        {
            Path = path;
            Exists = exists;
            _profiles = profiles;
            _services = services;
        }

        public string Path { get; }
        public bool Exists { get; }

        /// <summary>The profile whose settings apply: the one given, else AWS_PROFILE, else "default".</summary>
        public static string ProfileName(string? explicitName, Func<string, string?> environment)
        {
            if (!string.IsNullOrEmpty(explicitName)) return explicitName!;
            string? fromEnvironment = environment("AWS_PROFILE");
            return string.IsNullOrWhiteSpace(fromEnvironment) ? "default" : fromEnvironment!.Trim();
        }

        /// <summary>The file AWS_CONFIG_FILE names (a leading ~ is the home folder), else ~/.aws/config.</summary>
        public static string Locate(Func<string, string?> environment)
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            string? configured = environment("AWS_CONFIG_FILE");
            if (string.IsNullOrEmpty(configured)) return System.IO.Path.Combine(home, ".aws", "config");
            if (configured == "~" || configured!.StartsWith("~/", StringComparison.Ordinal) || configured.StartsWith("~\\", StringComparison.Ordinal))
                return System.IO.Path.Combine(home, configured.Substring(Math.Min(2, configured.Length)));
            return configured;
        }

        /// <summary>Reads the file; a missing file has no profiles. An unreadable one throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.</summary>
        public static SharedConfigFile Load(string path)
        {
            if (!File.Exists(path)) return new SharedConfigFile(path, false, new Dictionary<string, Section>(), new Dictionary<string, Section>());
            return Parse(path, File.ReadAllLines(path));
        }

        public static SharedConfigFile Parse(string path, IEnumerable<string> lines)
        {
            var profiles = new Dictionary<string, Section>(StringComparer.Ordinal);
            var services = new Dictionary<string, Section>(StringComparer.Ordinal);
            Section? section = null;
            string? key = null;          // the key whose value an indented line continues
            Section? nested = null;      // the subsection such a key opened ("ecr =")
            foreach (string raw in lines)
            {
                string line = raw.Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
                bool indented = raw.Length > 0 && char.IsWhiteSpace(raw[0]);
                if (indented && key != null && section != null)
                {
                    // A continuation: inside a subsection it is "name = value"; botocore ignores other shapes there.
                    if (nested == null) continue;
                    int equals = line.IndexOf('=');
                    if (equals > 0) nested.Set(line.Substring(0, equals).Trim().ToLowerInvariant(), line.Substring(equals + 1).Trim());
                    continue;
                }
                key = null;
                nested = null;
                int close = line.LastIndexOf(']');
                if (line[0] == '[' && close > 1)
                {
                    // As Python's configparser: the header runs to the last ']'; anything after it is ignored.
                    section = OpenSection(line.Substring(1, close - 1).Trim(), profiles, services);
                    continue;
                }
                int delimiter = line.IndexOfAny(new[] { '=', ':' });
                if (section == null || delimiter <= 0) continue;
                key = line.Substring(0, delimiter).Trim().ToLowerInvariant();
                string value = line.Substring(delimiter + 1).Trim();
                if (value.Length == 0)
                {
                    nested = new Section();
                    section.Nest(key, nested);
                }
                else
                {
                    section.Set(key, value);
                }
            }
            return new SharedConfigFile(path, true, profiles, services);
        }

        /// <summary>The named profile's section ([default] or [profile default] for "default"), or null.</summary>
        public Section? Profile(string name) => _profiles.TryGetValue(name, out Section? section) ? section : null;

        /// <summary>The [services name] section, or null.</summary>
        public Section? Services(string name) => _services.TryGetValue(name, out Section? section) ? section : null;

        private static Section? OpenSection(string header, Dictionary<string, Section> profiles, Dictionary<string, Section> services)
        {
            // As botocore: "default" and "profile <name>" are profiles, "services <name>" a services section;
            // any other section is not read. A later section of the same name replaces the earlier one.
            if (header == "default") return profiles["default"] = new Section();
            string[] parts = header.Split(new[] { ' ', '\t' }, 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2) return null;
            string name = Unquote(parts[1].Trim());
            if (parts[0] == "profile") return profiles[name] = new Section();
            if (parts[0] == "services") return services[name] = new Section();
            return null;
        }

        private static string Unquote(string name) =>
            name.Length >= 2 && (name[0] == '"' || name[0] == '\'') && name[name.Length - 1] == name[0] ? name.Substring(1, name.Length - 2) : name;

        /// <summary>One section's kept values, and its subsections (a services section's "ecr =" block).</summary>
        internal sealed class Section
        {
            private readonly Dictionary<string, string> _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            private readonly Dictionary<string, Section> _nested = new Dictionary<string, Section>(StringComparer.OrdinalIgnoreCase);

            public string? this[string key] => _values.TryGetValue(key, out string? value) ? value : null;

            public Section? Nested(string key) => _nested.TryGetValue(key, out Section? section) ? section : null;

            internal void Set(string key, string value)
            {
                if (ReadKeys.Contains(key)) _values[key] = value;
            }

            internal void Nest(string key, Section section) => _nested[key] = section;
        }
    }
}
