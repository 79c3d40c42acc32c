namespace ParkingBot.Framework.Cluster;

/// <summary>
/// Tells the other instances that something changed, by topic and id only (never a payload: what changed is read from
/// the database). Rings from this instance are not passed back to it: the code that rings wakes its own listeners itself.
/// </summary>
public interface IDoorbell
{
    /// <summary>Rings <paramref name="id"/> of <paramref name="topic"/> on every other instance; a doorbell that cannot ring logs it and returns.</summary>
    Task RingAsync(string topic, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="onRing"/> for each ring of <paramref name="topic"/> from another instance, and with null after
    /// the instance may have missed rings (its listening connection was lost): then everything is to be read again.
    /// </summary>
    void Subscribe(string topic, Action<string?> onRing);
}

/// <summary>One instance (the SQLite default): there is nobody else to tell.</summary>
public sealed class SingleInstanceDoorbell : IDoorbell
{
    public Task RingAsync(string topic, string id, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void Subscribe(string topic, Action<string?> onRing)
    {
    }
}
