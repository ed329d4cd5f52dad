using NUnit.Framework;
using Simulator.Scenarios;

namespace Simulator.Tests.Scenarios;

/// <summary>A valid test scenario and helpers to load variants of it and read their errors.</summary>
internal static class ScenarioText
{
    /// <summary>Line numbers matter: tests assert positions in this text.</summary>
    public const string Good = """
        # yaml-language-server: $schema=./scenario.schema.json
        $schema: ./scenario.schema.json
        name: aws-2011-test
        notes: "what-if: per-zone control plane"
        horizon: 96h
        start: 2011-04-21T00:47:00-07:00
        topology:
          regions:
            - name: us-east-1
              inter_zone_bandwidth: 40Gbps
              zones:
                - name: use1-az1
                  clusters:
                    - nodes: 600
                      node_capacity: 1.5TiB
                      free_fraction: 13%
                      power_domains: [1, 2, 3]
                - name: use1-az2
                  clusters:
                    - nodes: 400
                      node_capacity: 1TiB
        control_plane:
          scope: per_zone
          request_timeout: 250ms
          arrival_rate: 1200/min
        retry:
          backoff: full_jitter
          multiplier: 1.5
          enabled: false
          budget: 10
        stuck_targets:
          az1: 13%
          az2: 0.02
        tags: [replay, "2011"]

        """;

    /// <summary>The smallest valid scenario.</summary>
    public const string Minimal = """
        name: minimal
        horizon: 1h
        topology:
          regions:
            - name: r
              zones:
                - name: z
                  clusters:
                    - nodes: 3
                      node_capacity: 1TiB

        """;

    /// <summary>The errors of loading <paramref name="path"/>, each as its ToString with only the file's name.</summary>
    public static IReadOnlyList<string> Errors(string path, params string[] overrides)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioFile.Load<TestScenario>(path, overrides))!;
        return ex.Errors.Select(e => (e with { File = Path.GetFileName(e.File) }).ToString()).ToList();
    }
}
