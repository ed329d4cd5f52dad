using MathNet.Numerics.Distributions;
using Simulator.ControlPlane;
using Simulator.Engine;
using Simulator.Network;
using Simulator.Scenarios.Model;

namespace Simulator.Storage;

/// <summary>
/// One storage cluster: its nodes (<see cref="NodeTable"/>), its volumes (<see cref="VolumeTable"/>, two replicas each
/// on distinct nodes), its network, and the parts that move them: the re-mirroring protocol (<see cref="ReMirroring"/>),
/// node crashes and restarts (<see cref="NodeLifeCycle"/>), futile retries accounted as rates
/// (<see cref="FutileRetries"/>) and what operators do (<see cref="OperatorControls"/>). Volumes are stored as
/// arrays, so a cluster of millions costs tens of bytes per volume and no object per volume.
/// </summary>
public sealed class StorageCluster
{
    private const long MiB = 1L << 20;
    /// <summary>Building checks for a stop request every 4,096 volumes (a few hundred microseconds).</summary>
    private const int CancellationCheckMask = 4_095;

    /// <param name="zoneIndex">The zone the cluster is listed under (its home zone), among all zones of the scenario.</param>
    /// <param name="spannedZones">
    /// The zones its nodes are spread over (index among all zones, and name), in the order of the scenario's
    /// <c>zones</c>; must include the home zone. Null: the home zone alone.
    /// </param>
    public StorageCluster(int index, string name, int zoneIndex, string zoneName, ClusterSpec spec, ReplicationSpec replication,
        RetryAccounting accounting, Simulation sim, RandomStreams streams, ControlPlaneService cp, IVolumeObserver? observer,
        IReadOnlyList<(int Index, string Name)>? spannedZones = null, CrossRegion.WanNetwork? links = null,
        CancellationToken cancellation = default)
    {
        Index = index;
        Name = name;
        ZoneIndex = zoneIndex;
        ZoneName = zoneName;
        spannedZones ??= [(zoneIndex, zoneName)];
        if (!spannedZones.Contains((zoneIndex, zoneName)))
            throw new ArgumentException($"cluster {name}: its zones ({string.Join(", ", spannedZones.Select(z => z.Name))}) do not include {zoneName}, the zone it is listed under", nameof(spannedZones));
        if (spannedZones.Distinct().Count() != spannedZones.Count)
            throw new ArgumentException($"cluster {name}: a zone is listed twice among {string.Join(", ", spannedZones.Select(z => z.Name))}", nameof(spannedZones));
        SpannedZoneIndices = spannedZones.Select(z => z.Index).ToArray();
        SpannedZoneNames = spannedZones.Select(z => z.Name).ToArray();
        Sim = sim;
        Spec = replication;
        Retry = new RetrySchedule(replication.Retry);
        ExactRetries = accounting == RetryAccounting.Exact;
        ControlPlane = cp;
        ControlPlaneSource = cp.RegisterSource(zoneIndex);
        Streams = streams;
        CopyBytesPerSecond = replication.CopyBandwidth.BytesPerSecond;
        Draws = new ClusterDraws(streams, name);

        int nodes = spec.Nodes, volumes = spec.Volumes;
        Domains = Placement.FailureDomains.Uniform(nodes, SpannedZoneIndices.Count, spec.PowerDomains, spec.RacksPerPowerDomain);
        Nodes = new NodeTable(name, nodes, 2 * volumes / nodes + 8, Domains);
        PlacementBuildStream = streams.Get("placement-build:" + name);
        Policy = Placement.PlacementKinds.Create(spec.PlacementName, Domains, spec.Replicas, spec.ScatterWidth ?? 0, PlacementBuildStream);
        var (sizeMiB, writes) = DrawWorkload(spec, volumes, streams, name, cancellation);
        Failures = new FailureLog(sim, volumes, nodes);
        Volumes = new VolumeTable(name, index, sizeMiB, writes, Nodes, observer, spec.Replicas, spec.WriteRule, Failures, sim);
        Lists = new VolumeLists(volumes, WaitList.Count);
        PlaceInitialReplicas(spec, cancellation);

        Network = new ClusterNetwork(spec.PrimaryNetwork.BitsPerSecond, spec.SecondaryNetwork.BitsPerSecond,
            spec.NodeTraffic.BitsPerSecond, spec.SecondaryChatter.BitsPerSecond, nodes, links?.Flows ?? new FlowNetwork(sim),
            spec.NodeNetwork?.BitsPerSecond ?? 0, replication.RepairShare.Value, BetweenZones(links));
        ReMirror = new ReMirroring(this);
        Reach = new Reachability(this);
        LifeCycle = new NodeLifeCycle(this);
        Operators = new OperatorControls(this);
        Retries = new FutileRetries(this);
    }

