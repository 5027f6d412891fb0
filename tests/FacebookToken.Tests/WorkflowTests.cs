using System.Text.RegularExpressions;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace FacebookToken.Tests;

/// <summary>
/// .github/workflows/ci.yml cannot run here (GitHub's Windows and macOS runners): these tests read it with a YAML parser
/// and hold it to what the project promises, and check that everything its steps call exists in the repository.
/// tests/DesktopSmoke.Tests.ps1 runs its Windows PowerShell step's script on Linux.
/// </summary>
public class WorkflowTests
{
    private static readonly string s_root = FindRepositoryRoot();

    private static readonly YamlMappingNode s_workflow = Load();

    [Fact]
    public void ItIsYamlThatRunsOnPushesAndPullRequestsUnderCi()
    {
        YamlMappingNode on = Map(s_workflow, "on");
        Assert.True(on.Children.ContainsKey(new YamlScalarNode("push")));
        Assert.True(on.Children.ContainsKey(new YamlScalarNode("pull_request")));
        Assert.Equal("true", Scalar(Map(s_workflow, "env"), "CI"));
        Assert.Equal("read", Scalar(Map(s_workflow, "permissions"), "contents"));
    }

    [Fact]
    public void ItRunsOnLinuxWindowsAndMacOs()
    {
        YamlMappingNode jobs = Map(s_workflow, "jobs");
        var runners = jobs.Children.ToDictionary(j => ((YamlScalarNode)j.Key).Value!, j => Scalar((YamlMappingNode)j.Value, "runs-on"));

        Assert.Equal(new Dictionary<string, string?> { ["linux"] = "ubuntu-latest", ["windows"] = "windows-latest", ["macos"] = "macos-latest" }, runners);
    }

    [Fact]
    public void LinuxRunsTheReadmeCommandsThroughCiRun()
    {
        string[] runs = Runs("linux").Select(r => r.Run).ToArray();

        Assert.Contains("./.ci/run", runs);
        // The vault suites must run on Linux under CI (tests/skip-allowlist.txt excuses them on Windows and macOS only),
        // and GitHub's machines have no ../shared/psmodules: the two modules come from PSGallery before the suites.
        int install = Array.FindIndex(runs, r => r.Contains("Microsoft.PowerShell.SecretManagement", StringComparison.Ordinal) && r.Contains("Microsoft.PowerShell.SecretStore", StringComparison.Ordinal));
        Assert.InRange(install, 0, Array.IndexOf(runs, "./.ci/run"));
        Assert.Contains("dotnet pwsh ./build.ps1 -Task Demo", runs);
        Assert.Contains(runs, r => r.Contains("-Task Package", StringComparison.Ordinal));
        string ciRun = File.ReadAllText(Path.Combine(s_root, ".ci", "run"));
        Assert.Contains("dotnet tool restore", ciRun, StringComparison.Ordinal);
        Assert.Contains("dotnet pwsh ./build.ps1 -Task Test", ciRun, StringComparison.Ordinal);
    }

    [Fact]
    public void WindowsRunsPowerShell7AndTheDesktopBuildInWindowsPowerShell()
    {
        (string? Shell, string Run)[] runs = Runs("windows");

        Assert.Contains(runs, r => r.Shell == "pwsh" && r.Run.Contains("./build.ps1 -Task Test", StringComparison.Ordinal));
        (string? Shell, string Run) desktop = Assert.Single(runs, r => r.Shell == "powershell");
        Assert.Contains("./build/Invoke-DesktopSmoke.ps1", desktop.Run, StringComparison.Ordinal);
        Assert.Contains("-ExpectBuild Desktop", desktop.Run, StringComparison.Ordinal);
        Assert.Contains("-ExpectBackend DPAPI", desktop.Run, StringComparison.Ordinal);
    }

