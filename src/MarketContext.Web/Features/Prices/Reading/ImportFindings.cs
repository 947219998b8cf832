namespace MarketContext.Web.Features.Prices;

/// <summary>Line-numbered findings of one file: the first <see cref="PriceCsvReader.MaxListedMessages"/> of each kind, and how many there were.</summary>
public sealed class ImportFindings
{
    private readonly List<ImportMessage> _warnings = [];
    private readonly List<ImportMessage> _errors = [];

    public IReadOnlyList<ImportMessage> Warnings => _warnings;
    public IReadOnlyList<ImportMessage> Errors => _errors;
    public int WarningCount { get; private set; }
    public int ErrorCount { get; private set; }

    public void Warn(int line, string message)
    {
        WarningCount++;
        if (_warnings.Count < PriceCsvReader.MaxListedMessages)
        {
            _warnings.Add(new ImportMessage(line, message));
        }
    }

    public void Error(int line, string message)
    {
        ErrorCount++;
        if (_errors.Count < PriceCsvReader.MaxListedMessages)
        {
            _errors.Add(new ImportMessage(line, message));
        }
    }
}
