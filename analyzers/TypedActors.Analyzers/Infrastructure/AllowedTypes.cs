using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedActors.Analyzers.Infrastructure;

/// <summary>
/// Types that may be shared through statics because they are safe to use from many threads at once: a built-in list
/// plus the ones named in .editorconfig, e.g. <c>typedactors.TA2001.allowed_types = MyApp.Metrics, System.Random</c>
/// (full names without generic arguments). A static member is allowed when its own type or the type declaring it is
/// listed. Everything in <c>System.Collections.Concurrent</c> is allowed.
/// </summary>
internal sealed class AllowedTypes
{
    public const string OptionKey = "typedactors.TA2001.allowed_types";

    private static readonly ImmutableHashSet<string> BuiltIn = ImmutableHashSet.Create(
        "System.Net.Http.HttpClient", "System.TimeProvider", "System.Text.Encoding", "System.StringComparer",
        "System.Threading.Interlocked", "Microsoft.Extensions.Logging.ILogger", "TypedActors.ActorSystem");

    private readonly AnalyzerConfigOptionsProvider _options;
    private readonly ConcurrentDictionary<SyntaxTree, ImmutableHashSet<string>> _byTree = new();

    public AllowedTypes(AnalyzerConfigOptionsProvider options) => _options = options;

    public bool Allows(ISymbol member, ITypeSymbol memberType, SyntaxTree tree)
    {
        ImmutableHashSet<string> allowed = _byTree.GetOrAdd(tree, Read);
        return IsAllowed(memberType, allowed) || IsAllowed(member.ContainingType, allowed);
    }

    private static bool IsAllowed(ITypeSymbol? type, ImmutableHashSet<string> allowed) =>
        type is INamedTypeSymbol named
        && (allowed.Contains(SymbolNames.FullName(named)) || SymbolNames.NamespaceOf(named) == "System.Collections.Concurrent");

    private ImmutableHashSet<string> Read(SyntaxTree tree)
    {
        IEnumerable<string> configured = Split(_options.GetOptions(tree)).Concat(Split(_options.GlobalOptions));
        return BuiltIn.Union(configured);
    }

    private static IEnumerable<string> Split(AnalyzerConfigOptions options) =>
        options.TryGetValue(OptionKey, out string? value)
            ? value.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries)
            : Enumerable.Empty<string>();
}
