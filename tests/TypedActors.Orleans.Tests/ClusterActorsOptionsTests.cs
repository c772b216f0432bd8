namespace TypedActors.Orleans.Tests;

public sealed class ClusterActorsOptionsTests
{
    [Fact]
    public void Client_probing_has_documented_defaults()
    {
        var options = new ClusterActorsOptions();

        Assert.Equal(TimeSpan.FromSeconds(2), options.ClientProbeInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ClientProbeTimeout);
        Assert.Equal(3, options.ClientMissedProbesLimit);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Client_probe_durations_must_be_positive(int milliseconds)
    {
        var options = new ClusterActorsOptions();
        TimeSpan value = TimeSpan.FromMilliseconds(milliseconds);

        var interval = Assert.Throws<ArgumentOutOfRangeException>(() => options.ClientProbeInterval = value);
        var timeout = Assert.Throws<ArgumentOutOfRangeException>(() => options.ClientProbeTimeout = value);

        Assert.Equal(nameof(ClusterActorsOptions.ClientProbeInterval), interval.ParamName);
        Assert.Equal(nameof(ClusterActorsOptions.ClientProbeTimeout), timeout.ParamName);
    }

    [Fact]
    public void Client_probe_durations_must_fit_a_timer()
    {
        var options = new ClusterActorsOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.ClientProbeInterval = TimeSpan.FromDays(30));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.ClientProbeTimeout = Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public void At_least_one_missed_probe_declares_a_client_lost()
    {
        var options = new ClusterActorsOptions { ClientMissedProbesLimit = 1 };

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => options.ClientMissedProbesLimit = 0);

        Assert.Equal(1, options.ClientMissedProbesLimit);
        Assert.Equal(nameof(ClusterActorsOptions.ClientMissedProbesLimit), exception.ParamName);
    }

    [Fact]
    public void An_outbox_holds_at_least_one_delivery_and_a_hundred_thousand_by_default()
    {
        var options = new ClusterActorsOptions();
        Assert.Equal(100_000, options.MaxOutboxDeliveries);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxOutboxDeliveries = 0);

        Assert.Equal(100_000, options.MaxOutboxDeliveries);
        Assert.Equal(nameof(ClusterActorsOptions.MaxOutboxDeliveries), exception.ParamName);
        options.MaxOutboxDeliveries = 1;
        Assert.Equal(1, options.MaxOutboxDeliveries);
    }

    [Fact]
    public void Durable_actors_are_never_passivated_by_default_and_wait_twenty_seconds_for_their_persistence_id()
    {
        var options = new ClusterActorsOptions();

        Assert.Null(options.PassivateDurableActorsAfter);
        Assert.Equal(TimeSpan.FromSeconds(20), options.DurableOwnershipTimeout);
        options.PassivateDurableActorsAfter = TimeSpan.FromMinutes(10);
        Assert.Equal(TimeSpan.FromMinutes(10), options.PassivateDurableActorsAfter);
        options.PassivateDurableActorsAfter = null;
        Assert.Null(options.PassivateDurableActorsAfter);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Durable_actor_durations_must_be_positive_and_fit_a_timer(int milliseconds)
    {
        var options = new ClusterActorsOptions();
        TimeSpan value = TimeSpan.FromMilliseconds(milliseconds);

        var passivate = Assert.Throws<ArgumentOutOfRangeException>(() => options.PassivateDurableActorsAfter = value);
        var ownership = Assert.Throws<ArgumentOutOfRangeException>(() => options.DurableOwnershipTimeout = value);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.PassivateDurableActorsAfter = TimeSpan.FromDays(30));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.DurableOwnershipTimeout = Timeout.InfiniteTimeSpan);

        Assert.Equal(nameof(ClusterActorsOptions.PassivateDurableActorsAfter), passivate.ParamName);
        Assert.Equal(nameof(ClusterActorsOptions.DurableOwnershipTimeout), ownership.ParamName);
        Assert.Null(options.PassivateDurableActorsAfter);
        Assert.Equal(TimeSpan.FromSeconds(20), options.DurableOwnershipTimeout);
    }

    [Fact]
    public void Passivation_takes_at_least_one_second()
    {
        var options = new ClusterActorsOptions();

        // Shorter, its check period (a quarter of it) would round to nothing, and a parked delivery could outlast it.
        var tooShort = Assert.Throws<ArgumentOutOfRangeException>(() => options.PassivateDurableActorsAfter = TimeSpan.FromMilliseconds(999));
        Assert.Equal(nameof(ClusterActorsOptions.PassivateDurableActorsAfter), tooShort.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.PassivateDurableActorsAfter = TimeSpan.FromTicks(3));
        Assert.Null(options.PassivateDurableActorsAfter);

        options.PassivateDurableActorsAfter = TimeSpan.FromSeconds(1);
        Assert.Equal(ClusterActorsOptions.MinPassivateDurableActorsAfter, options.PassivateDurableActorsAfter);
    }
}
