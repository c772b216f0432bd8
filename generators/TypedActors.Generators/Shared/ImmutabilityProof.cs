using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedActors.Generators.Shared;

/// <summary>
/// The one immutability proof: whether a value of a type can change once built, and why. The generator passes proven
/// types by reference instead of copying them; the analyzers use the same verdicts for TA2001, TA2002 and TA2004. A type
/// is immutable when it is a known immutable value (primitives, enums, <c>string</c>, the framework values listed
/// below), carries <c>[Immutable]</c>, is an immutable collection, tuple or <c>Nullable</c> of immutable types, or is
/// declared in this compilation, sealed (or a value type), with every field readonly (value types: any field) and of an
/// immutable type. Recursive types are a greatest fixed point: assumed immutable until a member proves otherwise.
/// Everything else is mutable: interfaces and abstract or unsealed classes (a derived type may add state), mutable
/// collections and collection interfaces, delegates (they may capture state), <c>object</c>, a
/// <c>CancellationToken</c> (a view of its source, which can be cancelled), and types of other
/// assemblies not listed here, whose private state cannot be inspected. A type parameter is judged where it is closed.
/// One instance per compilation; safe to call from several threads.
/// </summary>
internal sealed class ImmutabilityProof
{
    private const string ImmutableAttribute = "TypedActors.ImmutableAttribute";

    private static readonly HashSet<string> KnownImmutable =
    [
        "System.String", "System.Decimal", "System.DateTime", "System.DateTimeOffset", "System.TimeSpan", "System.DateOnly",
        "System.TimeOnly", "System.Guid", "System.Uri", "System.Version", "System.Type", "System.Half", "System.Int128",
        "System.UInt128", "System.Index", "System.Range", "System.Text.Rune", "System.Numerics.BigInteger",
        "System.Numerics.Complex", "System.Text.RegularExpressions.Regex",
        "TypedActors.ActorRef", "TypedActors.Address",
    ];

    /// <summary>Immutable exactly when their type arguments are.</summary>
    private static readonly HashSet<string> ImmutableWhenArgumentsAre =
    [
        "System.Nullable", "System.ValueTuple", "System.Tuple", "System.Collections.Generic.KeyValuePair",
    ];

    private static readonly HashSet<string> MutableCollections =
    [
        "System.Collections.Generic.List", "System.Collections.Generic.HashSet", "System.Collections.Generic.Dictionary",
        "System.Collections.Generic.LinkedList", "System.Collections.Generic.Queue", "System.Collections.Generic.Stack",
        "System.Collections.Generic.SortedSet", "System.Collections.Generic.SortedDictionary", "System.Collections.Generic.SortedList",
    ];

    private static readonly HashSet<string> CollectionInterfaces =
    [
        "System.Collections.Generic.IEnumerable", "System.Collections.Generic.IReadOnlyCollection", "System.Collections.Generic.IReadOnlyList",
        "System.Collections.Generic.IReadOnlyDictionary", "System.Collections.Generic.IReadOnlySet", "System.Collections.Generic.IList",
        "System.Collections.Generic.ICollection", "System.Collections.Generic.IDictionary", "System.Collections.Generic.ISet",
    ];

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<ITypeSymbol, Verdict> _verdicts = new(SymbolEqualityComparer.Default);

    public ImmutabilityProof(Compilation compilation) => _compilation = compilation;

    /// <summary>The proof's conclusion for one type.</summary>
    /// <param name="Explanation">For a mutable type, why (<c>property 'Id' has a setter</c>); for an immutable one, on what grounds.</param>
    public sealed record Verdict(bool IsImmutable, string Explanation)
    {
        /// <summary><c>immutable: ...</c> or <c>mutable: ...</c>, as the generated files state it.</summary>
        public override string ToString() => (IsImmutable ? "immutable: " : "mutable: ") + Explanation;
    }

    public bool IsImmutable(ITypeSymbol type) => Of(type).IsImmutable;

    /// <summary>Null when values of <paramref name="type"/> cannot change; otherwise why they can.</summary>
    public string? MutabilityReason(ITypeSymbol type) => Of(type) is { IsImmutable: false } verdict ? verdict.Explanation : null;

    public Verdict Of(ITypeSymbol type)
    {
        if (_verdicts.TryGetValue(type, out Verdict? known))
        {
            return known;
        }

        // Every type the root's state can reach, each with its own finding: a verdict already, or the state it depends on.
        var nodes = new Dictionary<ITypeSymbol, Node>(SymbolEqualityComparer.Default);
        var pending = new Stack<ITypeSymbol>();
        pending.Push(type);
        while (pending.Count > 0)
        {
            ITypeSymbol current = pending.Pop();
            if (nodes.ContainsKey(current) || _verdicts.ContainsKey(current))
            {
                continue;
            }

            Node node = Inspect(current);
            nodes.Add(current, node);
            foreach ((string _, ITypeSymbol dependency) in node.State)
            {
                pending.Push(dependency);
            }
        }

        // Greatest fixed point: a type stays immutable until something it holds is shown mutable.
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (Node node in nodes.Values.Where(n => n.Verdict.IsImmutable))
            {
                foreach ((string member, ITypeSymbol dependency) in node.State)
                {
                    Verdict verdict = nodes.TryGetValue(dependency, out Node? inner) ? inner.Verdict : _verdicts[dependency];
                    if (!verdict.IsImmutable)
                    {
                        node.Verdict = new Verdict(false, $"{member} ({Display(dependency)}) {AsMember(dependency)}");
                        changed = true;
                        break;
                    }
                }
            }
        }

