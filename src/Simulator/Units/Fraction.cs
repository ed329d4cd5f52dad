using System.Globalization;

namespace Simulator.Units;

/// <summary>
/// A proportion: 0.13 is 13 %. Text is a percentage ("13%", "2.5%") or a plain number ("0.13").
/// Parsing refuses values above 1 (100 %) unless the caller allows them.
/// </summary>
public readonly record struct Fraction(double Value) : IComparable<Fraction>
{
    private const string Expected = "expected a fraction such as \"13%\" or \"0.13\"";

    public static readonly Fraction Zero = new(0);
    public static readonly Fraction One = new(1);

    /// <summary>The value in percent (0.13 → 13), rounded so that 0.13 gives exactly 13.</summary>
    public double Percent
    {
        get
        {
            foreach (string candidate in UnitText.Candidates(Value * 100))
            {
                double percent = double.Parse(candidate, CultureInfo.InvariantCulture);
                if (percent / 100 == Value) return percent;
            }
            return Value * 100;
        }
    }

    /// <summary>A fraction of <paramref name="pct"/> percent (13 → 0.13).</summary>
    public static Fraction FromPercent(double pct) => new(PercentToValue(pct));

    /// <summary>Divides in decimal where it can, so that 0.7 % is exactly the double nearest 0.007.</summary>
    private static double PercentToValue(double pct) =>
        Math.Abs(pct) < 1e15 && pct == Math.Round(pct, 12) ? (double)((decimal)pct / 100) : pct / 100;

    public static bool operator <(Fraction a, Fraction b) => a.Value < b.Value;
    public static bool operator >(Fraction a, Fraction b) => a.Value > b.Value;
    public static bool operator <=(Fraction a, Fraction b) => a.Value <= b.Value;
    public static bool operator >=(Fraction a, Fraction b) => a.Value >= b.Value;
    public int CompareTo(Fraction other) => Value.CompareTo(other.Value);

    /// <summary>Prints as a percentage that parses back to the same value ("13%", "2.5%").</summary>
    public override string ToString()
    {
        foreach (string number in UnitText.Candidates(Value * 100))
            if (TryParse(number + "%", allowAboveOne: true, out var back, out _) && back.Value == Value)
                return number + "%";
        return Value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Parses "13%", "2.5%" or "0.13"; refuses values above 100 %.</summary>
    /// <exception cref="FormatException">with the text and what was expected.</exception>
    public static Fraction Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Parses a fraction in [0, 1]; on failure <paramref name="error"/> is a sentence saying what was expected and found.</summary>
    public static bool TryParse(string text, out Fraction value, out string error) =>
        TryParse(text, allowAboveOne: false, out value, out error);

    /// <summary>Parses a non-negative fraction, above 1 (100 %) only when <paramref name="allowAboveOne"/>.</summary>
    public static bool TryParse(string text, bool allowAboveOne, out Fraction value, out string error)
    {
        value = Zero;
        error = "";
        if (!UnitText.TrySplit(text, out string number, out string unit) || !UnitText.TryParseDouble(number, out double amount)
            || unit is not ("" or "%"))
        { error = $"{Expected}, found {UnitText.Found(text)}"; return false; }
        if (amount < 0) { error = $"expected a non-negative fraction, found \"{text}\""; return false; }
        double fraction = unit != "%" ? amount
            : UnitText.TryParseDecimal(number, out decimal exact) ? (double)(exact / 100) : amount / 100;
        if (fraction > 1 && !allowAboveOne) { error = $"expected a fraction between 0% and 100%, found \"{text}\""; return false; }
        value = new Fraction(fraction);
        return true;
    }
}
