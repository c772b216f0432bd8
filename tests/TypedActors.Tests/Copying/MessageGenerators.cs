using System.Collections.Immutable;
using CsCheck;

namespace TypedActors.Tests.Copying;

/// <summary>Random messages of every supported shape, and a structural comparison of two of them.</summary>
internal static class MessageGenerators
{
    /// <summary>Valid Unicode text (no lone surrogates, which UTF-8 cannot carry), from ASCII to astral planes.</summary>
    public static readonly Gen<string> Text =
        Gen.Int[0, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF).Array[0, 12]
            .Select(points => string.Concat(points.Select(char.ConvertFromUtf32)));

    public static readonly Gen<Line> Line = Gen.Select(Text, Gen.Int, Gen.Decimal, (s, q, p) => new Line(s, q, p));

    public static readonly Gen<Shape?> Shape = Gen.OneOf<Shape?>(
        Gen.Const((Shape?)default(Shape)),
        Gen.Select(Gen.Double, Text.Null(), (r, l) => (Shape?)new Circle(r) { Label = l }),
        Gen.Select(Gen.Double.List[0, 4], Text.Null(), (s, l) => (Shape?)new Polygon(s) { Label = l }));

    public static readonly Gen<Bucket> Bucket = Gen.Select(Gen.Int, Text.List[0, 3].Null(), (c, i) => new Bucket { Count = c, Items = i });

    private static readonly Gen<DateTime> UtcDateTime = Gen.DateTime.Select(d => DateTime.SpecifyKind(d, DateTimeKind.Utc));

    public static readonly Gen<Everything> Everything =
        Gen.Select(
            Gen.Select(Gen.Int, Gen.Long, Gen.Double, Gen.Decimal, Gen.Bool, Gen.Char.Where(c => !char.IsSurrogate(c)), Text.Null(), Gen.Guid),
            Gen.Select(UtcDateTime, Gen.DateTimeOffset, Gen.TimeSpan, Gen.Enum<Priority>(), Gen.Int.Nullable(), Gen.Enum<Priority>().Nullable()),
            Gen.Select(Gen.Byte.Array[0, 70_000].Null(), Gen.Int.Array[0, 8], Text.List[0, 5], Gen.Int.HashSet[0, 5],
                Gen.Dictionary(Text, Line)[0, 4]),
            Gen.Select(Gen.Int.Array[0, 5].Select(ImmutableArray.Create), Line.List[0, 3].Select(ImmutableList.CreateRange),
                Gen.Dictionary(Text, Gen.Int)[0, 3].Select(d => d.ToImmutableDictionary())),
            Gen.Select(Gen.Int, Text, Gen.Select(Gen.Int, Text.Null(), Tuple.Create).Null(), Line.Array[0, 3], Gen.Int.List[0, 3].List[0, 3]),
            Gen.Select(Shape, Bucket, Bucket.Nullable()),
            (a, b, c, d, e, f) => new Everything(
                a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, a.Item8,
                b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, b.Item6,
                c.Item1, c.Item2, c.Item3, c.Item4, c.Item5,
                d.Item1, d.Item2, d.Item3,
                (e.Item1, e.Item2), e.Item3, e.Item4, e.Item5,
                f.Item1, f.Item2, f.Item3));

    /// <summary>Asserts two messages have the same content, member by member and element by element.</summary>
    public static void AssertSameContent(Everything expected, Everything actual)
    {
        Assert.Equal(
            (expected.Int, expected.Long, expected.Double, expected.Decimal, expected.Bool, expected.Char, expected.Text, expected.Guid),
            (actual.Int, actual.Long, actual.Double, actual.Decimal, actual.Bool, actual.Char, actual.Text, actual.Guid));
        Assert.Equal(
            (expected.DateTime, expected.DateTimeOffset, expected.TimeSpan, expected.Priority, expected.MaybeInt, expected.MaybePriority),
            (actual.DateTime, actual.DateTimeOffset, actual.TimeSpan, actual.Priority, actual.MaybeInt, actual.MaybePriority));
        Assert.Equal(expected.DateTimeOffset.Offset, actual.DateTimeOffset.Offset);
        Assert.Equal(expected.Bytes, actual.Bytes);
        Assert.Equal(expected.Numbers, actual.Numbers);
        Assert.Equal(expected.Names, actual.Names);
        Assert.Equal(expected.Set.Order(), actual.Set.Order());
        Assert.Equal(expected.ByName.OrderBy(p => p.Key, StringComparer.Ordinal), actual.ByName.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.ImmutableNumbers.ToArray(), actual.ImmutableNumbers.ToArray()); // ImmutableArray equality is by reference
        Assert.Equal(expected.ImmutableLines, actual.ImmutableLines);
        Assert.Equal(expected.ImmutableMap.OrderBy(p => p.Key, StringComparer.Ordinal), actual.ImmutableMap.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Pair, actual.Pair);
        Assert.Equal(expected.OldPair, actual.OldPair);
        Assert.Equal(expected.ReadOnlyLines, actual.ReadOnlyLines);
        Assert.Equal(expected.Nested.Count, actual.Nested.Count);
        Assert.All(expected.Nested.Zip(actual.Nested), pair => Assert.Equal(pair.First, pair.Second));
        AssertSameShape(expected.Shape, actual.Shape);
        AssertSameBucket(expected.Bucket, actual.Bucket);
        Assert.Equal(expected.MaybeBucket.HasValue, actual.MaybeBucket.HasValue);
        if (expected.MaybeBucket is { } bucket)
        {
            AssertSameBucket(bucket, actual.MaybeBucket!.Value);
        }
    }

    private static void AssertSameShape(Shape? expected, Shape? actual)
    {
        Assert.Equal(expected?.GetType(), actual?.GetType());
        Assert.Equal(expected?.Label, actual?.Label);
        switch (expected)
        {
            case Circle circle:
                Assert.Equal(circle.Radius, ((Circle)actual!).Radius);
                break;
            case Polygon polygon:
                Assert.Equal(polygon.Sides, ((Polygon)actual!).Sides);
                break;
        }
    }

    private static void AssertSameBucket(Bucket expected, Bucket actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Items, actual.Items);
    }
}