        foreach (KeyValuePair<ITypeSymbol, Node> pair in nodes)
        {
            _verdicts.TryAdd(pair.Key, pair.Value.Verdict);
        }

        return _verdicts[type];
    }

    private sealed class Node(Verdict verdict, List<(string Member, ITypeSymbol Type)> state)
    {
        public Verdict Verdict { get; set; } = verdict;

        public List<(string Member, ITypeSymbol Type)> State { get; } = state;
    }

    private Node Inspect(ITypeSymbol type)
    {
        Node Immutable(string why, List<(string, ITypeSymbol)>? state = null) => new(new Verdict(true, why), state ?? []);
        Node Mutable(string why) => new(new Verdict(false, why), []);

        switch (type)
        {
            case ITypeParameterSymbol:
                return Immutable("a type parameter, judged where it is closed");
            case IArrayTypeSymbol:
                return Mutable("an array can be changed in place");
            case IErrorTypeSymbol:
                return Mutable($"'{type.ToDisplayString()}' does not compile");
            case not INamedTypeSymbol:
                return Mutable($"'{type.ToDisplayString()}' is not a plain value");
        }

        var named = (INamedTypeSymbol)type;
        string fullName = FullName(named);
        if (HasImmutableAttribute(named))
        {
            return Immutable("declared [Immutable]");
        }

        if (named.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_UIntPtr || named.TypeKind == TypeKind.Enum
            || KnownImmutable.Contains(fullName))
        {
            return Immutable("a value that never changes");
        }

        if (named.TypeKind == TypeKind.Delegate || named.SpecialType is SpecialType.System_Delegate or SpecialType.System_MulticastDelegate)
        {
            return Mutable("a delegate may capture mutable state");
        }

        if (named.SpecialType == SpecialType.System_Object)
        {
            return Mutable("'object' may hold a mutable value");
        }

        string ns = named.ContainingNamespace?.ToDisplayString() ?? "";
        if (ImmutableWhenArgumentsAre.Contains(fullName) || ns is "System.Collections.Immutable" or "System.Collections.Frozen")
        {
            ITypeSymbol[] arguments = named.IsTupleType ? [.. named.TupleElements.Select(e => e.Type)] : [.. named.TypeArguments];
            return Immutable("an immutable container of immutable types", [.. arguments.Select(a => ("type argument", a))]);
        }

        if (MutableCollections.Contains(fullName))
        {
            return Mutable("a mutable collection");
        }

        if (CollectionInterfaces.Contains(fullName))
        {
            return Mutable("a collection interface, whose implementation may be mutable");
        }

        if (!SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, _compilation.Assembly))
        {
            return Mutable($"'{named.ToDisplayString()}' is declared in another assembly, so its private state cannot be inspected");
        }

        if (named.TypeKind == TypeKind.Interface || named.IsAbstract)
        {
            return Mutable("it is abstract: any derived type may add mutable state");
        }

        if (!named.IsValueType && !named.IsSealed)
        {
            return Mutable("it is not sealed: a derived type may add mutable state");
        }

        var state = new List<(string, ITypeSymbol)>();
        for (INamedTypeSymbol? current = named; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType);
             current = current.BaseType)
        {
            if (!SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, _compilation.Assembly))
            {
                return Mutable($"'{current.ToDisplayString()}' is declared in another assembly, so its private state cannot be inspected");
            }

            foreach (IFieldSymbol field in current.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst))
            {
                string name = field.AssociatedSymbol?.Name ?? field.Name;
                if (!field.IsReadOnly && !named.IsValueType)
                {
                    return Mutable(field.AssociatedSymbol is null ? $"field '{name}' is not readonly" : $"property '{name}' has a setter");
                }

                state.Add(($"member '{name}'", field.Type));
            }
        }

        return Immutable(
            named.IsValueType ? "a value type whose members are all of immutable types" : "sealed, every field readonly and of an immutable type",
            state);
    }

    /// <summary>How a mutable type is described as a member of another: <c>member 'Trail' (List&lt;int&gt;) is a mutable collection</c>.</summary>
    private string AsMember(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol)
        {
            return "is a mutable collection";
        }

        if (type is not INamedTypeSymbol named)
        {
            return "is mutable";
        }

        string fullName = FullName(named);
        return MutableCollections.Contains(fullName) ? "is a mutable collection"
            : CollectionInterfaces.Contains(fullName) ? "is a collection interface whose implementation may be mutable"
            : named.TypeKind == TypeKind.Delegate ? "is a delegate, which may capture mutable state"
            : ImmutableWhenArgumentsAre.Contains(fullName) || named.ContainingNamespace?.ToDisplayString() is "System.Collections.Immutable" or "System.Collections.Frozen"
                ? "contains a mutable type"
                : "is mutable";
    }

    private static bool HasImmutableAttribute(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass is { } attribute && FullName(attribute) == ImmutableAttribute);

    private static string Display(ITypeSymbol type) =>
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "");

    /// <summary>Namespace-qualified name without generic arity: <c>System.Collections.Generic.List</c>.</summary>
    private static string FullName(INamedTypeSymbol type)
    {
        string name = type.Name;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.Name + "." + name;
        }

        return type.ContainingNamespace is null || type.ContainingNamespace.IsGlobalNamespace ? name : type.ContainingNamespace.ToDisplayString() + "." + name;
    }
}
