using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedActors.Generators.Shared;

/// <summary>
/// Every diagnostic TypedActors reports, in one place, in order of id, each with a description of why the rule exists.
/// Ids: TA1xxx actor design and usage, TA2xxx isolation (shared and static state, message mutability), TA3xxx
/// concurrency hazards, TA4xxx persistence; TASxxxx are suppressions of other analyzers' findings that do not apply to
/// actor code. Each rule has a page in docs/analyzers/. The analyzers link this file and report every rule except
/// TA2005, TA2006 and TA4006, which only the message copy generator's type model can see.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string DesignCategory = "TypedActors.Design";
    public const string IsolationCategory = "TypedActors.Isolation";
    public const string ConcurrencyCategory = "TypedActors.Concurrency";
    public const string PersistenceCategory = "TypedActors.Persistence";
    private const string HelpLinkBase = "https://github.com/typedactors/typedactors/blob/main/docs/analyzers/";

    public static readonly DiagnosticDescriptor ActorNotPartial = Create(
        "TA1001", "Actor class must be partial",
        "Actor class '{0}' must be declared partial so the source generator can add its dispatch and typed references",
        DesignCategory, DiagnosticSeverity.Error,
        "The generator adds the dispatch, the typed Self, the factory and the typed references to the actor class as another part of it, which C# allows only for a partial class.");

    public static readonly DiagnosticDescriptor InvalidHandlerSignature = Create(
        "TA1002", "Invalid [Receive] handler signature",
        "[Receive] method '{0}' is invalid: {1}",
        DesignCategory, DiagnosticSeverity.Error,
        "A [Receive] handler is an instance method, not generic, that takes the message by value (optionally followed by a CancellationToken) and returns void, a value, Task, Task<T>, ValueTask or ValueTask<T>; other shapes cannot be called by the generated dispatch.");

    public static readonly DiagnosticDescriptor DuplicateHandler = Create(
        "TA1003", "Duplicate handler for a message type",
        "Actor '{0}' has more than one [Receive] handler for message type '{1}' ('{2}' and '{3}')",
        DesignCategory, DiagnosticSeverity.Error,
        "The generated dispatch routes each message type to one handler; a second handler for the same runtime type could never be called.");

    public static readonly DiagnosticDescriptor ReceiveOutsideActor = Create(
        "TA1004", "[Receive] outside an actor",
        "[Receive] method '{0}' is declared in '{1}', which does not derive from TypedActors.Actor",
        DesignCategory, DiagnosticSeverity.Error,
        "Only a class deriving from TypedActors.Actor has a generated dispatch, so a [Receive] method anywhere else is never called.");

    public static readonly DiagnosticDescriptor ActorCreatedWithNew = Create(
        "TA1005", "Actor created outside Spawn",
        "Actor '{0}' is created with 'new' outside a Spawn factory; create it with Spawn<{0}>() or Spawn(() => new {0}(...)) and use the returned reference",
        DesignCategory, DiagnosticSeverity.Error,
        "An actor created with 'new' has no mailbox, no address and no turn: calling it directly bypasses the one-message-at-a-time guarantee. Spawn creates it and returns its reference.");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        "TA1007", "Type containing an actor must be partial",
        "Actor class '{0}' is nested in '{1}', which must be declared partial too",
        DesignCategory, DiagnosticSeverity.Error,
        "The generator repeats every type the actor is nested in as a partial declaration; that is only possible when each of them is partial.");

    public static readonly DiagnosticDescriptor InaccessibleActor = Create(
        "TA1008", "Actor class must be public or internal",
        "Actor class '{0}' is {1}; typed references to it need an actor that is public or internal, including every type it is nested in",
        DesignCategory, DiagnosticSeverity.Error,
        "The generated typed references are extension methods at namespace level, which cannot name a private or protected type.");

    public static readonly DiagnosticDescriptor UnhandledMessageType = Create(
        "TA1009", "The actor has no handler for the message type",
        "'{0}' has no [Receive] handler for '{1}'; it handles {2}",
        DesignCategory, DiagnosticSeverity.Error,
        "Telling or asking an actor a message type none of its handlers takes would only reach its unhandled-message path at run time; the compiler can see it.");

    public static readonly DiagnosticDescriptor ProbeExpectsUnhandledMessage = Create(
        "TA1010", "A probe is expected to receive a message its actor does not handle",
        "'{0}' has no [Receive] handler for '{1}', so a probe standing for it never receives one; it handles {2}",
        DesignCategory, DiagnosticSeverity.Error,
        "A test probe stands for an actor of the class it is typed with; expecting a message that class cannot receive makes a test that waits for what can never come.");

    public static readonly DiagnosticDescriptor ProbeReplyMismatch = Create(
        "TA1011", "A probe's reply does not match what the actor's handler returns",
        "The handler of '{1}' in '{0}' {2}",
        DesignCategory, DiagnosticSeverity.Error,
        "A probe answers an ask in place of the actor it stands for; a reply the real handler could never give tests a conversation that cannot happen.");

    public static readonly DiagnosticDescriptor InvalidMailboxAttribute = Create(
        "TA1012", "Invalid [Mailbox] attribute",
        "The [Mailbox] attribute of actor '{0}' is invalid: {1}",
        DesignCategory, DiagnosticSeverity.Error,
        "Every actor of the class is spawned with the mailbox its [Mailbox] attribute gives; a capacity or policy the runtime cannot honour would fail every spawn of the class with ActorCreationException.");

    public static readonly DiagnosticDescriptor StaticMutableState = Create(
        "TA2001", "Actor code uses static mutable state",
        "Actor '{0}' uses static state '{1}', which {2}; every actor and thread shares it, so the actor is no longer isolated",
        IsolationCategory, DiagnosticSeverity.Warning,
        "Static mutable state is shared by every actor and thread, so actors that use it are no longer isolated and need locks again.");

    public static readonly DiagnosticDescriptor ActorLeaksState = Create(
        "TA2002", "Actor leaks its state",
        "Actor '{0}' leaks its state: {1}",
        IsolationCategory, DiagnosticSeverity.Warning,
        "A mutable field of the actor returned, sent or stored outside it can be changed outside the actor's turn, concurrently with its handlers.");

    public static readonly DiagnosticDescriptor ActorInstanceEscapes = Create(
        "TA2003", "The actor instance escapes",
        "The actor instance 'this' escapes {0}; its state could then be used outside the actor's turn, so pass Self (its reference) or a copy of the data instead",
        IsolationCategory, DiagnosticSeverity.Warning,
        "Passing 'this' out of the actor lets other code call it outside its turn; its reference (Self) is the way to reach it.");

    public static readonly DiagnosticDescriptor MutableMessage = Create(
        "TA2004", "Message type is mutable",
        "Message type '{0}' is mutable ({1}); make it a record with init-only properties so a message cannot change after it is sent",
        IsolationCategory, DiagnosticSeverity.Info,
        "A message is copied when it is sent; a mutable message type costs a deep copy per send, and an immutable one is passed by reference.");

    public static readonly DiagnosticDescriptor MessageNotCopyable = Create(
        "TA2005", "Message type cannot be copied",
        "{0} '{1}' cannot be copied: '{2}' {3}",
        IsolationCategory, DiagnosticSeverity.Error,
        "Every message is deep-copied when it is sent so that sender and receiver share no state; a type the copier cannot rebuild cannot be a message.");

    public static readonly DiagnosticDescriptor MessageNotSerializable = Create(
        "TA2006", "Immutable message type cannot be serialized",
        "{0} '{1}' is passed by reference between local actors, but cannot be serialized for the wire: '{2}' {3}",
        IsolationCategory, DiagnosticSeverity.Warning,
        "An immutable message is passed by reference between local actors, but it must also be written to the wire to reach an actor in another process.");

    public static readonly DiagnosticDescriptor BlockingCall = Create(
        "TA3001", "Blocking call in actor code",
        "'{0}' blocks the thread running the actor; no other actor on that thread can run, and the actor cannot be stopped while it waits: {1}",
        ConcurrencyCategory, DiagnosticSeverity.Warning,
        "A blocking call holds the thread the actor runs on, so other actors cannot run on it, and the actor cannot be stopped while it waits; await instead.");

    public static readonly DiagnosticDescriptor LockInActor = Create(
        "TA3002", "'lock' in an actor",
        "Actor '{0}' takes a lock: it handles one message at a time, so its own state needs none, and a lock here means state is shared with other threads",
        ConcurrencyCategory, DiagnosticSeverity.Warning,
        "An actor handles one message at a time, so its own state needs no lock; a lock means state is shared with other threads.");

    public static readonly DiagnosticDescriptor AsyncVoid = Create(
        "TA3003", "'async void' in actor code",
        "{0} is 'async void': the actor cannot await it, so its continuations run outside the actor's turn and its exceptions are lost; return Task instead",
        ConcurrencyCategory, DiagnosticSeverity.Warning,
        "The actor cannot await an 'async void' method: its continuations run outside the actor's turn and its exceptions are lost.");

    public static readonly DiagnosticDescriptor ConfigureAwaitFalse = Create(
        "TA3004", "ConfigureAwait(false) in actor code",
        "ConfigureAwait(false) in actor '{0}' resumes the rest of the method off the actor's turn, concurrently with its next message; remove it",
        ConcurrencyCategory, DiagnosticSeverity.Warning,
        "ConfigureAwait(false) resumes the rest of a handler off the actor's turn, concurrently with its next message.");

    public static readonly DiagnosticDescriptor AskSelf = Create(
        "TA3005", "Ask on Self inside the actor",
        "'{0}' asks the actor itself: the request waits behind the message being handled, which waits for the reply, so it can only time out; call the method directly instead",
        ConcurrencyCategory, DiagnosticSeverity.Warning,
        "An ask of the actor itself waits behind the message being handled, which waits for the reply, so it can only time out.");

    public static readonly DiagnosticDescriptor EventWithoutApply = Create(
        "TA4001", "Persisted event type has no [Apply] method",
        "'{0}' persists '{1}' but has no [Apply] method for it, so the event would be stored and never applied; add '[Apply] void Apply({1} e)' that changes the fields it stands for",
        PersistenceCategory, DiagnosticSeverity.Error,
        "An event is stored so that recovery can replay it; without an [Apply] method recovery cannot rebuild the state it stands for.");

    public static readonly DiagnosticDescriptor InvalidApplyMethod = Create(
        "TA4002", "Invalid [Apply] method",
        "[Apply] method '{0}' of '{1}' is invalid: {2}",
        PersistenceCategory, DiagnosticSeverity.Error,
        "Recovery calls each [Apply] method with a stored event on the actor instance, one event at a time, so it must be an instance method taking exactly one event and returning nothing.");

    public static readonly DiagnosticDescriptor ApplyWithEffects = Create(
        "TA4003", "[Apply] method does more than change the actor's fields",
        "[Apply] method '{0}' of '{1}' {2}; it runs again for every stored event whenever the actor recovers, so it may only change the actor's fields: do this in the handler instead",
        PersistenceCategory, DiagnosticSeverity.Error,
        "Recovery replays every stored event through its [Apply] method, so anything but a change of the actor's fields (a send, a spawn, I/O) would happen again on every recovery.");

    public static readonly DiagnosticDescriptor MutableEvent = Create(
        "TA4004", "Event type is not provably immutable",
        "Event type '{0}' of '{1}' is mutable ({2}); a stored event must never change once persisted: make it a sealed record whose members are immutable and init-only",
        PersistenceCategory, DiagnosticSeverity.Error,
        "A stored event is a fact about the past: it is written once and read back by every recovery, so it must not be changeable after it is persisted.");

    public static readonly DiagnosticDescriptor PersistenceOutsidePersistentActor = Create(
        "TA4005", "Persistence outside a [Persistent] actor",
        "'{0}' {1}",
        PersistenceCategory, DiagnosticSeverity.Error,
        "Persist, [Apply] and recovery need a journal and a persistence id, which only an actor marked [Persistent] and spawned with SpawnPersistentAsync has.");

    public static readonly DiagnosticDescriptor PersistedTypeNotStorable = Create(
        "TA4006", "Persisted field or event type cannot be stored",
        "{0} '{1}' cannot be stored: '{2}' {3}; {4}",
        PersistenceCategory, DiagnosticSeverity.Error,
        "Events and snapshots are written in the wire format and read back by later versions of the application; a member the format cannot store would be lost.");

    public static readonly DiagnosticDescriptor PersistNotAwaited = Create(
        "TA4007", "The task of Persist is discarded",
        "'{0}' discards the task Persist returns: the handler goes on before the event is stored and applied, and a failed write goes unnoticed; await it, or return it",
        PersistenceCategory, DiagnosticSeverity.Warning,
        "Persist completes once the event is stored and applied; a handler that drops its task goes on before that, and a failed write goes unnoticed.");

    public static readonly DiagnosticDescriptor WireContractBroken = Create(
        "TA4008", "Change breaks the shipped wire contract",
        "{0} in WireContracts.Shipped.txt: {1}; data and peers written with the shipped contract would no longer read",
        PersistenceCategory, DiagnosticSeverity.Error,
        "Stored events, snapshots and messages between processes of different versions are read with the contract the project shipped; a removed or renamed type, a removed member or a changed member type makes them unreadable. Keep the wire name with [WireName], or keep the old member.");

    public static readonly DiagnosticDescriptor WireContractMissing = Create(
        "TA4009", "Wire type or member is not in the wire contract",
        "{0} is not in the wire contract: add {1} to WireContracts.Unshipped.txt",
        PersistenceCategory, DiagnosticSeverity.Warning,
        "Every type that crosses the wire or the journal is listed, with its members, in WireContracts.Shipped.txt or WireContracts.Unshipped.txt, so that a later change to it can be checked against what shipped.");

    public static readonly DiagnosticDescriptor InvalidWireName = Create(
        "TA4010", "Invalid or duplicate wire name",
        "{0} '{1}' has the wire name '{2}', which {3}",
        PersistenceCategory, DiagnosticSeverity.Error,
        "A wire name identifies a type in stored events and union envelopes, and a member in a serialized map; one that is malformed or shared by two types or two members of a type could not be read back unambiguously.");

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new[]
    {
        ActorNotPartial, InvalidHandlerSignature, DuplicateHandler, ReceiveOutsideActor, ActorCreatedWithNew,
        ContainingTypeNotPartial, InaccessibleActor, UnhandledMessageType, ProbeExpectsUnhandledMessage, ProbeReplyMismatch,
        InvalidMailboxAttribute,
        StaticMutableState, ActorLeaksState,
        ActorInstanceEscapes, MutableMessage, MessageNotCopyable, MessageNotSerializable, BlockingCall, LockInActor,
        AsyncVoid, ConfigureAwaitFalse, AskSelf,
        EventWithoutApply, InvalidApplyMethod, ApplyWithEffects, MutableEvent, PersistenceOutsidePersistentActor,
        PersistedTypeNotStorable, PersistNotAwaited, WireContractBroken, WireContractMissing, InvalidWireName,
    }.ToDictionary(d => d.Id);

    /// <summary>CA1822 on a [Receive] handler: the generated dispatch calls it on the instance, so it cannot be static.</summary>
    public static readonly SuppressionDescriptor HandlerCannotBeStatic = new(
        "TAS1822", "CA1822",
        "A [Receive] handler is called on the actor instance by the generated dispatch; making it static would make it an invalid handler (TA1002)");

    /// <summary>IDE0051 on a [Receive] method: the generated dispatch is its caller (and when it is not, a TA error says why).</summary>
    public static readonly SuppressionDescriptor HandlerIsCalledByDispatch = new(
        "TAS0051", "IDE0051",
        "A [Receive] method is called by the actor's generated dispatch; when the generator cannot call it, a TA error says why");

    /// <summary>CA1812 on an actor class: Spawn creates it through its generated factory.</summary>
    public static readonly SuppressionDescriptor ActorIsCreatedBySpawn = new(
        "TAS1812", "CA1812",
        "An actor class is instantiated by Spawn through its generated factory; when the generator cannot extend it, TA1001 or TA1007 says why");

    /// <summary>IDE0060 on a handler's message parameter: the parameter's type is what routes the message to the handler.</summary>
    public static readonly SuppressionDescriptor MessageParameterSelectsTheHandler = new(
        "TAS0060", "IDE0060",
        "The message parameter of a [Receive] handler selects the handler by its type even when its value is not read");

    /// <summary>CA2007 in actor code: ConfigureAwait(false) would resume outside the actor's turn (TA3004).</summary>
    public static readonly SuppressionDescriptor ActorCodeResumesOnItsTurn = new(
        "TAS2007", "CA2007",
        "Actor code must resume on the actor's own turn after an await; ConfigureAwait(false) would break that (see TA3004)");

    /// <summary>The descriptor of a diagnostic kept as data in a generator model.</summary>
    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Create(
        string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description, HelpLinkBase + id + ".md");
}
