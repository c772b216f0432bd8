using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedActors.Generators.Messages;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Messages.Graph;

/// <summary>
/// Walks a type transitively (members, element types, type arguments, known derived types) into the working
/// <see cref="TypeNode"/> graph. Nothing is reported here: <see cref="TypeGraphProofs"/> decides and
/// <see cref="CopyProblemReporter"/> reports, once the whole graph is known.
/// </summary>
internal sealed class MessageTypeParser
{
    private const string MessagePackObjectAttribute = "MessagePack.MessagePackObjectAttribute";

    private readonly Compilation _compilation;
    private readonly ImmutabilityProof _proof;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ITypeSymbol, ObjectNode> _objects = new(SymbolEqualityComparer.Default);
    private readonly Queue<ObjectNode> _pending = new();

    public MessageTypeParser(Compilation compilation, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _proof = new ImmutabilityProof(compilation);
        _cancellationToken = cancellationToken;
    }

    public IEnumerable<ObjectNode> Objects => _objects.Values;

    /// <summary>Resolves a root type and everything reachable from it.</summary>
    public TypeNode Walk(ITypeSymbol type)
    {
        TypeNode root = Resolve(type);
        while (_pending.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            Fill(_pending.Dequeue());
        }

        return root;
    }

    private TypeNode Resolve(ITypeSymbol type)
    {
        type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        TypeNode node = Classify(type);
        node.IsImmutable = type is not IErrorTypeSymbol && _proof.IsImmutable(type);
        return node;
    }

    private TypeNode Classify(ITypeSymbol type)
    {
        string name = type.ToDisplayString(TypeNames.Identity);
        if (type is IErrorTypeSymbol)
        {
            return new TypeNode(ShapeKind.Unsupported, name, isValueType: false) { Problem = "a type that does not compile" };
        }

        if (TypeClassifier.Forbidden(type) is { } problem)
        {
            return new TypeNode(ShapeKind.Unsupported, name, type.IsValueType) { Problem = problem };
        }

        if (!_compilation.IsSymbolAccessibleWithin(type, _compilation.Assembly))
        {
            return new TypeNode(ShapeKind.Unsupported, name, type.IsValueType)
            {
                Problem = $"'{TypeNames.Display(type)}', which is not accessible to generated code; make it internal or public",
            };
        }

        if (TypeClassifier.IsScalar(type))
        {
            return new TypeNode(ShapeKind.Scalar, name, type.IsValueType);
        }

        if (type is IArrayTypeSymbol array)
        {
            return WithArguments(new TypeNode(ShapeKind.Array, name, isValueType: false)
            {
                FormatterType = $"global::MessagePack.Formatters.ArrayFormatter<{array.ElementType.ToDisplayString(TypeNames.Identity)}>",
            }, array.ElementType);
        }

        var named = (INamedTypeSymbol)type;
        if (named.TypeKind == TypeKind.Enum)
        {
            return new TypeNode(ShapeKind.Enum, name, isValueType: true)
            {
                FormatterType = $"global::MessagePack.Formatters.GenericEnumFormatter<{name}>",
            };
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return WithArguments(new TypeNode(ShapeKind.Nullable, name, isValueType: true)
            {
                FormatterType = $"global::MessagePack.Formatters.NullableFormatter<{named.TypeArguments[0].ToDisplayString(TypeNames.Identity)}>",
                IsRuntimeType = false, // a boxed T? is a boxed T
            }, named.TypeArguments[0]);
        }

        if (TypeClassifier.MetadataName(named) == "TypedActors.Address")
        {
            return new TypeNode(ShapeKind.Address, name, isValueType: true);
        }

        if (TypeClassifier.KnownGeneric(named) is { } known)
        {
            ITypeSymbol[] arguments = named.IsTupleType ? [.. named.TupleElements.Select(e => e.Type)] : [.. named.TypeArguments];
            string argumentList = string.Join(", ", arguments.Select(a => a.ToDisplayString(TypeNames.Identity)));
            var node = new TypeNode(known.Kind, name, named.IsValueType)
            {
                FormatterType = known.Formatter + "<" + argumentList + ">",
                IsRuntimeType = named.TypeKind != TypeKind.Interface,
            };

            // The actor class of an ActorRef<T> is not part of the message: only the address travels.
            return known.Kind == ShapeKind.ActorRef ? node : WithArguments(node, arguments);
        }

        return new TypeNode(ShapeKind.Object, name, named.IsValueType)
        {
            Object = GetOrAdd(named, name),
            IsRuntimeType = !named.IsAbstract && named.TypeKind != TypeKind.Interface,
        };
    }

    private TypeNode WithArguments(TypeNode node, params ITypeSymbol[] arguments)
    {
        foreach (ITypeSymbol argument in arguments)
        {
            node.Arguments.Add(Resolve(argument));
        }

        return node;
    }

    private ObjectNode GetOrAdd(INamedTypeSymbol type, string name)
    {
        if (!_objects.TryGetValue(type, out ObjectNode? node))
        {
            node = new ObjectNode(type, name);
            _objects.Add(type, node);
            _pending.Enqueue(node);
        }

        return node;
    }

