using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedActors.Generators.Diagnostics;

/// <summary>
/// Every diagnostic TypedActors reports, in one place. Ids: TA1xxx actor design and usage, TA2xxx isolation (shared and
/// static state, message mutability), TA3xxx concurrency hazards. Each id has a page in docs/analyzers/.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string DesignCategory = "TypedActors.Design";
    public const string IsolationCategory = "TypedActors.Isolation";
    private const string HelpLinkBase = "https://github.com/typedactors/typedactors/blob/main/docs/analyzers/";

    public static readonly DiagnosticDescriptor ActorNotPartial = Create(
        "TA1001", "Actor class must be partial",
        "Actor class '{0}' must be declared partial so the source generator can add its dispatch and typed references",
        DesignCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidHandlerSignature = Create(
        "TA1002", "Invalid [Receive] handler signature",
        "[Receive] method '{0}' is invalid: {1}",
        DesignCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateHandler = Create(
        "TA1003", "Duplicate handler for a message type",
        "Actor '{0}' has more than one [Receive] handler for message type '{1}' ('{2}' and '{3}')",
        DesignCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ReceiveOutsideActor = Create(
        "TA1004", "[Receive] outside an actor",
        "[Receive] method '{0}' is declared in '{1}', which does not derive from TypedActors.Actor",
        DesignCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor GenericActor = Create(
        "TA1006", "Generic actors are not supported",
        "Actor class '{0}' is generic; declare a non-generic actor and make its messages carry the varying type",
        DesignCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        "TA1007", "Type containing an actor must be partial",
        "Actor class '{0}' is nested in '{1}', which must be declared partial too",
        DesignCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InaccessibleActor = Create(
        "TA1008", "Actor class must be public or internal",
        "Actor class '{0}' is {1}; typed references to it need an actor that is public or internal, including every type it is nested in",
        DesignCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MessageNotCopyable = Create(
        "TA2005", "Message type cannot be copied",
        "{0} '{1}' cannot be copied: '{2}' {3}",
        IsolationCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MessageNotSerializable = Create(
        "TA2006", "Immutable message type cannot be serialized",
        "{0} '{1}' is passed by reference between local actors, but cannot be serialized for the wire: '{2}' {3}",
        IsolationCategory, DiagnosticSeverity.Warning);

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new[]
    {
        ActorNotPartial, InvalidHandlerSignature, DuplicateHandler, ReceiveOutsideActor, GenericActor,
        ContainingTypeNotPartial, InaccessibleActor, MessageNotCopyable, MessageNotSerializable,
    }.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Create(
        string id, string title, string message, string category, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
