namespace Simulator.Scenarios;

/// <summary>
/// A model record with rules across its fields ("replicas must not exceed nodes"). <see cref="Validate"/> runs
/// after the record and everything in it were read without errors; each problem is reported with the record's
/// path in front of <c>RelativePath</c> and at the line of that field when it is in the file.
/// </summary>
public interface IValidatable
{
    /// <summary>Problems found, each with a path relative to this record ("" for the record itself, "zones[1].nodes").</summary>
    IEnumerable<(string RelativePath, string Message)> Validate();
}
