using System.Security.Cryptography;

namespace Simulator.Reporting;

/// <summary>
/// How result folders appear complete or not at all: written under a hidden temporary sibling, then renamed into
/// place in one step, never over an existing folder.
/// </summary>
internal static class FolderPlacement
{
    /// <summary>Suffixes tried before giving up on a free name.</summary>
    private const int MaxSuffix = 1000;

    /// <summary>
    /// A new hidden folder <c>.NAME.tmp-RANDOM</c> in <paramref name="parent"/> (created if missing, and then removed
    /// again by <see cref="TryDelete(TempFolder)"/> if it is left empty).
    /// </summary>
    public static TempFolder CreateTemp(string parent, string name)
    {
        string? created = null;
        for (string? dir = Path.GetFullPath(parent); dir is not null && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
            created = dir;
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, $".{name}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        Directory.CreateDirectory(temp);
        return new TempFolder(temp, created);
    }

    /// <summary>
    /// Deletes a temporary folder after a failure, and the parents <see cref="CreateTemp"/> created for it as long as
    /// they are empty, so a failed command leaves the results tree as it found it.
    /// </summary>
    public static void TryDelete(TempFolder temp)
    {
        TryDelete(temp.Path);
        if (temp.CreatedRoot is not { } root) return;
        for (string? dir = Path.GetDirectoryName(temp.Path); dir is not null && dir.StartsWith(root, StringComparison.Ordinal);
             dir = Path.GetDirectoryName(dir))
        {
            try
            {
                if (!Directory.Exists(dir) || Directory.EnumerateFileSystemEntries(dir).Any()) return;
                Directory.Delete(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Renames the finished folder to the first free name (<c>NAME</c>, <c>NAME-2</c>, …). Directory.Move refuses an
    /// existing target (and the rename underneath cannot replace a non-empty folder), so a folder that exists is never touched.
    /// </summary>
    public static string MoveIntoPlace(string temp, string parent, string name)
    {
        for (int suffix = 1; suffix <= MaxSuffix; suffix++)
        {
            string target = Path.Combine(parent, suffix == 1 ? name : $"{name}-{suffix}");
            if (Directory.Exists(target) || File.Exists(target)) continue;
            try
            {
                Directory.Move(temp, target);
                return target;
            }
            catch (IOException) when (Directory.Exists(target) && Directory.Exists(temp))
            {
                // Another run took the name between the check and the rename: try the next suffix.
            }
        }
        throw new IOException($"no free folder name under {parent} for {name} (tried -2 to -{MaxSuffix})");
    }

    /// <summary>Renames the finished folder to exactly <paramref name="target"/>, which must not exist.</summary>
    public static string MoveExact(string temp, string target)
    {
        if (Directory.Exists(target) || File.Exists(target))
            throw new IOException($"{target} appeared while the results were being written; they are kept in {temp}");
        Directory.Move(temp, target);
        return target;
    }

    public static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the original exception matters more than a leftover hidden temp folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A temporary folder and the outermost parent created for it (null when the parent existed).</summary>
    public readonly record struct TempFolder(string Path, string? CreatedRoot);

    /// <summary>The manifest entry of a file: path relative to <paramref name="dir"/> with '/', size, SHA-256.</summary>
    public static ManifestFile Describe(string dir, string path)
    {
        using var stream = File.OpenRead(path);
        string sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new ManifestFile(Path.GetRelativePath(dir, path).Replace('\\', '/'), stream.Length, sha);
    }
}
