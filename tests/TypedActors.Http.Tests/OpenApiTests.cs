using System.Diagnostics;
using System.Text.Json;

namespace TypedActors.Http.Tests;

/// <summary>The gateway's OpenAPI document: every operation of every kind, schemas from the catalogue, valid per an independent validator.</summary>
public sealed class OpenApiTests(SecuredGatewayServer server) : IClassFixture<SecuredGatewayServer>
{
    [Fact]
    public async Task The_document_lists_each_kind_operation_and_message_with_schemas_and_passes_the_validator()
    {
        string json = await server.Client.GetStringAsync("/openapi/v1.json");
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement paths = document.RootElement.GetProperty("paths");

        foreach (string kind in new[] { "counters", "accounts", "shops", "tellers" })
        {
            JsonElement actor = paths.GetProperty($"/actors/{kind}/{{id}}");
            Assert.Equal(["delete", "get", "head", "put"], actor.EnumerateObject().Select(p => p.Name).Where(n => n != "parameters").Order());
            Assert.True(paths.GetProperty($"/actors/{kind}").TryGetProperty("get", out _));
        }

        JsonElement withdraw = paths.GetProperty("/actors/accounts/{id}/Withdraw").GetProperty("post");
        Assert.Equal("accounts_Withdraw", withdraw.GetProperty("operationId").GetString());
        Assert.Equal("boolean", withdraw.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("type").GetString());
        JsonElement schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("TypedActors.Http.Tests.Withdraw").GetProperty("properties").TryGetProperty("Amount", out _));
        JsonElement transfer = schemas.GetProperty("TypedActors.Http.Tests.Transfer").GetProperty("properties");
        Assert.Equal("#/components/schemas/ActorAddress", transfer.GetProperty("From").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/TypedActors.Http.Tests.OpenAccount",
            paths.GetProperty("/actors/accounts/{id}").GetProperty("put").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.False(paths.GetProperty("/actors/counters/{id}/Increment").GetProperty("post").GetProperty("responses").TryGetProperty("200", out _));
        Assert.True(paths.GetProperty("/actors/counters/{id}/Increment").GetProperty("post").GetProperty("responses").TryGetProperty("202", out _));
        Assert.True(paths.GetProperty("/actors/counters/{id}/Increment").GetProperty("post").GetProperty("responses").TryGetProperty("503", out _)); // a full mailbox
        Assert.DoesNotContain("{message}", json, StringComparison.Ordinal); // fallbacks are not operations
        Assert.DoesNotContain("{**rest}", json, StringComparison.Ordinal);

        await ValidateAsync(json);
    }

    /// <summary>Runs @redocly/cli's lint on the document; the validator must be installed (see the install script).</summary>
    private static async Task ValidateAsync(string json)
    {
        string validator = Path.Combine(RepositoryRoot(), "tests", "TypedActors.Http.Tests", "OpenApiValidator");
        string redocly = Path.Combine(validator, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly),
            $"The OpenAPI validator is not installed: run the tests with tests/run.sh, which installs it (npm).");
        string file = Path.Combine(Path.GetTempPath(), $"typedactors-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            var start = new ProcessStartInfo(redocly, ["lint", file, "--format=stylish", "--config", Path.Combine(validator, "redocly.yaml")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = validator,
            };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(process.ExitCode == 0, $"redocly lint failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TypedActors.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (TypedActors.sln) was not found above the test's directory.");
    }
}