    /// <summary>
    /// The link a copy between two nodes of different zones crosses (the flow-network link of the direction between
    /// their zones), or null when the cluster spans one zone or no link joins its zones.
    /// </summary>
    private Func<int, int, int>? BetweenZones(CrossRegion.WanNetwork? links)
    {
        int z = SpannedZoneNames.Count;
        if (links is null || z < 2) return null;
        var table = new int[z, z];
        bool any = false;
        for (int a = 0; a < z; a++)
            for (int b = 0; b < z; b++)
            {
                table[a, b] = a == b ? -1 : links.BetweenZones(SpannedZoneNames[a], SpannedZoneNames[b]);
                any |= table[a, b] >= 0;
            }
        if (!any) return null;
        return (source, target) => table[Domains.ZoneOf(source), Domains.ZoneOf(target)];
    }

    public int Index { get; }
    /// <summary>This cluster's id as a source of negotiations at the control plane.</summary>
    public int ControlPlaneSource { get; }
    public string Name { get; }
    /// <summary>The zone the cluster is listed under (its home zone): the zone its volumes are counted in, among all zones.</summary>
    public int ZoneIndex { get; }
    /// <summary>The name of the home zone (<see cref="ZoneIndex"/>).</summary>
    public string ZoneName { get; }
    /// <summary>
    /// The zones the cluster's nodes are spread over, as indices among all zones of the scenario: zone z of
    /// <see cref="Domains"/> (<see cref="Placement.FailureDomains.ZoneOf"/>) is <c>SpannedZoneIndices[z]</c>. The home
    /// zone alone unless the cluster spans zones.
    /// </summary>
    public IReadOnlyList<int> SpannedZoneIndices { get; }
    /// <summary>The names of <see cref="SpannedZoneIndices"/>, in the same order.</summary>
    public IReadOnlyList<string> SpannedZoneNames { get; }

    /// <summary>The zone node <paramref name="n"/> is in, as an index among all zones of the scenario.</summary>
    public int ZoneIndexOfNode(int n) => SpannedZoneIndices[Domains.ZoneOf(n)];

    /// <summary>The zone of that name as a zone of <see cref="Domains"/> (for <see cref="Placement.FailureDomains.ZoneOf"/>), or −1 when the cluster has no node there.</summary>
    public int LocalZoneOf(string zoneName)
    {
        for (int z = 0; z < SpannedZoneNames.Count; z++)
            if (SpannedZoneNames[z] == zoneName) return z;
        return -1;
    }
    public ClusterNetwork Network { get; }

    internal Simulation Sim { get; }
    internal ReplicationSpec Spec { get; }
    internal RetrySchedule Retry { get; }
    internal bool ExactRetries { get; }
    internal ControlPlaneService ControlPlane { get; }
    internal RandomStreams Streams { get; }
    /// <summary>The cluster's random draws during the run, each keyed by its entity and purpose.</summary>
    internal ClusterDraws Draws { get; }
    /// <summary>The most speed of one copy.</summary>
    internal double CopyBytesPerSecond { get; }
    internal NodeTable Nodes { get; }
    /// <summary>The zone (of <see cref="SpannedZoneIndices"/>), power domain and rack of each node.</summary>
    public Placement.FailureDomains Domains { get; }
    /// <summary>Where replicas go, at creation and for a replacement.</summary>
    internal Placement.PlacementPolicy Policy { get; }
    internal RandomStream PlacementBuildStream { get; }
    internal VolumeTable Volumes { get; }
    /// <summary>The failure events and the event each short volume is the damage of.</summary>
    internal FailureLog Failures { get; }
    internal VolumeLists Lists { get; }
    internal ReMirroring ReMirror { get; }
    internal Reachability Reach { get; }
    internal NodeLifeCycle LifeCycle { get; }
    internal OperatorControls Operators { get; }
    internal FutileRetries Retries { get; }

