using System.Text;
using Ferry.Sample.Sql;

namespace Ferry.Sample.Loading;

/// <summary>Rejects options that would fail half-way through, before any database is touched.</summary>
internal static class SampleOptionsCheck
{
    public static void Validate(SampleOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AdminConnection, nameof(options.AdminConnection));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Districts, 1, nameof(options.Districts));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Districts, 999, nameof(options.Districts));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Students, 1, nameof(options.Students));
        ArgumentOutOfRangeException.ThrowIfNegative(options.AssessmentResults ?? 0, nameof(options.AssessmentResults));
        ArgumentException.ThrowIfNullOrEmpty(options.DatabasePrefix, nameof(options.DatabasePrefix));
        if (Encoding.UTF8.GetByteCount(options.DatabasePrefix + "d000") > PgIdentifier.MaxBytes)
        {
            throw new ArgumentException($"database prefix '{options.DatabasePrefix}' makes names longer than {PgIdentifier.MaxBytes} bytes", nameof(options));
        }
    }
}
