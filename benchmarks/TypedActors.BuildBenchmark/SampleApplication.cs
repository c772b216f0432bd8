using System.Text;

namespace TypedActors.BuildBenchmark;

/// <summary>
/// Writes the application the build benchmark compiles: one file per actor, each with the actor and its four message
/// types (three records and one mutable class holding a list and a dictionary), spread over namespaces of
/// <see cref="ActorsPerNamespace"/> actors like the feature folders of a large domain. The plain variant declares the
/// same classes with the same members and method bodies, without the base class, attributes or generator.
/// </summary>
internal static class SampleApplication
{
    public const int ActorsPerNamespace = 20;

    /// <summary>The file whose handler body each measured build edits.</summary>
    public const string EditedFile = "Area00/OrderActor0000.cs";

    private const string EditMarker = "/* edit */ ";

    public static void Write(string folder, int actors, bool typed, string? packageVersion)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "App.csproj"), ProjectFile(typed, packageVersion));
        File.WriteAllText(Path.Combine(folder, "Program.cs"), ProgramFile(typed));
        for (int i = 0; i < actors; i++)
        {
            string area = Area(i);
            Directory.CreateDirectory(Path.Combine(folder, area));
            File.WriteAllText(Path.Combine(folder, area, $"OrderActor{i:D4}.cs"), ActorFile(i, typed));
        }
    }

    /// <summary>
    /// Changes a constant inside a handler body of <see cref="EditedFile"/> (a different value each time), as a
    /// developer's edit would: the file's text changes, no declaration does.
    /// </summary>
    public static void EditHandlerBody(string folder, int round)
    {
        string path = Path.Combine(folder, EditedFile);
        string text = File.ReadAllText(path);
        int start = text.IndexOf(EditMarker, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"{path} has no '{EditMarker.Trim()}' marker to edit.");
        }

        int valueStart = start + EditMarker.Length;
        int valueEnd = valueStart;
        while (char.IsDigit(text[valueEnd]))
        {
            valueEnd++;
        }

        File.WriteAllText(path, text[..valueStart] + (round + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + text[valueEnd..]);
    }

    private static string Area(int actor) => $"Area{actor / ActorsPerNamespace:D2}";

    private static string ProjectFile(bool typed, string? packageVersion)
    {
        string reference = typed
            ? $"""
                <ItemGroup>
                  <PackageReference Include="TypedActors" Version="{packageVersion}" />
                </ItemGroup>

              """
            : "";
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
            {reference}</Project>

            """;
    }

    private static string ProgramFile(bool typed) => typed
        ? """
          using Shop.Area00;
          using TypedActors;

          await using var system = new ActorSystem();
          ActorRef<OrderActor0000> orders = system.Spawn<OrderActor0000>();
          orders.Tell(new PlaceOrder0000("sku", 2, 9.5m));
          OrderView0000 view = await orders.Ask(new GetOrder0000(1));
          Console.WriteLine(view);

          """
        : """
          using Shop.Area00;

          var orders = new OrderActor0000();
          orders.On(new PlaceOrder0000("sku", 2, 9.5m));
          OrderView0000 view = orders.On(new GetOrder0000(1));
          Console.WriteLine(view);

          """;

    private static string ActorFile(int i, bool typed)
    {
        string n = i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        string receive = typed ? "[Receive] " : "";
        var text = new StringBuilder();
        if (typed)
        {
            text.Append("using TypedActors;\n\n");
        }

        text.Append($$"""
            namespace Shop.{{Area(i)}};

            public sealed record PlaceOrder{{n}}(string Sku, int Quantity, decimal Price);

            public sealed record GetOrder{{n}}(int Id);

            public sealed record OrderView{{n}}(int Id, string Sku, int Quantity, decimal Total);

            public class Basket{{n}}
            {
                public List<string> Items { get; set; } = new();

                public Dictionary<string, int> Counts { get; set; } = new();
            }

            public sealed {{(typed ? "partial " : "")}}class OrderActor{{n}}{{(typed ? " : Actor" : "")}}
            {
                private int _quantity;
                private decimal _total;

                {{receive}}public void On(PlaceOrder{{n}} order)
                {
                    _quantity += order.Quantity;
                    _total += order.Quantity * order.Price;
                }

                {{receive}}public OrderView{{n}} On(GetOrder{{n}} query) => new(query.Id, "sku", _quantity, _total);

                {{receive}}public int On(Basket{{n}} basket) => basket.Items.Count + basket.Counts.Count + {{EditMarker}}0;
            }

            """);
        return text.ToString();
    }
}
