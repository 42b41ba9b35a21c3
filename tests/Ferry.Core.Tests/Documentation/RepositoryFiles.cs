using System.Runtime.CompilerServices;

namespace Ferry.Core.Tests.Documentation;

/// <summary>Finds files of the repository: upwards from this source file, which lives inside it.</summary>
internal static class RepositoryFiles
{
    public static string Root => Find();

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    private static string Find([CallerFilePath] string source = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Functions.sln not found above " + source);
    }
}
