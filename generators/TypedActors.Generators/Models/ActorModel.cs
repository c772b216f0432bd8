namespace TypedActors.Generators.Models;

/// <summary>Everything the emitter needs to write one actor's generated file. Plain, equatable data only.</summary>
internal sealed record ActorModel(
    string Namespace,
    string Name,
    string FullyQualifiedName,
    string HintName,
    bool IsPublic,
    bool IsAbstract,
    bool BaseIsActor,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    ConstructorModel? Constructor,
    EquatableArray<HandlerModel> Handlers,
    EquatableArray<HandlerModel> InheritedHandlers,
    EquatableArray<StateFieldModel> StateFields);

/// <summary>
/// One member of the actor's own state snapshot: the key it is written under, the member expression that reads it
/// (a field or a property) and its declared type.
/// </summary>
internal sealed record StateFieldModel(string Key, string Member, string Type);

/// <summary>A type an actor is nested in; the generated partial declaration repeats it.</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <summary>The constructor the generated factory calls.</summary>
internal sealed record ConstructorModel(EquatableArray<ParameterModel> Parameters);

/// <summary>A constructor parameter resolved from the service provider.</summary>
internal sealed record ParameterModel(string Name, string Type);

/// <summary>How a handler returns.</summary>
internal enum ReturnKind
{
    Void,
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>One <c>[Receive]</c> method.</summary>
internal sealed record HandlerModel(
    string MethodName,
    string MessageType,
    string MessageTypeName,
    bool MessageTypeIsPublic,
    ReturnKind ReturnKind,
    string? ReplyType,
    bool ReplyTypeIsPublic,
    bool TakesCancellationToken,
    int Specificity);

/// <summary>The parser's result for one type: a model to emit, or none when the type is not a valid actor.</summary>
internal sealed record ActorResult(string Key, ActorModel? Model);