    public int VolumeCount => Volumes.Count;
    public int NodeCount => Nodes.Count;
    public long NodeCapacityMiB => Nodes.CapacityMiB;
    public int StuckVolumes => Volumes.Stuck;
    /// <summary>Stuck with no reachable copy: on a crashed node, or both replicas isolated.</summary>
    public int UnavailableVolumes => Volumes.UnavailableByCrash + Volumes.IsolationBlocked;
    public int DegradedVolumes => Volumes.Degraded;
    public int LostVolumes => Volumes.Lost;
    public int EverStuckVolumes => Volumes.EverStuck;
    public int StuckByCrashVolumes => Volumes.StuckByCrash;
    public int StuckByNetworkVolumes => Volumes.StuckByNetwork;
    /// <summary>Crashes so far (cumulative).</summary>
    public int NodesCrashed => Nodes.Crashed;
    /// <summary>Nodes out of service now: crashed, or restarted but not reused yet.</summary>
    public int NodesDown => Nodes.Down;
    public int NodesAdded => Nodes.Added;
    public int WaitingVolumes => Retries.Waiting;
    public int ParkedVolumes => Operators.Parked;
    public int IsolatedNodes => Nodes.Isolated;
    /// <summary>Nodes without power now.</summary>
    public int UnpoweredNodes => Nodes.Unpowered;
    /// <summary>Nodes cut off now, their data kept: by a power loss (no power, or no network gear yet) or a domain outage.</summary>
    public int DarkNodes => Nodes.Dark;
    public int ConsistencyUnknownVolumes => Volumes.ConsistencyUnknown;
    public int RecoveredBySnapshotVolumes => Volumes.RecoveredBySnapshot;
    /// <summary>Volumes that had every replica lose power at once (cumulative).</summary>
    public int PowerLostVolumes => Volumes.EverPowerLost;
    /// <summary>Re-mirroring copies in flight.</summary>
    public int CopiesInFlight => ReMirror.Copying;
    /// <summary>Bandwidth re-mirroring copies use now, bits per second.</summary>
    public double RepairBandwidthBps => Network.CopyTrafficBps;
    /// <summary>Volumes with fewer replicas than the replication factor (not lost, not restored outside the cluster).</summary>
    public int UnderReplicatedVolumes => Volumes.Stuck + Volumes.Degraded;
    public double CutFraction => Operators.CutFraction;
    /// <summary>Bytes of the replicas missing from volumes still in the cluster (lost ones and those restored outside it aside).</summary>
    public long RepairBacklogBytes => Volumes.RepairBacklogMiB * MiB;

    /// <summary>The failure events that made volumes short so far, as they stand now, in the order they happened (index −1: not numbered yet).</summary>
    public IEnumerable<FailureRecord> FailureRecords() => Failures.Records(ZoneName, Name);

    /// <summary>Search attempts made so far, futile ones accounted as rates included.</summary>
    public double Attempts => Retries.Attempts;

    /// <summary>Attempts per second of the waiting volumes (their load while no space exists).</summary>
    public double WaitingAttemptRate => Retries.WaitingAttemptRate;

    /// <summary>Free space on nodes that accept new replicas, as a share of the cluster's capacity (crashed nodes' capacity excluded).</summary>
    public double FreeCapacityPct
    {
        get
        {
            long capacity = (long)(Nodes.Count - Nodes.Down) * Nodes.CapacityMiB;
            return capacity <= 0 ? 0 : 100.0 * Nodes.Free.TotalFree / capacity;
        }
    }

