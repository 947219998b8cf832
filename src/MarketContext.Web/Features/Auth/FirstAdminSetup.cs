using System.Security.Cryptography;
using System.Text;

namespace MarketContext.Web.Features.Auth;

/// <summary>
/// A new installation has no accounts. Whoever creates the first administrator on the sign-in page must show the
/// one-time setup code this instance prints to its console and log at start (as Jenkins does), so reaching the
/// page first is not enough; <c>users add NAME --role admin</c> on the server needs no code. The code is this
/// instance's own and is useless once any account exists.
/// </summary>
public sealed class FirstAdminSetup(UserStore users, ILogger<FirstAdminSetup> logger) : IHostedService
{
    // No 0/O or 1/I/L: the code is read off a terminal and typed.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>Sixteen characters in groups of four, about 79 bits.</summary>
    public string Code { get; } = string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 4)));

    public bool Matches(string? typed)
    {
        var cleaned = new string((typed ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cleaned), Encoding.ASCII.GetBytes(Code.Replace("-", "", StringComparison.Ordinal)));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await users.CountAsync() == 0)
        {
            logger.LogWarning("No administrator yet. The setup code to create the first one at /Login is {SetupCode} "
                + "(or, on this machine: MarketContext.Web users add NAME --role admin).", Code);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
