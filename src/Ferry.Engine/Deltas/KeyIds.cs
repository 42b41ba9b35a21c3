using System.Data.Common;
using Ferry.Core.Mapping;
using Ferry.Engine.Pipeline;

namespace Ferry.Engine.Deltas;

/// <summary>
/// The row ids of keys read on their own (the key columns, in key order), derived exactly as a load derives them, so a
/// delta knows the target row of a key whose legacy row is gone.
/// </summary>
internal static class KeyIds
{
    /// <summary>Every id of the reader's keys; keys with a NULL column have none.</summary>
    public static async Task<HashSet<Guid>> ReadAsync(LoadContext ctx, DbDataReader reader, CancellationToken cancellationToken)
    {
        var transfers = ctx.KeyOrdinals.Select((k, i) => TransferFactory.Create(reader, i, ctx.TargetKinds[k])).ToArray();
        var key = new CanonicalKey();
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            key.Begin();
            var complete = true;
            for (var i = 0; i < transfers.Length; i++)
            {
                transfers[i].Read(reader, i);
                if (transfers[i].IsNull)
                {
                    complete = false;
                    break;
                }

                transfers[i].AppendKey(key, ctx.KeyInsensitive[i]);
            }

            if (complete)
            {
                ids.Add(ctx.RowIds.For(key.Text));
            }
        }

        return ids;
    }
}
