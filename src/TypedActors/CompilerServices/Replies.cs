using System.ComponentModel;
using TypedActors.Dispatching;

namespace TypedActors.CompilerServices;

/// <summary>
/// Helpers the generated dispatch code calls to turn a handler's return value into the reply of an <c>Ask</c>.
/// Synchronously completed results take no allocation; only a handler that really awaits costs a state machine.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Replies
{
    /// <summary>A handler returning <c>void</c> has finished.</summary>
    public static ValueTask Done(Reply? reply)
    {
        reply?.CompleteEmpty();
        return default;
    }

    /// <summary>A handler returned <paramref name="value"/>.</summary>
    public static ValueTask Value<T>(Reply? reply, T value)
    {
        reply?.Complete(value);
        return default;
    }

    /// <summary>A handler returned a <see cref="Task"/>.</summary>
    public static ValueTask Await(Reply? reply, Task task)
    {
        EnsureNotNull(task);
        if (task.IsCompletedSuccessfully)
        {
            reply?.CompleteEmpty();
            return default;
        }

        return AwaitSlow(reply, task);

        static async ValueTask AwaitSlow(Reply? reply, Task task)
        {
            await task;
            reply?.CompleteEmpty();
        }
    }

    /// <summary>A handler returned a <see cref="Task{T}"/>.</summary>
    public static ValueTask Await<T>(Reply? reply, Task<T> task)
    {
        EnsureNotNull(task);
        if (task.IsCompletedSuccessfully)
        {
            reply?.Complete(task.Result);
            return default;
        }

        return AwaitSlow(reply, task);

        static async ValueTask AwaitSlow(Reply? reply, Task<T> task)
        {
            T value = await task;
            reply?.Complete(value);
        }
    }

    /// <summary>A handler returned a <see cref="ValueTask"/>.</summary>
    public static ValueTask Await(Reply? reply, ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
            reply?.CompleteEmpty();
            return default;
        }

        return AwaitSlow(reply, task);

        static async ValueTask AwaitSlow(Reply? reply, ValueTask task)
        {
            await task;
            reply?.CompleteEmpty();
        }
    }

    /// <summary>A handler returned a <see cref="ValueTask{T}"/>.</summary>
    public static ValueTask Await<T>(Reply? reply, ValueTask<T> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            reply?.Complete(task.Result);
            return default;
        }

        return AwaitSlow(reply, task);

        static async ValueTask AwaitSlow(Reply? reply, ValueTask<T> task)
        {
            T value = await task;
            reply?.Complete(value);
        }
    }

    private static void EnsureNotNull(Task task)
    {
        if (task is null)
        {
            throw new InvalidOperationException("A [Receive] handler returned a null Task.");
        }
    }
}
