using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Orleans.GrainDirectory;
using Orleans.Metadata;
using Orleans.Runtime.GrainDirectory;

namespace TypedActors.Orleans.Grains;

/// <summary>
/// Keeps the directory entries of actor grains in Orleans' strongly consistent distributed grain directory. With
/// Orleans' default directory, the death of a silo deactivates every grain whose directory entry that silo held,
/// wherever the grain runs: actors would die with a silo they did not run on. The distributed directory recovers its
/// entries from the surviving silos instead, and never lets a named actor have two activations.
/// </summary>
internal sealed class ActorGrainDirectory(IServiceProvider services, Func<IServiceProvider, IGrainDirectory> resolve) : IGrainDirectoryResolver
{
    /// <summary>The name the directory is registered under when this silo did not register it already.</summary>
    public const string Name = "typedactors";

    private static readonly GrainType s_random = GrainType.Create(RandomActorGrain.TypeName);
    private static readonly GrainType s_local = GrainType.Create(PreferLocalActorGrain.TypeName);
    private IGrainDirectory? _directory;

    public bool TryResolveGrainDirectory(GrainType grainType, GrainProperties? properties, [NotNullWhen(true)] out IGrainDirectory? grainDirectory)
    {
        if (!grainType.Equals(s_random) && !grainType.Equals(s_local))
        {
            grainDirectory = null;
            return false;
        }

        grainDirectory = _directory ??= resolve(services);
        return true;
    }

    /// <summary>
    /// Registers the distributed directory (Orleans registers it once per silo: when the application already did,
    /// under any name, that registration is used) and routes actor grains to it.
    /// </summary>
    public static void Add(ISiloBuilder builder)
    {
        Func<IServiceProvider, IGrainDirectory> resolve;
        if (FindRegistration(builder.Services) is { } registered)
        {
            resolve = provider => (IGrainDirectory)provider.GetRequiredService(registered);
        }
        else
        {
            // Orleans marks the API experimental (ORLEANSEXP003); docs/cluster.md says why it is used.
#pragma warning disable ORLEANSEXP003
            builder.AddDistributedGrainDirectory(Name);
#pragma warning restore ORLEANSEXP003
            resolve = provider => provider.GetRequiredKeyedService<IGrainDirectory>(Name);
        }

        builder.Services.AddSingleton<IGrainDirectoryResolver>(provider => new ActorGrainDirectory(provider, resolve));
    }

    // The directory's class is internal to Orleans: its registration is recognised by the class name.
    private static Type? FindRegistration(IServiceCollection services) => services
        .Where(descriptor => !descriptor.IsKeyedService
            && descriptor.ImplementationType is { Name: "DistributedGrainDirectory" } type
            && typeof(IGrainDirectory).IsAssignableFrom(type))
        .Select(descriptor => descriptor.ServiceType)
        .FirstOrDefault();
}
