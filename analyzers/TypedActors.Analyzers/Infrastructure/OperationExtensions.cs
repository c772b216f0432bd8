using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedActors.Analyzers.Infrastructure;

internal static class OperationExtensions
{
    /// <summary>The operation under any implicit or explicit conversions.</summary>
    public static IOperation WithoutConversions(this IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The nearest parent that is not a conversion.</summary>
    public static IOperation? ParentThroughConversions(this IOperation operation)
    {
        IOperation? parent = operation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }

    /// <summary>True when the operation belongs to a lambda or local function rather than directly to its member.</summary>
    public static bool IsInsideNestedFunction(this IOperation operation)
    {
        for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True inside <c>nameof(...)</c>, where nothing is evaluated.</summary>
    public static bool IsInsideNameOf(this IOperation operation)
    {
        for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for <c>this</c>, written or implied, in the actor's own code.</summary>
    public static bool IsThis(this IOperation? operation) =>
        operation is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

    /// <summary>True when the operation is the target of an assignment, increment or decrement.</summary>
    public static bool IsWrittenTo(this IOperation operation) =>
        operation.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == operation,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
            _ => false,
        };
}
