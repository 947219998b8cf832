using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace MarketContext.Web.Features.Auth;

/// <summary>
/// Password hashes as OWASP advises for PBKDF2: HMAC-SHA256, 600,000 iterations, a 16-byte salt, stored as
/// <c>pbkdf2-sha256$iterations$salt$key</c>. Hashes written by earlier versions (ASP.NET Core Identity's format, or
/// fewer iterations) still verify, and are rewritten at the current strength on the next successful sign-in.
/// </summary>
public static class Passwords
{
    public const int Iterations = 600_000;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16, KeyBytes = 32;

    private static readonly PasswordHasher<User> Legacy = new();

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, KeyBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(key)}");
    }

    /// <summary>Whether the password matches, and whether its stored hash is weaker than <see cref="Hash"/> writes now.</summary>
    public static (bool Matches, bool Rehash) Verify(string stored, string password)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme)
        {
            var legacy = Legacy.VerifyHashedPassword(new User(0, "", Roles.Viewer), stored, password);
            return (legacy != PasswordVerificationResult.Failed, true);
        }
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return (false, false);
        }
        var expected = Convert.FromBase64String(parts[3]);
        var key = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        var matches = CryptographicOperations.FixedTimeEquals(key, expected);
        return (matches, matches && iterations < Iterations);
    }
}
