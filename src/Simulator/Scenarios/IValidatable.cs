namespace Simulator.Scenarios;

/// <summary>
/// A model record with rules across its fields ("replicas must not exceed nodes"). <see cref="Validate"/> runs on
/// every record that was read as a mapping, after everything in it, even when some of its fields have errors: so a
/// file's field errors and its cross-field problems are reported together.
/// <para>
/// A field whose value was wrong keeps its default (the initializer; null or zero for a <c>required</c> member; null
/// or zero for a list item that could not be read at all). A rule reads only fields that
/// <see cref="ValidationContext.IsBound"/> says were read, and does not dereference others:
/// <code>
/// if (context.IsBound("nodes", "replicas") &amp;&amp; Replicas &gt; Nodes)
///     yield return ("replicas", $"must not exceed nodes ({Nodes})");
/// </code>
/// A problem whose path is not bound is dropped (that field has its own error).
/// </para>
/// <para>
/// Each problem is reported with the record's path in front of <c>RelativePath</c>, at the line of that field, or,
/// when the field is absent (a default), at the nearest enclosing mapping or list in the file. A rule that compares
/// two fields names the one the file gives (<see cref="ValidationContext.IsGiven"/>).
/// </para>
/// </summary>
public interface IValidatable
{
    /// <summary>Problems found, each with a path relative to this record ("" for the record itself, "zones[1].nodes").</summary>
    IEnumerable<(string RelativePath, string Message)> Validate(ValidationContext context);
}
