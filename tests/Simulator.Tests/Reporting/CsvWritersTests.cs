using System.Diagnostics;
using System.Globalization;
using System.Text;
using NUnit.Framework;
using Simulator.Metrics;
using Simulator.Reporting;

namespace Simulator.Tests.Reporting;

public sealed class CsvWritersTests
{
    private CultureInfo _savedCulture = CultureInfo.InvariantCulture;

    [SetUp]
    public void UseACommaDecimalCulture()
    {
        _savedCulture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = SyntheticRuns.CommaDecimalCulture();
    }

    [TearDown]
    public void RestoreCulture() => CultureInfo.CurrentCulture = _savedCulture;

    [Test]
    public void TimeSeriesCsvIsTidyInvariantRfc4180WithRoundedHoursAndExactSeconds()
    {
        Assert.That(1.5.ToString(CultureInfo.CurrentCulture), Is.EqualTo("1,5"), "the test must run under a comma culture");
        var bytes = Write(s => TimeSeriesCsv.Write(s, SyntheticRuns.TinySeries()));

        const string expected =
            "replication,time_h,time_s,scope,metric,value\n" +
            "0,0,0,zone:us-east-1a,volumes_stuck_pct,0\n" +
            "0,0,0,zone:us-east-1a,api_error_rate_pct,0.5\n" +
            "0,0,0,\"cluster:a,\"\"b\"\"\",free_capacity_pct,1E-07\n" +
            "0,0.016667,60,zone:us-east-1a,volumes_stuck_pct,13.2\n" +
            "0,0.016667,60,zone:us-east-1a,api_error_rate_pct,2.5\n" +
            "0,0.016667,60,\"cluster:a,\"\"b\"\"\",free_capacity_pct,0.1\n" +
            "0,0.3,1080,zone:us-east-1a,volumes_stuck_pct,13.2\n" +
            "0,0.3,1080,zone:us-east-1a,api_error_rate_pct,1.5\n" +
            "0,0.3,1080,\"cluster:a,\"\"b\"\"\",free_capacity_pct,50\n" +
            "0,0.5,1800,zone:us-east-1a,volumes_stuck_pct,7.25\n" +
            "0,0.5,1800,zone:us-east-1a,api_error_rate_pct,0\n" +
            "0,0.5,1800,\"cluster:a,\"\"b\"\"\",free_capacity_pct,99.5\n";
        Assert.That(bytes, Is.EqualTo(Encoding.UTF8.GetBytes(expected)), Encoding.UTF8.GetString(bytes));
    }

    [Test]
    public void SummaryCsvHasPeakPeakTimeFinalAndMinutesAboveOnePercentForApiErrorsOnly()
    {
        var bytes = Write(s => SummaryCsv.Write(s, RunSummary.Compute(SyntheticRuns.TinySeries())));

        // api errors: above 1 % at 1/60 h (until 0.3 h) and at 0.3 h (until 0.5 h) = 0.5 − 1/60 h = 29 min.
        const string expected =
            "scope,metric,unit,replications,peak,peak_time_h,final,minutes_above_1pct," +
            "peak_sd,peak_ci95_low,peak_ci95_high,peak_ci95_truncated,peak_min,peak_max,peak_p5,peak_p50,peak_p95," +
            "final_sd,final_ci95_low,final_ci95_high,final_ci95_truncated,final_min,final_max,final_p5,final_p50,final_p95," +
            "peak_time_h_p50,peak_time_h_min,peak_time_h_max\n" +
            "zone:us-east-1a,api_error_rate_pct,%,1,2.5,0.016667,0,29,,,,,2.5,2.5,2.5,2.5,2.5,,,,,0,0,0,0,0,0.016667,0.016667,0.016667\n" +
            "\"cluster:a,\"\"b\"\"\",free_capacity_pct,%,1,99.5,0.5,99.5,,,,,,99.5,99.5,99.5,99.5,99.5,,,,,99.5,99.5,99.5,99.5,99.5,0.5,0.5,0.5\n" +
            "zone:us-east-1a,volumes_stuck_pct,%,1,13.2,0.016667,7.25,,,,,,13.2,13.2,13.2,13.2,13.2,,,,,7.25,7.25,7.25,7.25,7.25,0.016667,0.016667,0.016667\n";
        Assert.That(bytes, Is.EqualTo(Encoding.UTF8.GetBytes(expected)), Encoding.UTF8.GetString(bytes));
    }

    [Test]
    public void NonUtf8AsciiTextIsUtf8WithoutByteOrderMark()
    {
        var bytes = Write(s => TimeSeriesCsv.Write(s, [new TimeSeriesRow(0, 0, "zone:zürich", "volumes_stuck_pct", 1)]));
        Assert.That(bytes[..3], Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(Encoding.UTF8.GetString(bytes), Does.Contain("0,0,0,zone:zürich,volumes_stuck_pct,1\n"));
    }

    [Test]
    public void AMillionRowsAreWrittenInSeconds()
    {
        var rows = new TimeSeriesRow[1_000_000];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new TimeSeriesRow(0, i / 60.0, "zone:us-east-1a", "volumes_stuck_pct", i * 1e-3 / 7);
        var clock = Stopwatch.StartNew();
        using var sink = new CountingStream();
        TimeSeriesCsv.Write(sink, rows);
        clock.Stop();
        Assert.That(sink.Length, Is.GreaterThan(40_000_000));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    private static byte[] Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    /// <summary>Counts bytes and throws them away, so the timing test measures formatting, not memory.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
