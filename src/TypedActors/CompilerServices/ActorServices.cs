using System.ComponentModel;

namespace TypedActors.CompilerServices;

/// <summary>Resolves an actor's constructor parameters for the generated factory, without reflection.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActorServices
{
    /// <summary>Resolves <typeparamref name="T"/> or throws a clear <see cref="ActorCreationException"/>.</summary>
    public static T Resolve<T>(IServiceProvider? services, Type actorType, string parameterName)
    {
        if (services is null)
        {
            throw new ActorCreationException(
                $"{actorType.Name} needs a {typeof(T).Name} for its constructor parameter '{parameterName}', but the actor system has no services. " +
                $"Set ActorSystemOptions.Services, or spawn it with a factory: Spawn(() => new {actorType.Name}(...)).");
        }

        if (services.GetService(typeof(T)) is T service)
        {
            return service;
        }

        throw new ActorCreationException(
            $"{actorType.Name} needs a {typeof(T).FullName} for its constructor parameter '{parameterName}', but no such service is registered.");
    }
}
