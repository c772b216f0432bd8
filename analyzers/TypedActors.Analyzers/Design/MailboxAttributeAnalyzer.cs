using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedActors.Analyzers.Infrastructure;
using TypedActors.Generators.Shared;

namespace TypedActors.Analyzers.Design;

/// <summary>
/// TA1012: a <c>[Mailbox]</c> attribute whose capacity or overflow policy the runtime would refuse when spawning the
/// actor (<c>ActorCreationException</c>), or whose values contradict each other. The runtime keeps its own check, which
/// is the only one for capacities given per spawn or in the system's options; this rule moves the class's to the build.
/// The bounds are read from the referenced runtime (<c>MailboxOptions.MaxCapacity</c>, <c>MailboxAttribute.Unbounded</c>)
/// so they have one definition.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MailboxAttributeAnalyzer : ActorAnalyzer
{
    private const string CapacityName = "Capacity";
    private const string OverflowName = "Overflow";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.InvalidMailboxAttribute);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, ActorSymbols symbols)
    {
        if (Bounds.From(context.Compilation) is not { } bounds)
        {
            return;
        }

        RegisterActorSymbolAction(context, symbols, (symbolContext, actor) =>
        {
            foreach (AttributeData attribute in actor.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, bounds.Attribute))
                {
                    Check(symbolContext, actor, attribute, bounds);
                }
            }
        });
    }

    private static void Check(SymbolAnalysisContext context, INamedTypeSymbol actor, AttributeData attribute, Bounds bounds)
    {
        int? capacity = NamedValue(attribute, CapacityName);
        int? overflow = NamedValue(attribute, OverflowName);
        string range = $"1 to {bounds.MaxCapacity.ToString(CultureInfo.InvariantCulture)}";
        string? capacityProblem = capacity switch
        {
            null => null,
            0 => $"Capacity = 0 is not a bound; leave Capacity out to take the system's default (ActorSystemOptions.MailboxCapacity), give a capacity from {range}, or MailboxAttribute.Unbounded for no bound",
            { } value when value == bounds.Unbounded || (value >= 1 && value <= bounds.MaxCapacity) => null,
            { } value => $"Capacity = {value.ToString(CultureInfo.InvariantCulture)} is outside {range}; give a capacity from {range}, MailboxAttribute.Unbounded for no bound, or leave Capacity out to take the system's default",
        };
        if (capacityProblem is not null)
        {
            Report(context, actor, attribute, CapacityName, capacityProblem);
        }

        if (overflow is { } policy && !bounds.OverflowValues.Contains(policy))
        {
            Report(context, actor, attribute, OverflowName,
                $"Overflow = {policy.ToString(CultureInfo.InvariantCulture)} is not a MailboxOverflow; use MailboxOverflow.DropNewest or MailboxOverflow.DropOldest");
        }
        else if (capacity == bounds.Unbounded && overflow is { } set && set != bounds.DefaultOverflow)
        {
            Report(context, actor, attribute, OverflowName,
                $"an unbounded mailbox is never full, so its Overflow policy never applies; give a Capacity from {range}, or remove Overflow");
        }
    }

    private static int? NamedValue(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name) is { Key: not null, Value: { Kind: not TypedConstantKind.Error, Value: int value } }
            ? value
            : null;

    /// <summary>Reported on the named argument at fault, or on the attribute when its syntax is not at hand.</summary>
    private static void Report(SymbolAnalysisContext context, INamedTypeSymbol actor, AttributeData attribute, string argument, string problem)
    {
        Location location = ArgumentLocation(attribute, argument, context.CancellationToken)
            ?? attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation()
            ?? actor.Locations.FirstOrDefault()
            ?? Location.None;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidMailboxAttribute, location, actor.Name, problem));
    }

    private static Location? ArgumentLocation(AttributeData attribute, string argument, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } arguments }
            ? arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == argument)?.GetLocation()
            : null;

    /// <summary>The attribute and the limits the referenced runtime defines.</summary>
    private sealed class Bounds
    {
        private Bounds(INamedTypeSymbol attribute, int unbounded, int maxCapacity, ImmutableArray<int> overflowValues)
        {
            Attribute = attribute;
            Unbounded = unbounded;
            MaxCapacity = maxCapacity;
            OverflowValues = overflowValues;
        }

        public INamedTypeSymbol Attribute { get; }

        public int Unbounded { get; }

        public int MaxCapacity { get; }

        public ImmutableArray<int> OverflowValues { get; }

        /// <summary>The policy an attribute without <c>Overflow</c> has (the enum's zero).</summary>
        public int DefaultOverflow => 0;

        public static Bounds? From(Compilation compilation)
        {
            if (compilation.GetTypeByMetadataName("TypedActors.MailboxAttribute") is not { } attribute
                || compilation.GetTypeByMetadataName("TypedActors.MailboxOptions") is not { } options
                || compilation.GetTypeByMetadataName("TypedActors.MailboxOverflow") is not { } overflow
                || Constant(attribute, "Unbounded") is not { } unbounded
                || Constant(options, "MaxCapacity") is not { } maxCapacity)
            {
                return null;
            }

            ImmutableArray<int> values = overflow.GetMembers().OfType<IFieldSymbol>()
                .Where(f => f.HasConstantValue && f.ConstantValue is int)
                .Select(f => (int)f.ConstantValue!)
                .ToImmutableArray();
            return new Bounds(attribute, unbounded, maxCapacity, values);
        }

        private static int? Constant(INamedTypeSymbol type, string name) =>
            type.GetMembers(name).OfType<IFieldSymbol>().FirstOrDefault() is { HasConstantValue: true, ConstantValue: int value } ? value : null;
    }
}
