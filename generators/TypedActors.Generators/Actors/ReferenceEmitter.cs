using System.Collections.Generic;
using System.Linq;
using TypedActors.Generators.Shared;

namespace TypedActors.Generators.Actors;

/// <summary>
/// Writes the typed surface of an actor's references: a static class of <c>Tell</c>, <c>TellAsync</c> and <c>Ask</c>
/// extension methods on <c>ActorRef&lt;TActor&gt;</c>, one set per handled message type, with the reply type taken from
/// the handler.
/// </summary>
/// <remarks>
/// Each class ends with a <c>Tell</c>, a <c>TellAsync</c> and an <c>Ask</c> taking <c>object</c>. C# prefers any handled type to
/// <c>object</c>, so they bind only a message the actor does not handle, which the analyzers then report as TA1009
/// naming this actor and the types it handles. Without them, overload resolution would fail with CS1503 or CS1929, and
/// CS1929 names whichever actor's extension class the compiler happened to try. They live in this class, not in the
/// runtime, because C# looks extension methods up scope by scope and stops at the first scope with an applicable one:
/// a fallback in another namespace could win over the exact overloads. The fallback <c>Ask</c> replies
/// <c>dynamic</c> so that code using its reply adds no error of its own to TA1009.
/// </remarks>
internal static class ReferenceEmitter
{
    private const string Runtime = "global::TypedActors";
    private const string TypedMessages = "global::TypedActors.CompilerServices.TypedMessages";
    private const string Task = "global::System.Threading.Tasks.Task";
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string Token = "global::System.Threading.CancellationToken cancellationToken = default";
    private const string Hidden = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";
    private static readonly string GeneratedCode =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"TypedActors.Generators\", \"{typeof(ReferenceEmitter).Assembly.GetName().Version}\")]";

    public static void Emit(IndentedWriter w, ActorModel actor)
    {
        string reference = $"{Runtime}.ActorRef<{actor.FullyQualifiedName}>";
        string generic = actor.SurfaceTypeParameters.IsEmpty ? "" : "<" + string.Join(", ", actor.SurfaceTypeParameters) + ">";
        string constraints = string.Concat(actor.SurfaceConstraints.Select(c => " " + c));
        string timeoutAndToken = $"global::System.TimeSpan? timeout = null, {Token}";

        w.Line($"/// <summary>The messages a <c>{Xml(actor.DisplayName)}</c> receives, as typed <c>Tell</c> and <c>Ask</c> on its references.</summary>");
        w.Line(GeneratedCode);
        w.Open($"{(actor.IsPublic ? "public" : "internal")} static class {actor.ExtensionClassName}");
        List<HandlerModel> handlers = [.. actor.Handlers.Concat(actor.InheritedHandlers).Where(h => h.IsOnSurface)];
        foreach (HandlerModel handler in handlers)
        {
            string access = actor.IsPublic && handler.MessageTypeIsPublic && handler.ReplyTypeIsPublic ? "public" : "internal";
            string parameters = $"this {reference} actor, {handler.MessageType} message";
            string message = Xml(handler.MessageTypeDisplay);

            w.Line($"/// <summary>Sends a <c>{message}</c> to the actor without waiting.</summary>");
            w.Line($"{access} static void Tell{generic}({parameters}){constraints} =>");
            w.Line($"    {TypedMessages}.Tell<{handler.MessageType}>(actor.Address, message);");
            w.Line();
            w.Line($"/// <summary>Sends a <c>{message}</c> to the actor, waiting while its mailbox is full.</summary>");
            w.Line($"{access} static {ValueTask} TellAsync{generic}({parameters}, {Token}){constraints} =>");
            w.Line($"    {TypedMessages}.TellAsync<{handler.MessageType}>(actor.Address, message, cancellationToken);");
            w.Line();
            if (handler.ReplyType is { } replyType)
            {
                w.Line($"/// <summary>Sends a <c>{message}</c> and waits for the handler's reply.</summary>");
                w.Line($"{access} static {Task}<{replyType}> Ask{generic}({parameters}, {timeoutAndToken}){constraints} =>");
                w.Line($"    {TypedMessages}.Ask<{handler.MessageType}, {replyType}>(actor.Address, message, timeout, cancellationToken);");
            }
            else
            {
                w.Line($"/// <summary>Sends a <c>{message}</c> and waits until the handler has finished.</summary>");
                w.Line($"{access} static {Task} Ask{generic}({parameters}, {timeoutAndToken}){constraints} =>");
                w.Line($"    {TypedMessages}.Ask<{handler.MessageType}>(actor.Address, message, timeout, cancellationToken);");
            }

            w.Line();
        }

        string fallbackAccess = actor.IsPublic ? "public" : "internal";
        string any = $"this {reference} actor, object message";
        w.Line("/// <summary>Not a message this actor handles: binds only so that the build reports TA1009 on the call.</summary>");
        w.Line(Hidden);
        w.Line($"{fallbackAccess} static void Tell{generic}({any}){constraints} => actor.Address.Send(message);");
        w.Line();
        w.Line("/// <summary>Not a message this actor handles: binds only so that the build reports TA1009 on the call.</summary>");
        w.Line(Hidden);
        w.Line($"{fallbackAccess} static {ValueTask} TellAsync{generic}({any}, {Token}){constraints} =>");
        w.Line($"    actor.Address.SendAsync(message, cancellationToken);");
        w.Line();
        w.Line("/// <summary>Not a message this actor handles: binds only so that the build reports TA1009 on the call.</summary>");
        w.Line(Hidden);
        w.Line($"{fallbackAccess} static {Task}<dynamic> Ask{generic}({any}, {timeoutAndToken}){constraints} =>");
        w.Line($"    actor.Address.Ask<dynamic>(message, timeout, cancellationToken);");
        w.Close();
    }

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