    [Fact]
    public void MacOsRunsTheSuiteWithTheRunnersChrome()
    {
        Assert.Contains(Runs("macos"), r => r.Run.Contains("./build.ps1 -Task Test", StringComparison.Ordinal));
        YamlMappingNode env = Map((YamlMappingNode)Map(s_workflow, "jobs").Children[new YamlScalarNode("macos")], "env");
        Assert.NotNull(Scalar(env, "FBT_CHROMIUM"));
        Assert.Contains("FBT_CHROMIUM", File.ReadAllText(Path.Combine(s_root, "build.ps1")), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBuildTaskItCallsExists()
    {
        string buildScript = File.ReadAllText(Path.Combine(s_root, "build.ps1"));
        Match set = Regex.Match(buildScript, @"\[ValidateSet\((?<tasks>[^)]*)\)\]\s*\[string\]\$Task");
        Assert.True(set.Success, "build.ps1 declares its tasks with ValidateSet");
        string[] tasks = Regex.Matches(set.Groups["tasks"].Value, "'(\\w+)'").Select(m => m.Groups[1].Value).ToArray();

        string[] called = AllRuns().SelectMany(r => Regex.Matches(r, @"build\.ps1 -Task (\w+)").Select(m => m.Groups[1].Value)).Distinct().ToArray();

        Assert.NotEmpty(called);
        Assert.All(called, task => Assert.Contains(task, tasks));
    }

    [Fact]
    public void EveryScriptAndFileItNamesExists()
    {
        // Paths in run lines (./x/y or x/y.ext), except what the build writes to output/.
        string[] paths = AllRuns()
            .SelectMany(r => Regex.Matches(r, @"(?<![\w/.-])\.?/?(?<path>(?:\.ci|build|tests|module|docs|src)/[\w./-]+|build\.ps1)").Select(m => m.Groups["path"].Value.TrimEnd('.')))
            .Distinct()
            .ToArray();

        Assert.Contains(".ci/run", paths);
        Assert.Contains("build/Invoke-DesktopSmoke.ps1", paths);
        Assert.All(paths, p => Assert.True(File.Exists(Path.Combine(s_root, p)), p + " is named in ci.yml but does not exist"));
    }

    [Fact]
    public void EveryActionItUsesIsPinnedToAMajorVersion()
    {
        string[] uses = Steps().Select(s => Scalar(s.Step, "uses")).OfType<string>().ToArray();

        Assert.Contains("actions/checkout@v4", uses);
        Assert.All(uses, u => Assert.Matches(@"^actions/[\w-]+@v\d+$", u));
    }

    [Fact]
    public void TheSkipAllowListNamesOnlyPlatformsItRunsOn()
    {
        string[] platforms = File.ReadAllLines(Path.Combine(s_root, "tests", "skip-allowlist.txt"))
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split('|')[0].Trim())
            .Distinct()
            .ToArray();

        Assert.All(platforms, p => Assert.Contains(p, new[] { "Linux", "macOS", "Windows", "*" }));
    }

    private static (string? Shell, string Run)[] Runs(string job) =>
        Steps().Where(s => s.Job == job && Scalar(s.Step, "run") is not null).Select(s => (Scalar(s.Step, "shell"), Scalar(s.Step, "run")!)).ToArray();

    private static IEnumerable<string> AllRuns() => Steps().Select(s => Scalar(s.Step, "run")).OfType<string>();

    private static IEnumerable<(string Job, YamlMappingNode Step)> Steps() =>
        Map(s_workflow, "jobs").Children.SelectMany(j => ((YamlSequenceNode)((YamlMappingNode)j.Value).Children[new YamlScalarNode("steps")])
            .Children.Cast<YamlMappingNode>()
            .Select(step => (((YamlScalarNode)j.Key).Value!, step)));

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? ((YamlScalarNode)value).Value : null;

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Path.Combine(s_root, ".github", "workflows", "ci.yml")));
        stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FacebookTokenModule.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No FacebookTokenModule.sln above " + AppContext.BaseDirectory);
    }
}
