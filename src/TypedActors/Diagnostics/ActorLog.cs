using Microsoft.Extensions.Logging;

namespace TypedActors.Diagnostics;

/// <summary>The runtime's log messages (source-generated: no formatting cost when a level is off).</summary>
internal static partial class ActorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Actor {Actor} failed: {Reason}")]
    public static partial void ActorFailed(ILogger logger, Address actor, ExitReason reason, Exception? exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Supervisor {Supervisor} restarts {Child} after exit: {Reason}")]
    public static partial void ChildRestarting(ILogger logger, Address supervisor, Address child, ExitReason reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Dead letter ({Reason}): {MessageType} to {Recipient}{SuppressedNote}")]
    public static partial void DeadLetter(ILogger logger, DeadLetterReason reason, string messageType, string recipient, string suppressedNote);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Actor {Actor} has no handler for messages of type {MessageType}{SuppressedNote}")]
    public static partial void Unhandled(ILogger logger, string actor, string messageType, string suppressedNote);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Actor {Actor}: error in {Context}")]
    public static partial void Error(ILogger logger, Address actor, string context, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Supervisor {Supervisor} gives up: {Reason}")]
    public static partial void SupervisorGivesUp(ILogger logger, Address supervisor, string reason);
}

/// <summary>
/// Logs dead letters without flooding: at most <see cref="PerWindow"/> per second; the first one logged after a busy
/// window says how many were left out.
/// </summary>
internal sealed class DeadLetterLogger(ILogger logger, TimeProvider clock) : IObserver<DeadLetter>
{
    private const int PerWindow = 10;
    private readonly object _gate = new();
    private long _windowStart;
    private int _loggedInWindow;
    private long _suppressed;

    public void OnNext(DeadLetter value)
    {
        LogLevel level = value.Reason == DeadLetterReason.Unhandled ? LogLevel.Warning : LogLevel.Information;
        if (!logger.IsEnabled(level))
        {
            return;
        }

        long suppressed;
        lock (_gate)
        {
            long now = clock.GetTimestamp();
            if (clock.GetElapsedTime(_windowStart, now) >= TimeSpan.FromSeconds(1))
            {
                _windowStart = now;
                _loggedInWindow = 0;
            }

            if (_loggedInWindow >= PerWindow)
            {
                _suppressed++;
                return;
            }

            _loggedInWindow++;
            suppressed = _suppressed;
            _suppressed = 0;
        }

        string note = suppressed > 0 ? $" ({suppressed} earlier dead letters not logged)" : "";
        if (value.Reason == DeadLetterReason.Unhandled)
        {
            ActorLog.Unhandled(logger, value.Recipient.ToString(), value.Message.GetType().FullName ?? value.Message.GetType().Name, note);
        }
        else
        {
            ActorLog.DeadLetter(logger, value.Reason, value.Message.GetType().Name, value.Recipient.ToString(), note);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