    /// <summary>Fills in an object node: its shape, construction plan, state and derived types.</summary>
    private void Fill(ObjectNode node)
    {
        INamedTypeSymbol type = node.Symbol;
        node.Shape = type.TypeKind == TypeKind.Struct ? ObjectShape.Struct
            : type.IsAbstract || type.TypeKind == TypeKind.Interface ? ObjectShape.Abstract
            : ObjectShape.Class;
        node.IsSealed = type.IsValueType || type.IsSealed;
        ImmutabilityProof.Verdict verdict = _proof.Of(type);
        node.IsImmutable = verdict.IsImmutable;
        node.Verdict = verdict.ToString();
        node.UsesMessagePackAttribute = TypeClassifier.HasAttribute(type, MessagePackObjectAttribute);

        if (node.Shape != ObjectShape.Abstract)
        {
            PlanConstruction(node);
        }

        if (!node.IsSealed)
        {
            foreach (INamedTypeSymbol derived in SourceTypes.Of(_compilation).Where(t => DerivesFrom(t, type)))
            {
                if (Resolve(derived) is { Kind: ShapeKind.Object, Object: { } derivedNode })
                {
                    node.Derived.Add(derivedNode);
                }
            }
        }
    }

    /// <summary>Chooses the constructor and the settable members a copy is built from.</summary>
    private void PlanConstruction(ObjectNode node)
    {
        INamedTypeSymbol type = node.Symbol;
        List<ISymbol> readable = ReadableMembers(type);
        IMethodSymbol? constructor = type.InstanceConstructors
            .Where(c => Accessible(c) && !IsCopyConstructor(c, type))
            .Where(c => c.Parameters.All(p => Match(p, readable) is not null))
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        if (constructor is null)
        {
            node.PlanProblem = type.InstanceConstructors.Any(c => Accessible(c) && !IsCopyConstructor(c, type))
                ? "has no accessible constructor whose parameters all match readable members by name and type"
                : "has no accessible constructor";
            return;
        }

        var covered = new HashSet<string>();
        foreach (IParameterSymbol parameter in constructor.Parameters)
        {
            ISymbol member = Match(parameter, readable)!;
            covered.Add(member.Name);
            node.Plan.Add(Member(member, viaConstructor: true));
        }

        foreach (ISymbol member in readable.Where(m => !covered.Contains(m.Name)))
        {
            if (IsSettable(member))
            {
                node.Plan.Add(Member(member, viaConstructor: false));
            }
            else if (IsStoredWithoutInitializer(member, type))
            {
                node.PlanProblem =
                    $"has the get-only member '{member.Name}', which is neither a constructor parameter nor settable, so a copy would lose it";
                return;
            }
        }
    }

    private PlanMember Member(ISymbol member, bool viaConstructor)
    {
        ITypeSymbol type = MemberType(member);
        return new PlanMember(member.Name, WireNames.Of(member), type.ToDisplayString(TypeNames.Declared), Resolve(type), viaConstructor);
    }

    private List<ISymbol> ReadableMembers(INamedTypeSymbol type)
    {
        var members = new List<ISymbol>();
        var names = new HashSet<string>();
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers())
            {
                bool readable = member switch
                {
                    IPropertySymbol p => !p.IsStatic && !p.IsIndexer && p.GetMethod is { } getter && Accessible(getter)
                        && p.ExplicitInterfaceImplementations.IsEmpty && p.Name != "EqualityContract",
                    IFieldSymbol f => !f.IsStatic && !f.IsConst && !f.IsImplicitlyDeclared && Accessible(f),
                    _ => false,
                };
                if (readable && names.Add(member.Name))
                {
                    members.Add(member);
                }
            }
        }

        return members;
    }

    private static ISymbol? Match(IParameterSymbol parameter, List<ISymbol> readable) =>
        readable.FirstOrDefault(m => string.Equals(m.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase)
            && SymbolEqualityComparer.Default.Equals(MemberType(m), parameter.Type));

    private bool IsSettable(ISymbol member) => member switch
    {
        IPropertySymbol p => p.SetMethod is { } setter && Accessible(setter),
        IFieldSymbol f => !f.IsReadOnly,
        _ => false,
    };

    /// <summary>An auto-property or public field whose value the constructor cannot know, so a copy would drop it.</summary>
    private static bool IsStoredWithoutInitializer(ISymbol member, INamedTypeSymbol type)
    {
        if (member.DeclaringSyntaxReferences.IsEmpty)
        {
            return false; // declared in another assembly: get-only properties there are taken as computed
        }

        bool stored = member switch
        {
            IFieldSymbol => true,
            IPropertySymbol p => p.ContainingType.GetMembers().OfType<IFieldSymbol>()
                .Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, p)),
            _ => false,
        };
        bool initialized = member.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).Any(s => s switch
        {
            PropertyDeclarationSyntax property => property.Initializer is not null,
            VariableDeclaratorSyntax variable => variable.Initializer is not null,
            _ => false,
        });
        return stored && !initialized;
    }

    private static ITypeSymbol MemberType(ISymbol member) => member switch
    {
        IPropertySymbol p => p.Type,
        IFieldSymbol f => f.Type,
        _ => throw new System.ArgumentException("Only properties and fields are members.", nameof(member)),
    };

    private bool Accessible(ISymbol symbol) => _compilation.IsSymbolAccessibleWithin(symbol, _compilation.Assembly);

    private static bool IsCopyConstructor(IMethodSymbol constructor, INamedTypeSymbol type) =>
        constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

    private static bool DerivesFrom(INamedTypeSymbol candidate, INamedTypeSymbol type)
    {
        if (candidate.IsAbstract || candidate.TypeKind is not (TypeKind.Class or TypeKind.Struct) || candidate.IsGenericType)
        {
            return false;
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            return candidate.AllInterfaces.Contains(type, SymbolEqualityComparer.Default);
        }

        for (INamedTypeSymbol? current = candidate.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, type))
            {
                return true;
            }
        }

        return false;
    }
}
