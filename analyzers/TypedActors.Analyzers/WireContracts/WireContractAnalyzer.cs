using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Messages;
using TypedActors.Generators.Messages.Graph;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.WireContracts;

/// <summary>
/// TA4008 and TA4009: checks what the compilation puts on the wire and in the journal (<see cref="WireContractModel"/>)
/// against the project's wire contract files (<see cref="WireContract"/>). A project without either file is not checked.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WireContractAnalyzer : ActorAnalyzer
{
    /// <summary>The property of a TA4009 diagnostic holding the contract lines to add, one per line.</summary>
    public const string LinesProperty = "WireContractLines";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.WireContractBroken, DiagnosticDescriptors.WireContractMissing);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols)
    {
        // A file listed twice (by the package's build file and by hand) is read once.
        var files = new List<WireContractFile>();
        var shippedFiles = new Dictionary<AdditionalText, WireContractFile>();
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (AdditionalText file in context.Options.AdditionalFiles)
        {
            if (WireContractFile.IsContractFile(file.Path, out bool isShipped)
                && paths.Add(file.Path)
                && file.GetText(context.CancellationToken) is { } text)
            {
                WireContractFile read = WireContractFile.Read(file.Path, isShipped, text);
                files.Add(read);
                if (isShipped)
                {
                    shippedFiles.Add(file, read);
                }
            }
        }

        if (files.Count == 0)
        {
            return; // the project keeps no wire contract
        }

        // The model is built once, by the first action that needs it, from every type of the compilation; each
        // diagnostic is then reported by the action of the type or file it is about, so that all of them are local
        // (seen by the editor as the code is typed, and fixable).
        Compilation compilation = context.Compilation;
        var contract = new WireContract(files);
        var model = new Lazy<Dictionary<ISymbol, WireType[]>>(
            () => Build(compilation, context.CancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
        context.RegisterSymbolAction(
            symbolContext =>
            {
                if (model.Value.TryGetValue(symbolContext.Symbol, out WireType[]? types))
                {
                    foreach (Diagnostic diagnostic in types.SelectMany(contract.CheckType))
                    {
                        symbolContext.ReportDiagnostic(diagnostic);
                    }
                }
            },
            SymbolKind.NamedType);
        context.RegisterAdditionalFileAction(fileContext =>
        {
            if (shippedFiles.TryGetValue(fileContext.AdditionalFile, out WireContractFile? shipped))
            {
                var present = new HashSet<string>(model.Value.Values.SelectMany(t => t).Select(t => t.WireName), StringComparer.Ordinal);
                foreach (Diagnostic diagnostic in WireContract.RemovedTypes(shipped, present))
                {
                    fileContext.ReportDiagnostic(diagnostic);
                }
            }
        });
    }

    /// <summary>
    /// The wire types declared in this compilation's source, by the symbol whose action reports them: a generic type's
    /// definition holds each of its constructed types that crosses the wire (<c>Box&lt;int&gt;</c>, <c>Box&lt;string&gt;</c>).
    /// </summary>
    private static Dictionary<ISymbol, WireType[]> Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var roots = new List<ITypeSymbol>();
        var persistent = new List<INamedTypeSymbol>();
        foreach (INamedTypeSymbol type in SourceTypes.Of(compilation))
        {
            CollectRoots(type, roots, persistent);
        }

        return WireContractModel.Build(compilation, roots.Distinct(SymbolEqualityComparer.Default).Cast<ITypeSymbol>(), persistent, cancellationToken)
            .Where(t => t.Symbol.Locations.Any(l => l.IsInSource))
            .GroupBy(t => t.Symbol.OriginalDefinition, SymbolEqualityComparer.Default)
            .ToDictionary(g => g.Key!, g => g.ToArray(), SymbolEqualityComparer.Default);
    }

    /// <summary>The wire roots a type declares: its handlers' message and reply types, its events, or itself.</summary>
    private static void CollectRoots(INamedTypeSymbol type, List<ITypeSymbol> roots, List<INamedTypeSymbol> persistent)
    {
        if (ActorSymbols.IsTypedActorsType(type, "Actor") || HandlerTypesParser.IsOpen(type))
        {
            return;
        }

        if (type.TypeParameters.Length == 0 && type.GetAttributes().Any(a => ActorSymbols.IsTypedActorsType(a.AttributeClass, "ActorMessageAttribute")))
        {
            roots.Add(type);
        }

        if (!ActorSymbols.IsActor(type))
        {
            return;
        }

        foreach (IMethodSymbol handler in type.GetMembers().OfType<IMethodSymbol>().Where(ActorShape.IsHandler))
        {
            foreach ((ITypeSymbol root, _, _) in HandlerTypesParser.Roots(handler, null, null).Where(r => !HandlerTypesParser.IsOpen(r.Type)))
            {
                roots.Add(root);
            }
        }

        if (PersistenceShape.IsPersistent(type))
        {
            persistent.Add(type);
            foreach ((_, ITypeSymbol eventType) in PersistenceShape.ValidApplyMethods(type).Where(a => !HandlerTypesParser.IsOpen(a.EventType)))
            {
                roots.Add(eventType);
            }
        }
    }
}
