using TypedActors.Generators.Shared;
using TypedActors.Generators.State;

namespace TypedActors.Generators.Actors;

/// <summary>Everything the emitters need to write one actor's generated file. Plain, equatable data only.</summary>
/// <param name="TypeParameters">The actor's own type parameter list as written after its name, e.g. <c>&lt;TKey, TValue&gt;</c>, or empty.</param>
/// <param name="ExtendsClass">
/// False when the class (or a type it is nested in) is not partial (TA1001, TA1007): nothing can be added to it, and only
/// its typed references are generated, so that the TA error is the build's only error.
/// </param>
/// <param name="HasReferenceSurface">False when the class cannot be named outside its containing types (TA1008).</param>
/// <param name="SurfaceTypeParameters">Every type parameter of the actor and the types it is nested in, outermost first.</param>
/// <param name="SurfaceConstraints">Their constraint clauses, e.g. <c>where TKey : notnull</c>, for the extension methods.</param>
internal sealed record ActorModel(
    string Namespace,
    string Name,
    string TypeParameters,
    string FullyQualifiedName,
    string DisplayName,
    string HintName,
    string ExtensionClassName,
    bool IsPublic,
    bool IsAbstract,
    bool IsSealed,
    bool BaseIsActor,
    bool ExtendsClass,
    bool HasReferenceSurface,
    EquatableArray<string> SurfaceTypeParameters,
    EquatableArray<string> SurfaceConstraints,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    ConstructorModel? Constructor,
    EquatableArray<HandlerModel> Handlers,
    EquatableArray<HandlerModel> InheritedHandlers,
    EquatableArray<StateFieldModel> StateFields);

/// <summary>A type an actor is nested in; the generated partial declaration repeats it (with its type parameter list).</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name, string TypeParameters);

/// <summary>The constructor the generated factory calls.</summary>
internal sealed record ConstructorModel(EquatableArray<ParameterModel> Parameters);

/// <summary>A constructor parameter resolved from the service provider.</summary>
internal sealed record ParameterModel(string Name, string Type);

/// <summary>One <c>[Receive]</c> method.</summary>
/// <param name="MessageType">The message type as generated code declares it (tuple element names and nullable annotations kept).</param>
/// <param name="PatternType">The message type as a type pattern: the runtime type, value tuples spelled <c>ValueTuple&lt;...&gt;</c>.</param>
/// <param name="MessageTypeName">The simple name messages are found by in the catalogue.</param>
/// <param name="MessageTypeDisplay">The message type as a user reads it, e.g. <c>(int, string)</c> or <c>Envelope&lt;Order&gt;</c>.</param>
/// <param name="IsOnSurface">False when the message or reply type cannot be named outside the actor: no typed Tell/Ask.</param>
internal sealed record HandlerModel(
    string MethodName,
    string MessageType,
    string PatternType,
    string MessageTypeName,
    string MessageTypeDisplay,
    bool MessageTypeIsPublic,
    ReturnKind ReturnKind,
    string? ReplyType,
    bool ReplyTypeIsPublic,
    bool IsOnSurface,
    bool TakesCancellationToken,
    int Specificity);
