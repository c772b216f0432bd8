namespace TypedActors.Http.Observer;

/// <summary>A file of the observer page, embedded in this assembly: the page works offline and loads nothing from elsewhere.</summary>
internal sealed record ObserverAsset(string ContentType, byte[] Content);

/// <summary>The page's files, read from the assembly's resources once.</summary>
internal static class ObserverAssets
{
    public static ObserverAsset Page { get; } = Load("index.html", "text/html; charset=utf-8");

    public static ObserverAsset Script { get; } = Load("observer.js", "text/javascript; charset=utf-8");

    public static ObserverAsset Charts { get; } = Load("charts.js", "text/javascript; charset=utf-8");

    public static ObserverAsset Style { get; } = Load("observer.css", "text/css; charset=utf-8");

    private static ObserverAsset Load(string name, string contentType)
    {
        string resource = "TypedActors.Http.Observer.Assets." + name;
        using Stream stream = typeof(ObserverAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The observer's embedded resource '{resource}' is missing from the assembly.");
        using var content = new MemoryStream();
        stream.CopyTo(content);
        return new ObserverAsset(contentType, content.ToArray());
    }
}
