using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace TypedActors.Analyzers.Tests.Infrastructure;

/// <summary>
/// What every test compilation references: the .NET 10 reference assemblies shipped in a package (so nothing is
/// downloaded while testing), the TypedActors runtime and the test kit built next to the tests.
/// </summary>
internal static class TestReferences
{
    /// <summary>A target framework with no packages to resolve: the references come from <see cref="All"/>.</summary>
    public static readonly ReferenceAssemblies NoDownload = new("net10.0");

    public static readonly MetadataReference Runtime = MetadataReference.CreateFromFile(typeof(Actor).Assembly.Location);

    /// <summary>The test kit, whose probes TA1010 and TA1011 check.</summary>
    public static readonly MetadataReference TestKit = MetadataReference.CreateFromFile(typeof(ActorTestKit).Assembly.Location);

    /// <summary>MessagePack, which the runtime depends on: the generated code of persistent actors names its reader and writer.</summary>
    public static readonly MetadataReference MessagePack = MetadataReference.CreateFromFile(typeof(global::MessagePack.MessagePackWriter).Assembly.Location);

    public static IEnumerable<MetadataReference> All => [.. Net100.References.All, Runtime, TestKit, MessagePack];

    /// <summary>The implicit usings of an SDK project (as the samples have) plus TypedActors.</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using TypedActors;
        """;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Preview);

    public static CSharpCompilationOptions CompilationOptions(OutputKind kind) =>
        new(kind, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false);
}
