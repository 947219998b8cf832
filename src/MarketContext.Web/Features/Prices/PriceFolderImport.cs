namespace MarketContext.Web.Features.Prices;

public sealed record FolderImportResult(string File, ImportReport? Report, PriceFileRejectedException? Rejection);

/// <summary>Imports every <c>SYMBOL.csv</c> in a folder, each file in its own transaction.</summary>
public sealed class PriceFolderImport(PriceImporter importer, PriceQueries queries)
{
    public static IReadOnlyList<string> PriceFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.csv").Where(f => Instruments.IsValidSymbol(SymbolOf(f))).Order(StringComparer.Ordinal)];

    public static string SymbolOf(string path) => Path.GetFileNameWithoutExtension(path).ToUpperInvariant();

    public async Task<IReadOnlyList<FolderImportResult>> ImportAsync(string folder, bool onlyMissing, CancellationToken cancellationToken = default)
    {
        var loaded = (await queries.SeriesAsync(cancellationToken)).Where(s => s.Count > 0).Select(s => s.Symbol).ToHashSet();
        var results = new List<FolderImportResult>();
        foreach (var path in PriceFiles(folder).Where(f => !onlyMissing || !loaded.Contains(SymbolOf(f))))
        {
            results.Add(await ImportFileAsync(path, SymbolOf(path), cancellationToken: cancellationToken));
        }
        return results;
    }

    public async Task<FolderImportResult> ImportFileAsync(string path, string symbol, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default,
        Reading.ImportOverrides? overrides = null)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            return new FolderImportResult(path, await importer.ImportAsync(symbol, stream, progress, cancellationToken, overrides,
                VintageOrigin.File(path, Auth.AuditLog.CommandLine)), null);
        }
        catch (PriceFileRejectedException rejected)
        {
            return new FolderImportResult(path, null, rejected);
        }
    }
}
