using TypedActors.Package.Tests.Infrastructure;

namespace TypedActors.Package.Tests;

/// <summary>One pack for every test; the tests run one after another, so their builds do not compete.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageUnderTest>
{
    public const string Name = "Package";
}
