using Ferry.Core.Planning;
using Npgsql;

namespace Ferry.Postgres.Target.Constraints;

/// <summary>
/// Moves rows found wrong after the load (a reference without a parent, a duplicated key) from a target table into
/// the quarantine in one statement: the change (a DELETE or UPDATE ... RETURNING the rows) feeds the quarantine
/// insert, so a row is never gone from both. The rows are attributed to the run that loaded their tenant.
/// </summary>
public static class QuarantineSweep
{
    /// <summary>The statement, with parameters $1 entity, $2 action, $3 reason code, $4 columns, $5 reason.</summary>
    public static string Sql(EntityMapping entity, string change)
    {
        var legacyKey = "concat_ws('|', " + string.Join(", ", entity.Key.Select(k => $"bad.{PgIdentifier.Quote(entity.Column(k).Target)}::text")) + ")";
        return $"WITH bad AS ({change}) INSERT INTO ferry.quarantine (run_id, tenant_id, district_id, entity, legacy_key, id, action, reason_code, column_name, reason, row) " +
            $"SELECT l.run_id, bad.tenant_id, l.district_id, $1, {legacyKey}, bad.id, $2, $3, $4, $5, to_jsonb(bad) " +
            "FROM bad JOIN ferry.load l ON l.tenant_id = bad.tenant_id AND l.entity = $1";
    }

    public static void Bind(NpgsqlCommand cmd, EntityMapping entity, string action, string reasonCode, string columns, string reason)
    {
        cmd.Parameters.AddWithValue(entity.Name);
        cmd.Parameters.AddWithValue(action);
        cmd.Parameters.AddWithValue(reasonCode);
        cmd.Parameters.AddWithValue(columns);
        cmd.Parameters.AddWithValue(reason);
    }
}
