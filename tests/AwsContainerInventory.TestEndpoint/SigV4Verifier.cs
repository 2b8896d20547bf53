using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>Who signed a request that passed verification.</summary>
internal sealed record CallerIdentity(
    string AccessKeyId,
    string AccountId,
    string Arn,
    string UserId,
    bool IsTemporary,
    string Region,
    string SigningService);

/// <summary>The ways authentication fails; each maps to a protocol-specific AWS error.</summary>
internal enum AuthFailure
{
    MissingAuthentication,
    IncompleteSignature,
    UnrecognizedClient,
    InvalidSignature,
    ExpiredToken,

    /// <summary>x-amz-date more than 15 minutes off; a bad signature everywhere but EC2.</summary>
    ClockSkew,
}

internal sealed class AuthenticationException(AuthFailure failure, string message) : Exception(message)
{
    public AuthFailure Failure { get; } = failure;

    /// <summary>A call to an opt-in region the caller's account has not enabled: AWS knows none of its credentials there.</summary>
    public static AuthenticationException RegionNotEnabled() =>
        new(AuthFailure.UnrecognizedClient, "The security token included in the request is invalid.");

    public AwsServiceException ToServiceException(AwsService service)
    {
        var (status, code) = service switch
        {
            AwsService.Sts or AwsService.ElasticLoadBalancing => Failure switch
            {
                AuthFailure.MissingAuthentication => (403, "MissingAuthenticationToken"),
                AuthFailure.IncompleteSignature => (400, "IncompleteSignature"),
                AuthFailure.UnrecognizedClient => (403, "InvalidClientTokenId"),
                AuthFailure.ExpiredToken => (403, "ExpiredToken"),
                _ => (403, "SignatureDoesNotMatch"),
            },
            // EC2 has its own codes: AuthFailure for credentials it cannot place, RequestExpired for time.
            AwsService.Ec2 => Failure switch
            {
                AuthFailure.MissingAuthentication => (401, "MissingAuthenticationToken"),
                AuthFailure.IncompleteSignature => (400, "IncompleteSignature"),
                AuthFailure.UnrecognizedClient => (401, "AuthFailure"),
                AuthFailure.ExpiredToken or AuthFailure.ClockSkew => (400, "RequestExpired"),
                _ => (403, "SignatureDoesNotMatch"),
            },
            _ => Failure switch
            {
                AuthFailure.MissingAuthentication => (403, "MissingAuthenticationTokenException"),
                AuthFailure.IncompleteSignature => (400, "IncompleteSignatureException"),
                AuthFailure.UnrecognizedClient => (403, "UnrecognizedClientException"),
                AuthFailure.ExpiredToken => (400, "ExpiredTokenException"),
                _ => (403, "InvalidSignatureException"),
            },
        };
        var message = service == AwsService.Ec2 && Failure == AuthFailure.UnrecognizedClient
            ? "AWS was not able to validate the provided access credentials"
            : Message;
        return new AwsServiceException(status, code, message);
    }
}

/// <summary>The Authorization header of a request, read: its credential scope, signed headers and signature.</summary>
internal sealed record ParsedAuthorization(
    string AccessKeyId,
    string Date,
    string Region,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature);

/// <summary>
/// The parts of an HTTP request that AWS Signature Version 4 covers; <paramref name="Authorization"/>: its Authorization
/// header as <see cref="SigV4Verifier.PeekAuthorization"/> already read it (null: read it here).
/// </summary>
internal sealed record SignedRequest(
    string Method,
    string RawPath,
    string RawQuery,
    IHeaderDictionary Headers,
    ReadOnlyMemory<byte> Body,
    ParsedAuthorization? Authorization = null);