    /// <summary>Probability that an API call placing a new volume here hangs: no space, or one of its two nodes isolated.</summary>
    public double PlacementHangProbability(long typicalSizeMiB)
    {
        if (Nodes.Free.MaxFree < typicalSizeMiB || Operators.CutFraction >= 1) return 1;
        double reachable = 1 - (double)(Nodes.Isolated + Nodes.Dark) / Nodes.Count;
        return 1 - reachable * reachable;
    }

    public VolumeState StateOf(int v) => Volumes.State(v);
    public VolumeFlags FlagsOf(int v) => Volumes.Flags(v);
    public long SizeMiBOf(int v) => Volumes.SizeMiB[v];
    /// <summary>The nodes of a volume's serving replica, its partner and the node it copies to (−1: none).</summary>
    public (int Primary, int Mirror, int Target) ReplicasOf(int v) => (Volumes.Primary(v), Volumes.Mirror(v), Volumes.Target[v]);
    /// <summary>The nodes of every replica of a volume, the serving one first.</summary>
    public int[] ReplicaNodesOf(int v) => Volumes.Replicas(v).ToArray();
    /// <summary>Replicas a healthy volume has in this cluster.</summary>
    public int ReplicationFactor => Volumes.R;
    public NodeStatus NodeStatusOf(int n) => Nodes.Status(n);
    public bool IsNodeIsolated(int n) => Nodes.IsIsolated(n);
    /// <summary>Cut off with its data kept: by a power loss, or by an outage of one of its failure domains.</summary>
    public bool IsNodeDark(int n) => Nodes.IsDark(n);
    /// <summary>Times the node crashed or failed so far; a change tells a fault that the node it took down was taken again since.</summary>
    public int NodeCrashesOf(int n) => Nodes.CrashesOf(n);

    /// <summary>
    /// Re-reads which nodes are isolated after a routing change, and lets the volumes react; nodes newly isolated make a
    /// failure event of <paramref name="source"/> (the fault, <c>faults[i]</c>).
    /// </summary>
    public void OnRoutingChanged(string? source = null) => Reach.OnRoutingChanged(source);

    /// <summary>The nodes lose power (and their network gear with them) until <see cref="RestorePower"/>: one failure event of <paramref name="source"/>.</summary>
    public void LosePower(IReadOnlyList<int> nodes, string? source = null) => Reach.OnPowerChanged(nodes, [], source);

    /// <summary>The node has power again, but its network gear is not back: still cut off.</summary>
    public void PowerBackWithoutNetwork(int n)
    {
        if (Nodes.IsUnpowered(n)) Nodes.SetPower(n, dark: true, unpowered: false);
    }

    /// <summary>The nodes have power and network again.</summary>
    public void RestorePower(IReadOnlyList<int> nodes) => Reach.OnPowerChanged([], nodes, null);

    /// <summary>
    /// An outage of a failure domain (a switch, a power feed that keeps the disks) cuts the nodes off, their data and
    /// power kept, until <see cref="EndOutage"/>: dark like nodes without power, except that a volume whose every
    /// replica is cut off only this way kept its last writes. Outages nest: a node is back when each has ended.
    /// </summary>
    public void BeginOutage(IReadOnlyList<int> nodes, string? source = null) => Reach.OnOutageChanged(nodes, [], source);

    /// <summary>One outage of the nodes (<see cref="BeginOutage"/>) is over; a node that crashed meanwhile is left alone.</summary>
    public void EndOutage(IReadOnlyList<int> nodes) => Reach.OnOutageChanged([], nodes);

    /// <summary>Operators hand volumes of unknown consistency over as recovery snapshots at <paramref name="perSecond"/>.</summary>
    public void StartRecoverySnapshots(double perSecond) => Operators.StartRecoverySnapshots(perSecond);

    /// <summary>A node crashes: every volume with a replica on it loses that replica.</summary>
    public void Crash(int n) => LifeCycle.Crash(n);

    /// <summary>A node is lost for good: it never restarts, and a volume whose only up-to-date copy was on it is lost.</summary>
    public void Fail(int n, string? source = null) => LifeCycle.Crash(n, forGood: true, source);

