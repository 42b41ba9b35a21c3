using SdkConverter = Microsoft.DurableTask.DataConverter;

namespace Ferry.Host;

/// <summary>
/// Serialises the client's payloads (inputs, events, termination reasons) as the worker's shims do, with the SDK's
/// converter (System.Text.Json), so an orchestration reads the input a client gave it.
/// </summary>
internal sealed class PayloadConverter(SdkConverter converter) : DurableTask.Core.Serializing.DataConverter
{
    public override string Serialize(object value) => converter.Serialize(value) ?? "null";

    public override string Serialize(object value, bool formatted) => Serialize(value);

    public override object Deserialize(string data, Type objectType) => converter.Deserialize(data, objectType)!;
}
