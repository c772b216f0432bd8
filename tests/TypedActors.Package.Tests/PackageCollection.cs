using TypedActors.Package.Tests.Infrastructure;

namespace TypedActors.Package.Tests;

/// <summary>One pack of every package for all the tests; the tests run one after another, so their builds do not compete.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackagesUnderTest>
{
    public const string Name = "Package";
}