/// <summary>
/// Strict AWS Signature Version 4 verification (header-based, <c>AWS4-HMAC-SHA256</c>), written from the
/// AWS specification: canonical request → string to sign → derived signing key → HMAC-SHA256.
/// </summary>
internal sealed class SigV4Verifier(Estate estate)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(15);

    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    private readonly Estate _estate = estate;

    /// <summary>
    /// The Authorization header read, without verifying anything (its scope's service and region route the call and
    /// name it in the stats), or null when it is missing or malformed; read once a request, and handed to
    /// <see cref="Verify"/> with the <see cref="SignedRequest"/>.
    /// </summary>
    public static ParsedAuthorization? PeekAuthorization(IHeaderDictionary headers)
    {
        try
        {
            return ParseAuthorization(headers.Authorization.ToString());
        }
        catch (AuthenticationException)
        {
            return null;
        }
    }

    /// <summary>Verifies <paramref name="request"/> as a request to <paramref name="expectedService"/>.</summary>
    /// <exception cref="AuthenticationException">The request is not correctly signed by a known principal.</exception>
    public CallerIdentity Verify(SignedRequest request, string expectedService, DateTimeOffset now)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            throw new AuthenticationException(AuthFailure.MissingAuthentication, "Missing Authentication Token");
        }

        // Read again only when it could not be read before: then this throws, saying why.
        var auth = request.Authorization ?? ParseAuthorization(header);
        var caller = ResolveCaller(auth, request.Headers, now);

        if (!auth.SignedHeaders.Contains("host"))
        {
            throw Incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!auth.SignedHeaders.Contains("x-amz-date"))
        {
            throw Incomplete("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var amzDate = request.Headers["x-amz-date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, AmzDateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            throw Incomplete($"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        if (auth.Date != amzDate[..8])
        {
            throw Invalid($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{auth.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }
        if (auth.Service != expectedService)
        {
            throw Invalid($"Credential should be scoped to correct service: '{expectedService}'. ");
        }
        CheckClockSkew(signedAt, amzDate, now);

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(request.Body.Span, hash);
        var payloadHash = Convert.ToHexStringLower(hash);
        var claimedHash = request.Headers["x-amz-content-sha256"].ToString();
        if (claimedHash.Length > 0 && !string.Equals(claimedHash, payloadHash, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        // The canonical request and the string to sign are written to one reused builder and hashed from pooled bytes:
        // the endpoint shares the benchmark's two cores with the module it measures. Their strings are made only for a mismatch.
        var builder = ThreadBuilder();
        AppendCanonicalRequest(builder, request, auth.SignedHeaders, payloadHash);
        HashUtf8(builder, hash);
        builder.Clear();
        AppendStringToSign(builder, amzDate, auth, hash);
        Span<byte> expected = stackalloc byte[32];
        HashUtf8(builder, expected, SigningKey(caller.Secret, auth.Date, auth.Region, auth.Service));

        Span<byte> claimed = stackalloc byte[32];
        Convert.FromHexString(auth.Signature, claimed, out _, out _);
        if (!CryptographicOperations.FixedTimeEquals(expected, claimed))
        {
            var canonicalRequest = CanonicalRequest(request, auth.SignedHeaders, payloadHash);
            SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest), hash);
            var stringToSign = AppendStringToSign(new StringBuilder(), amzDate, auth, hash).ToString();
            throw Invalid(
                "The request signature we calculated does not match the signature you provided. " +
                "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n" +
                $"The Canonical String for this request should have been\n'{canonicalRequest}'\n\n" +
                $"The String-to-Sign should have been\n'{stringToSign}'\n");
        }

        return caller.Identity;
    }

    /// <summary>The signing key derived for date/region/service.</summary>
    private static byte[] SigningKey(string secretAccessKey, string date, string region, string service)
    {
        // The derived key depends on nothing else, so it is kept (thousands of calls a second in the benchmark).
        var cacheKey = (secretAccessKey, date, region, service);
        if (!SigningKeys.TryGetValue(cacheKey, out var key))
        {
            key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
            foreach (var part in new[] { date, region, service, "aws4_request" })
            {
                key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
            }
            // Room for an organization's 500 accounts x 17 regions x its services (at 8,192 it was cleared over and over);
            // counted apart, since ConcurrentDictionary.Count takes every one of its locks.
            if (Interlocked.Increment(ref _signingKeyCount) > 65536)
            {
                SigningKeys.Clear();
                Interlocked.Exchange(ref _signingKeyCount, 0);
            }
            SigningKeys[cacheKey] = key;
        }
        return key;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, string, string), byte[]> SigningKeys = new();
    private static int _signingKeyCount;

    [ThreadStatic] private static StringBuilder? _threadBuilder;

    private static StringBuilder ThreadBuilder() => (_threadBuilder ??= new StringBuilder(2048)).Clear();

    /// <summary>The SigV4 canonical request (double URI-encoded path, as for every service but S3).</summary>
    public static string CanonicalRequest(SignedRequest request, IReadOnlyList<string> signedHeaders, string payloadHash) =>
        AppendCanonicalRequest(new StringBuilder(), request, signedHeaders, payloadHash).ToString();

    private static StringBuilder AppendCanonicalRequest(StringBuilder builder, SignedRequest request, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        builder.Append(request.Method).Append('\n');
        if (request.RawPath.Length == 0) builder.Append('/');
        else AppendUriEncoded(builder, request.RawPath, keepSlash: true);
        builder.Append('\n');
        builder.Append(CanonicalQuery(request.RawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            builder.Append(name).Append(':');
            var values = request.Headers[name];
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0) builder.Append(',');
                AppendCanonicalHeaderValue(builder, values[i] ?? "");
            }
            builder.Append('\n');
        }
        builder.Append('\n');
        for (var i = 0; i < signedHeaders.Count; i++)
        {
            if (i > 0) builder.Append(';');
            builder.Append(signedHeaders[i]);
        }
        return builder.Append('\n').Append(payloadHash);
    }

    private static StringBuilder AppendStringToSign(StringBuilder builder, string amzDate, ParsedAuthorization auth, ReadOnlySpan<byte> canonicalHash)
    {
        builder.Append(Algorithm).Append('\n').Append(amzDate).Append('\n')
            .Append(auth.Date).Append('/').Append(auth.Region).Append('/').Append(auth.Service).Append("/aws4_request\n");
        Span<char> hex = stackalloc char[64];
        Convert.TryToHexStringLower(canonicalHash, hex, out _);
        return builder.Append(hex);
    }

    /// <summary>SHA-256 of the builder's text in UTF-8 (HMAC-SHA256 with <paramref name="hmacKey"/>), through pooled buffers.</summary>
    private static void HashUtf8(StringBuilder text, Span<byte> destination, byte[]? hmacKey = null)
    {
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length);
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            text.CopyTo(0, chars, 0, text.Length);
            var utf8 = bytes.AsSpan(0, Encoding.UTF8.GetBytes(chars, 0, text.Length, bytes, 0));
            if (hmacKey == null) SHA256.HashData(utf8, destination);
            else HMACSHA256.HashData(hmacKey, utf8, destination);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }
    }

    private sealed record ResolvedCaller(CallerIdentity Identity, string Secret);

    /// <summary>
    /// <c>AWS4-HMAC-SHA256 Credential=AKID/20240115/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature=hex</c>
    /// </summary>
    private static ParsedAuthorization ParseAuthorization(string header)
    {
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw Incomplete($"Authorization header requires the '{Algorithm}' algorithm. Authorization={header}");
        }

        // Exactly the three parameters, each once, comma-separated (spaces around them allowed).
        var parameters = new string?[ParameterNames.Length];
        var components = header.AsSpan(Algorithm.Length + 1);
        foreach (var range in components.Split(','))
        {
            var component = components[range].Trim();
            var eq = component.IndexOf('=');
            var which = eq <= 0 ? -1 : ParameterIndex(component[..eq]);
            if (which < 0 || parameters[which] != null)
            {
                throw Incomplete($"Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization={header}");
            }
            parameters[which] = component[(eq + 1)..].ToString();
        }
        if (parameters is not [{ } credential, { } signedHeaders, { } signature])
        {
            throw Incomplete($"Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization={header}");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || Array.Exists(scope, string.IsNullOrEmpty) || scope[4] != "aws4_request"
            || scope[1].Length != 8 || scope[1].AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            throw Incomplete($"Credential should be scoped to a valid region, not '{credential}'. Credential must have the form <AccessKeyId>/<YYYYMMDD>/<region>/<service>/aws4_request.");
        }

        var headerNames = signedHeaders.Split(';');
        foreach (var name in headerNames)
        {
            if (name.Length == 0 || HasUpperCase(name))
            {
                throw Incomplete($"SignedHeaders must be a ';'-separated list of lowercase header names. SignedHeaders={signedHeaders}");
            }
        }
        if (signature.Length != 64 || signature.AsSpan().ContainsAnyExcept(HexLower))
        {
            throw Incomplete($"Signature must be 64 lowercase hex characters. Signature={signature}");
        }

        // Signers send them sorted; a list that is not is sorted here.
        if (!IsSorted(headerNames)) Array.Sort(headerNames, StringComparer.Ordinal);
        return new ParsedAuthorization(scope[0], scope[1], scope[2], scope[3], headerNames, signature);
    }

    private static readonly string[] ParameterNames = { "Credential", "SignedHeaders", "Signature" };

    private static int ParameterIndex(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < ParameterNames.Length; i++)
        {
            if (name.SequenceEqual(ParameterNames[i])) return i;
        }
        return -1;
    }

    private static bool HasUpperCase(string name)
    {
        foreach (var c in name)
        {
            if (char.ToLowerInvariant(c) != c) return true;
        }
        return false;
    }

    private static bool IsSorted(string[] names)
    {
        for (var i = 1; i < names.Length; i++)
        {
            if (string.CompareOrdinal(names[i - 1], names[i]) > 0) return false;
        }
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> HexLower = System.Buffers.SearchValues.Create("0123456789abcdef");

    private ResolvedCaller ResolveCaller(ParsedAuthorization auth, IHeaderDictionary headers, DateTimeOffset now)
    {
        var securityToken = headers["x-amz-security-token"].ToString();

        if (_estate.FindBaseCredential(auth.AccessKeyId) is { } baseCredential)
        {
            if (securityToken.Length > 0)
            {
                throw Unrecognized();
            }
            var identity = new CallerIdentity(baseCredential.AccessKeyId, baseCredential.AccountId,
                $"arn:aws:iam::{baseCredential.AccountId}:user/inventory-tests",
                "AIDA" + baseCredential.AccessKeyId.PadRight(17, 'X')[..17].ToUpperInvariant(),
                IsTemporary: false, auth.Region, auth.Service);
            return new ResolvedCaller(identity, baseCredential.SecretAccessKey);
        }

        if (_estate.FindTemporaryCredential(auth.AccessKeyId) is { } temporary)
        {
            if (securityToken.Length == 0 || securityToken != temporary.SessionToken)
            {
                throw Unrecognized();
            }
            if (temporary.Expiration <= now)
            {
                throw new AuthenticationException(AuthFailure.ExpiredToken, "The security token included in the request is expired");
            }
            var identity = new CallerIdentity(temporary.AccessKeyId, temporary.AccountId, temporary.AssumedRoleArn,
                temporary.AssumedRoleId, IsTemporary: true, auth.Region, auth.Service);
            return new ResolvedCaller(identity, temporary.SecretAccessKey);
        }

        throw Unrecognized();
    }

    private static void CheckClockSkew(DateTimeOffset signedAt, string amzDate, DateTimeOffset now)
    {
        static string Format(DateTimeOffset t) => t.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);

        if (signedAt < now - AllowedClockSkew)
        {
            throw new AuthenticationException(AuthFailure.ClockSkew, $"Signature expired: {amzDate} is now earlier than {Format(now - AllowedClockSkew)} ({Format(now)} - 15 min.)");
        }
        if (signedAt > now + AllowedClockSkew)
        {
            throw new AuthenticationException(AuthFailure.ClockSkew, $"Signature not yet current: {amzDate} is still later than {Format(now + AllowedClockSkew)} ({Format(now)} + 15 min.)");
        }
    }

    private static string CanonicalQuery(string rawQuery)
    {
        var query = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        if (query.Length == 0)
        {
            return "";
        }

        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var eq = pair.IndexOf('=');
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : pair[(eq + 1)..];
            return (Name: UriEncode(FormDecode(name), keepSlash: false),
                    Value: UriEncode(FormDecode(value), keepSlash: false));
        });
        return string.Join('&', pairs
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    /// <summary>Query components are decoded as AWS does: %XX escapes, and '+' as a space.</summary>
    private static string FormDecode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));

    /// <summary>Trims and collapses runs of spaces, per the canonical header rules.</summary>
    private static void AppendCanonicalHeaderValue(StringBuilder builder, string value)
    {
        // Trimmed, a run of spaces can only be inside the value: each run becomes one space.
        var trimmed = value.AsSpan().Trim();
        while (trimmed.Length > 0)
        {
            var space = trimmed.IndexOf(' ');
            if (space < 0)
            {
                builder.Append(trimmed);
                return;
            }
            builder.Append(trimmed[..space]).Append(' ');
            trimmed = trimmed[(space + 1)..].TrimStart(' ');
        }
    }

    private static string UriEncode(string value, bool keepSlash) => AppendUriEncoded(new StringBuilder(value.Length), value, keepSlash).ToString();

    /// <summary>RFC 3986 encoding: unreserved characters stay, everything else becomes %XX of its UTF-8 bytes.</summary>
    private static StringBuilder AppendUriEncoded(StringBuilder builder, string value, bool keepSlash)
    {
        if (!value.AsSpan().ContainsAnyExcept(keepSlash ? UnreservedOrSlash : Unreserved))
        {
            return builder.Append(value);
        }
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }
        return builder;
    }

    private const string HexUpper = "0123456789ABCDEF";
    private const string UnreservedCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
    private static readonly System.Buffers.SearchValues<char> Unreserved = System.Buffers.SearchValues.Create(UnreservedCharacters);
    private static readonly System.Buffers.SearchValues<char> UnreservedOrSlash = System.Buffers.SearchValues.Create(UnreservedCharacters + "/");

    private static AuthenticationException Incomplete(string message) => new(AuthFailure.IncompleteSignature, message);

    private static AuthenticationException Invalid(string message) => new(AuthFailure.InvalidSignature, message);

    private static AuthenticationException Unrecognized() =>
        new(AuthFailure.UnrecognizedClient, "The security token included in the request is invalid.");
}
