using System.Text.Json;
using Ferry.Core.Deltas;

namespace Ferry.Core.Tests.Deltas;

public class DeltaRecordsTests
{
    [Fact]
    public void Delta_step_inputs_and_outputs_round_trip_through_json()
    {
        var ticket = new DeltaTicket(Guid.NewGuid(), ["d001", "d002"]);
        var result = new DistrictDelta("d001", "41", "57", 12, 3, 1, 2, 1, ["dbo.Staff", "dbo.Student"]);

        var ticketBack = JsonSerializer.Deserialize<DeltaTicket>(JsonSerializer.Serialize(ticket))!;
        var resultBack = JsonSerializer.Deserialize<DistrictDelta>(JsonSerializer.Serialize(result))!;

        Assert.Equal(ticket.RunId, ticketBack.RunId);
        Assert.Equal(ticket.Districts, ticketBack.Districts);
        Assert.Equal(result with { ChangedEntities = [] }, resultBack with { ChangedEntities = [] });
        Assert.Equal(result.ChangedEntities, resultBack.ChangedEntities);
        Assert.Equal(15, resultBack.Rows);
    }
}
