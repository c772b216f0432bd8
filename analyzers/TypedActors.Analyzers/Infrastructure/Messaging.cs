using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedActors.Analyzers.Infrastructure;

/// <summary>Recognises sends: <c>Tell</c>/<c>Ask</c> on a typed reference (generated extensions) and <c>Send</c>/<c>Ask</c> on an address.</summary>
internal static class Messaging
{
    /// <summary>The reference a send goes to, or null when <paramref name="invocation"/> is not a send.</summary>
    public static IOperation? Target(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name is not ("Tell" or "Ask" or "Send"))
        {
            return null;
        }

        if (method.IsExtensionMethod && method.Parameters.Length > 1
            && ActorSymbols.IsTypedActorsType(method.Parameters[0].Type, "ActorRef") && invocation.Arguments.Length > 1)
        {
            return invocation.Arguments[0].Value.WithoutConversions();
        }

        return ActorSymbols.IsTypedActorsType(method.ContainingType, "Address") && invocation.Instance is not null
            ? invocation.Instance.WithoutConversions()
            : null;
    }

    /// <summary>The message a send carries; call only when <see cref="Target"/> is not null.</summary>
    public static IOperation Message(IInvocationOperation invocation) =>
        (invocation.TargetMethod.IsExtensionMethod ? invocation.Arguments[1] : invocation.Arguments[0]).Value.WithoutConversions();
}
