using System.Runtime.CompilerServices;

namespace Ferry.Infra.Tests.Support;

/// <summary>Paths inside the repository, found upwards from this source file (the folder holding azure.yaml).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    public static string Infra => Path.Combine(Root, "infra");

    public static string Of(string relative) => Path.Combine(Root, relative);

    private static string Find([CallerFilePath] string source = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "azure.yaml")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("azure.yaml not found above " + source);
    }
}