    /// <summary>Nodes lost for good together (<see cref="Fail(int, string?)"/>): one failure event of <paramref name="source"/>.</summary>
    public void Fail(IReadOnlyList<int> nodes, string? source)
    {
        using var failure = Failures.Group(FailureKind.NodeFailure, source);
        foreach (int n in nodes) Fail(n);
    }

    /// <summary>A node lost for good (<see cref="Fail(int, string?)"/>) is replaced by an empty one in its place, which takes new replicas.</summary>
    public void Replace(int n)
    {
        if (!Nodes.IsCrashed(n)) throw new InvalidOperationException($"cluster {Name}: node {n} is {Nodes.Status(n)}, not failed");
        LifeCycle.ReturnToService(n);
        Retries.WakeWaiters();
    }

    /// <summary>
    /// The node comes back without its data: its replicas are gone (as if lost for good), and it takes new ones at once.
    /// A node no longer dark from the power loss (it crashed or failed meanwhile, which ended its darkness) has lost its
    /// replicas already and comes back by its own restart or repair: nothing more happens to it here. A node restarted
    /// after a crash and not yet back in service cannot fail (<see cref="Fail(int, string?)"/> leaves it alone): it gets
    /// its power back with what it holds.
    /// </summary>
    public void ReturnEmpty(int n)
    {
        if (!Nodes.IsPowerDark(n)) return;
        if (Nodes.Status(n) != NodeStatus.Up)
        {
            RestorePower([n]);
            return;
        }
        using (Failures.JoinEventOf(n)) Fail(n); // part of the power loss that cut it off, if one did
        Replace(n);
    }

    /// <summary>Stops the nodes' futile searches: every searching volume waits, without load, for throttled release.</summary>
    public void StopFutileSearch() => Operators.StopFutileSearch();

    /// <summary>Cuts the cluster off the control plane gradually: the cut share grows linearly to 1 over <paramref name="over"/>.</summary>
    public void CutControlPlane(Duration over) => Operators.CutControlPlane(over);

    /// <summary>Lets stuck volumes negotiate again, one at a time at <paramref name="perSecond"/>; reconnects the control plane.</summary>
    public void EnableNegotiation(double perSecond) => Operators.EnableNegotiation(perSecond);

    /// <summary>Adds <paramref name="nodes"/> empty nodes on the primary network.</summary>
    public void AddNodes(int nodes) => Operators.AddNodes(nodes);

    /// <summary>Operators restore stuck volumes by hand at <paramref name="perSecond"/>: unavailable ones first, then parked ones.</summary>
    public void StartManualRestore(double perSecond) => Operators.StartManualRestore(perSecond);

    /// <summary>Volume sizes and write rates: log-normal, from the cluster's own streams (volume i always gets the same draw).</summary>
    private static (long[] SizeMiB, float[] WritesPerSecond) DrawWorkload(ClusterSpec spec, int volumes, RandomStreams streams, string name,
        CancellationToken cancellation)
    {
        var sizeStream = streams.Get("volume-size:" + name);
        var writeStream = streams.Get("volume-writes:" + name);
        double muSize = Math.Log(spec.VolumeSize.Median.Bytes / (double)MiB), muWrite = Math.Log(spec.VolumeWrites.Median.PerSecond);
        long minMiB = Math.Max(1, spec.VolumeSize.Min.Bytes / MiB), maxMiB = Math.Max(minMiB, spec.VolumeSize.Max.Bytes / MiB);
        var sizeMiB = new long[volumes];
        var writes = new float[volumes];
        for (int v = 0; v < volumes; v++)
        {
            if ((v & CancellationCheckMask) == 0) cancellation.ThrowIfCancellationRequested();
            double size = LogNormal.Sample(sizeStream, muSize, spec.VolumeSize.Sigma);
            sizeMiB[v] = Math.Clamp((long)Math.Round(size), minMiB, maxMiB);
            writes[v] = (float)LogNormal.Sample(writeStream, muWrite, spec.VolumeWrites.Sigma);
        }
        return (sizeMiB, writes);
    }

