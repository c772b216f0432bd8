using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace TypedActors.Generators.Tests.Infrastructure;

/// <summary>
/// Compiles sources with the generators, as the SDK would, and loads the result into a collectible load context of its
/// own: two versions of one type (same names, different members) can then run side by side in one test, against the
/// runtime and journal this process loaded.
/// </summary>
internal static class LoadedAssembly
{
    public static Assembly Build(string assemblyName, IEnumerable<MetadataReference> extraReferences, params string[] sources)
    {
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation input = GeneratorHarness.CompileAs(assemblyName, extraReferences, sources);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out var diagnostics);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = output.Emit(image);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        return new AssemblyLoadContext(assemblyName, isCollectible: true).LoadFromStream(image);
    }

    /// <summary>Calls the public static method <paramref name="type"/>.<paramref name="method"/> of the loaded assembly.</summary>
    public static async Task<T> CallAsync<T>(this Assembly assembly, string type, string method, params object[] arguments)
    {
        MethodInfo target = assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(type, method);
        try
        {
            return await (Task<T>)target.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
