namespace TypedActors.Testing;

/// <summary>
/// The environment of a child `dotnet`: the test host's own, minus the MSBuild settings that `dotnet test` leaves in
/// it (they would point the child at this build's MSBuild and SDK resolution), quiet, and with no MSBuild node left
/// running after the build.
/// </summary>
internal static class ChildEnvironment
{
    public static void Apply(IDictionary<string, string?> target, IReadOnlyDictionary<string, string>? overrides)
    {
        foreach (string name in target.Keys.Where(IsInheritedBuildSetting).ToArray())
        {
            target.Remove(name);
        }

        target["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        target["DOTNET_NOLOGO"] = "1";
        target["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        target["MSBUILDDISABLENODEREUSE"] = "1";
        foreach ((string name, string value) in overrides ?? new Dictionary<string, string>())
        {
            target[name] = value;
        }
    }

    private static bool IsInheritedBuildSetting(string name) => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase);
}
