namespace Simulator.Scenarios;

/// <summary>A model record: its settable properties by YAML name.</summary>
internal sealed class RecordShape(Type type)
{
    public Type Type { get; } = type;
    public List<PropertyShape> Properties { get; } = [];

    public PropertyShape? Find(string name) => Properties.Find(p => p.Name == name);

    public IEnumerable<string> Names => Properties.Select(p => p.Name);
}
