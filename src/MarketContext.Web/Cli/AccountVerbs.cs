using System.CommandLine;
using System.Globalization;
using MarketContext.Web.Features.Auth;

namespace MarketContext.Web.Cli;

/// <summary><c>users add|list|set-role|remove|passwd</c> and <c>tokens create|list|revoke</c>. Passwords come on standard input.</summary>
internal static class AccountVerbs
{
    public static Command Users(VerbContext context)
    {
        var users = new Command("users", "Accounts: add, list, change the role or password of, or remove a user; a change ends the user's open sessions at once");
        users.Subcommands.Add(Add(context));
        users.Subcommands.Add(List(context));
        users.Subcommands.Add(SetRole(context));
        users.Subcommands.Add(Remove(context));
        users.Subcommands.Add(Passwd(context));
        return users;
    }

    public static Command Tokens(VerbContext context)
    {
        var tokens = new Command("tokens", "API tokens for scripts (Authorization: Bearer <token>): create, list, revoke");
        tokens.Subcommands.Add(CreateToken(context));
        tokens.Subcommands.Add(ListTokens(context));
        tokens.Subcommands.Add(RevokeToken(context));
        return tokens;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "The user name" };

    private static Option<string> RoleOption(bool required) => new Option<string>("--role")
    {
        Description = "viewer (reads), editor (annotates and imports) or admin (also changes anyone's annotations, reads the audit log)",
        Required = required,
        DefaultValueFactory = _ => Roles.Editor,
    }.AcceptOnlyFromAmong([.. Roles.All]);

    private static Option<bool> PasswordStdinOption() => new("--password-stdin") { Description = "Read the password from standard input (always the case; kept for scripts that say so)" };

    private static Command Add(VerbContext context)
    {
        var name = NameArgument();
        var role = RoleOption(required: false);
        var command = new Command("add", "Add a user; the password is the first line of standard input") { name, role, PasswordStdinOption() };
        command.SetAction(parsed => RunAsync(context, "users add", async users =>
        {
            var user = await users.AddAsync(parsed.GetValue(name)!, ReadPassword(context), parsed.GetValue(role)!, VerbContext.Actor);
            context.Output.WriteLine($"Added {user.Name} ({user.Role}).");
        }));
        return command;
    }

    private static Command List(VerbContext context)
    {
        var command = new Command("list", "One line per user: name, role, created");
        command.SetAction(parsed => RunAsync(context, "users list", async users =>
        {
            foreach (var account in await users.ListAsync())
            {
                context.Output.WriteLine($"{account.Name}\t{account.Role}\t{Day(account.CreatedAt)}");
            }
        }));
        return command;
    }

    private static Command SetRole(VerbContext context)
    {
        var name = NameArgument();
        var role = RoleOption(required: true);
        var command = new Command("set-role", "Change a user's role; their open sessions end and their tokens carry the new role at once") { name, role };
        command.SetAction(parsed => RunAsync(context, "users set-role", async users =>
        {
            await users.SetRoleAsync(parsed.GetValue(name)!, parsed.GetValue(role)!, VerbContext.Actor);
            context.Output.WriteLine($"{parsed.GetValue(name)} is now {parsed.GetValue(role)}; their open sessions have ended.");
        }));
        return command;
    }

    private static Command Remove(VerbContext context)
    {
        var name = NameArgument();
        var command = new Command("remove", "Remove a user and their tokens; their annotations stay, under their name") { name };
        command.SetAction(parsed => RunAsync(context, "users remove", async users =>
        {
            await users.RemoveAsync(parsed.GetValue(name)!, VerbContext.Actor);
            context.Output.WriteLine($"Removed {parsed.GetValue(name)} and their tokens.");
        }));
        return command;
    }

    private static Command Passwd(VerbContext context)
    {
        var name = NameArgument();
        var command = new Command("passwd", "Set a user's password from the first line of standard input; their open sessions end") { name, PasswordStdinOption() };
        command.SetAction(parsed => RunAsync(context, "users passwd", async users =>
        {
            await users.SetPasswordAsync(parsed.GetValue(name)!, ReadPassword(context), VerbContext.Actor);
            context.Output.WriteLine($"Changed the password of {parsed.GetValue(name)}; their open sessions have ended.");
        }));
        return command;
    }

    private static Command CreateToken(VerbContext context)
    {
        var user = new Option<string>("--user") { Description = "Whose token it is", Required = true, HelpName = "name" };
        var days = new Option<int?>("--expires-days") { Description = "Days until it stops working (default: MarketContext:TokenLifetimeDays, 90)", HelpName = "N" };
        var command = new Command("create", "Create an API token; it is printed once, as the last line") { user, days };
        command.SetAction(parsed => RunAsync(context, "tokens create", async users =>
        {
            var owner = await users.FindAsync(parsed.GetValue(user)!) ?? throw new AccountException($"there is no user named \"{parsed.GetValue(user)}\"");
            var token = await users.CreateTokenAsync(owner, parsed.GetValue(days), VerbContext.Actor);
            context.Output.WriteLine($"A token for {owner.Name} ({owner.Role}); keep it secret, it is shown only once:");
            context.Output.WriteLine(token);
        }));
        return command;
    }

    private static Command ListTokens(VerbContext context)
    {
        var user = new Option<string?>("--user") { Description = "Only this user's tokens", HelpName = "name" };
        var command = new Command("list", "One line per token: id, user, created, expires, last used, state") { user };
        command.SetAction(parsed => RunAsync(context, "tokens list", async users =>
        {
            var now = context.Get<TimeProvider>().GetUtcNow().UtcDateTime;
            foreach (var t in await users.ListTokensAsync(parsed.GetValue(user)))
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{t.Id}\t{t.User}\t{Day(t.CreatedAt)}\t{Day(t.ExpiresAt)}\t{(t.LastUsedAt is { } used ? Day(used) : "never used")}\t{t.State(now)}"));
            }
        }));
        return command;
    }

    private static Command RevokeToken(VerbContext context)
    {
        var id = new Argument<long>("id") { Description = "The token's id, as tokens list shows it" };
        var command = new Command("revoke", "Revoke a token: it stops working at once") { id };
        command.SetAction(parsed => RunAsync(context, "tokens revoke", async users =>
        {
            await users.RevokeTokenAsync(parsed.GetValue(id), VerbContext.Actor);
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Revoked token {parsed.GetValue(id)}."));
        }));
        return command;
    }

    // The password comes on standard input so that it never shows in a process list or shell history.
    private static string ReadPassword(VerbContext context) => context.Input.ReadLine() ?? "";

    private static string Day(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<int> RunAsync(VerbContext context, string verb, Func<UserStore, Task> change)
    {
        await context.MigrateAsync();
        try
        {
            await change(context.Get<UserStore>());
            return 0;
        }
        catch (AccountException e)
        {
            context.Error.WriteLine($"{verb}: {e.Message}");
            return CommandLine.Refused;
        }
    }
}
