using System.ComponentModel;

namespace TypedActors.Introspection;

/// <summary>
/// How the introspection tools of the processes of one cluster reach each other (see
/// <see cref="ActorSystem.Introspection"/>). A tool that answers queries about its process (the observer) installs its
/// <see cref="Responder"/> on every process; a cluster backend installs <see cref="Peers"/>, which carries queries to
/// the responders of the other processes. Both are null in a single process. Queries and answers are opaque bytes:
/// their format belongs to the tool, the transport to the backend.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class IntrospectionChannel
{
    private IntrospectionResponder? _responder;
    private IIntrospectionPeers? _peers;

    /// <summary>Answers the queries that other processes send to this one; null when no tool answers here.</summary>
    public IntrospectionResponder? Responder
    {
        get => Volatile.Read(ref _responder);
        set => Volatile.Write(ref _responder, value);
    }

    /// <summary>The processes of the cluster and the transport to them; null outside a cluster.</summary>
    public IIntrospectionPeers? Peers
    {
        get => Volatile.Read(ref _peers);
        set => Volatile.Write(ref _peers, value);
    }
}

/// <summary>Answers one query from another process of the cluster.</summary>
/// <param name="query">The query, as the asking tool wrote it.</param>
/// <param name="cancellationToken">Cancelled when the asker gives up.</param>
/// <returns>The answer, in the tool's own format.</returns>
public delegate Task<byte[]> IntrospectionResponder(byte[] query, CancellationToken cancellationToken);

/// <summary>The processes of a cluster, as a backend offers them to introspection tools.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IIntrospectionPeers
{
    /// <summary>The name of this process among <see cref="ListAsync"/>'s.</summary>
    string LocalName { get; }

    /// <summary>The names of the live processes that host actors, this one included, in a stable order.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sends <paramref name="query"/> to the <see cref="IntrospectionChannel.Responder"/> of process
    /// <paramref name="peer"/> and returns its answer.
    /// </summary>
    /// <exception cref="IntrospectionUnavailableException">The process is gone, unreachable, or has no responder.</exception>
    Task<byte[]> AskAsync(string peer, byte[] query, CancellationToken cancellationToken);
}

/// <summary>A process of the cluster could not answer an introspection query.</summary>
public sealed class IntrospectionUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IntrospectionUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