    /// <summary>
    /// Node capacity follows from the data and the free share (capacity × nodes × (1 − free) = data). Placement,
    /// largest volumes first (so that small ones fill the gaps): first replica on a random node, each other one on
    /// the node with the most free space among those not holding the volume yet (keeps nodes level).
    /// </summary>
    private void PlaceInitialReplicas(ClusterSpec spec, CancellationToken cancellation)
    {
        var v = Volumes;
        long totalMiB = 0;
        for (int i = 0; i < v.Count; i++) totalMiB += v.R * v.SizeMiB[i];
        Nodes.SetCapacity((long)Math.Ceiling(totalMiB / (double)Nodes.Count / (1 - spec.FreeCapacity.Value)));

        var placeStream = Streams.Get("placement:" + Name);
        var bySize = new int[v.Count];
        for (int i = 0; i < v.Count; i++) bySize[i] = i;
        Array.Sort(bySize, (x, y) => v.SizeMiB[y] != v.SizeMiB[x] ? v.SizeMiB[y].CompareTo(v.SizeMiB[x]) : x.CompareTo(y));
        cancellation.ThrowIfCancellationRequested();
        Span<int> chosen = stackalloc int[v.R];
        int placed = 0;
        foreach (int i in bySize)
        {
            if ((placed++ & CancellationCheckMask) == 0) cancellation.ThrowIfCancellationRequested();
            long size = v.SizeMiB[i];
            if (!Policy.TryPlace(size, Nodes.Free, placeStream, chosen))
                throw new PlacementFailedException(Name,
                    FormattableString.Invariant($"the {v.Count:N0} volumes drawn ({v.R} replicas each, the largest {v.SizeMiB[bySize[0]] / 1024.0:0.#} GiB) ") +
                    FormattableString.Invariant($"do not fit on {Nodes.Count:N0} nodes of {Nodes.CapacityMiB / 1024.0:0.#} GiB (capacity follows from ") +
                    FormattableString.Invariant($"the data and free_capacity) under {Policy.Kind} placement, a volume of {size / 1024.0:0.#} GiB ") +
                    "finding no room: a cluster needs many volumes a node (or more free capacity) for its sizes to pack");
            foreach (int n in chosen)
            {
                Nodes.Occupy(n, size);
                v.AddReplica(i, n);
                Nodes.VolumesOn(n).Add(i);
            }
        }
    }

    /// <summary>
    /// The invariants that cost nothing to check, run at every sample: counts within bounds, volumes conserved
    /// across states, lost never decreasing, free space never negative.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // checked after every event by the swarm: optimised at once, not after tiering
    public void CheckCheapInvariants()
    {
        Volumes.CheckCounters();
        if (Nodes.Free.TotalFree < 0) throw new InvalidOperationException($"cluster {Name}: negative free space");
    }

    /// <summary>
    /// Every invariant, recounted from scratch: each volume's replicas and state (<see cref="VolumeTable.Check"/>),
    /// counters equal to a recount, space never negative nor above capacity, and each volume's replicas with its copy
    /// target within the cluster's placement rule (<see cref="Placement.PlacementPolicy.Violation"/>). Throws with the
    /// first violation found.
    /// </summary>
    public void CheckInvariants()
    {
        CheckCheapInvariants();
        Volumes.CheckAll();
        Nodes.CheckInvariants();
        CheckPlacement();
    }

    /// <summary>Each volume still in the cluster has its replicas and copy target where its placement rule allows.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // checked after every event by the swarm: optimised at once, not after tiering
    private void CheckPlacement()
    {
        var v = Volumes;
        Span<int> nodes = stackalloc int[v.R + 1];
        for (int i = 0; i < v.Count; i++)
        {
            if (v.State(i) == VolumeState.Lost) continue;
            var replicas = v.Replicas(i);
            replicas.CopyTo(nodes);
            int n = replicas.Length;
            if (v.Target[i] >= 0) nodes[n++] = v.Target[i];
            if (Policy.Violation(nodes[..n]) is { } problem)
                throw new InvalidOperationException($"cluster {Name}: volume {i} (replicas [{string.Join(", ", replicas.ToArray())}], " +
                    $"target {v.Target[i]}) breaks its {Policy.Kind} placement: {problem}");
        }
    }
}
