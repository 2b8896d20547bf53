using AwsContainerInventory.Inventory;
using AwsContainerInventory.Session;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.TestEndpoint;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Inventory;

/// <summary>
/// The admission of a run's pairs: a few at a time, each permit back at the answer to the pair's first call (or when
/// the pair ends, once), and work that waits for every other pair never held out.
/// </summary>
[Collection(SessionCollection.Name)]
public sealed class PairStartsTests : IAsyncLifetime
{
    private ScriptedAwsEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await ScriptedAwsEndpoint.StartAsync();

    public async Task DisposeAsync()
    {
        SessionStore.Clear();
        await _endpoint.DisposeAsync();
    }

    private sealed class RecordingObserver : ICallObserver
    {
        public List<string> Calls { get; } = new();
        public List<string> Retries { get; } = new();
        public int Answers;
        public bool WantsAnswers { get; set; } = true;
        public void OnCall(AwsRequest request) => Calls.Add(request.Operation);
        public void OnRetry(AwsRequest request, int attempt, TimeSpan delay, string reason) => Retries.Add(request.Operation + " " + attempt);
        public void OnAnswered(AwsRequest request) => Interlocked.Increment(ref Answers);
    }

    private static AwsRequest Request(string operation) =>
        new("ecr", operation, "us-east-1", new Uri("https://aws.test/"), "application/x-amz-json-1.1", "AmazonEC2ContainerRegistry_V20150921." + operation,
            Array.Empty<byte>(), new StaticCredentialProvider(new AwsCredentials("AKIDPAIRS", "pairs-secret"), "test"));

    /// <summary>Enters a pair; its permit once it is admitted (null until then).</summary>
    private static Func<PairStart?> Enter(PairStarts starts)
    {
        PairStart? admitted = null;
        starts.Enter(permit => admitted = permit);
        return () => admitted;
    }

    [Fact]
    public void Admits_up_to_the_limit_and_lets_the_next_pair_in_at_the_first_answer()
    {
        var run = new RecordingObserver();
        var starts = new PairStarts(2, run);
        PairStart first = Enter(starts)()!;
        PairStart second = Enter(starts)()!;
        Func<PairStart?> third = Enter(starts);
        Assert.Null(third());
        Assert.Equal(1, starts.Waiting);

        first.OnAnswered(Request("DescribeRepositories"));
        PairStart admitted = Assert.IsType<PairStart>(third());
        Assert.Equal(0, starts.Waiting);

        // Later answers and the pair's end give nothing back twice: exactly two permits again once all three are done.
        first.OnAnswered(Request("ListTagsForResource"));
        first.Dispose();
        second.Dispose();
        admitted.Dispose();
        admitted.Dispose();
        Assert.NotNull(Enter(starts)());
        Assert.NotNull(Enter(starts)());
        Assert.Null(Enter(starts)());
    }

    [Fact]
    public void Waiting_pairs_start_in_the_order_they_came()
    {
        var run = new RecordingObserver();
        var starts = new PairStarts(1, run);
        var order = new List<int>();
        PairStart held = Enter(starts)()!;
        var permits = new List<PairStart>();
        for (int i = 0; i < 3; i++)
        {
            int pair = i;
            starts.Enter(permit => { order.Add(pair); permits.Add(permit); });
        }

        held.Dispose();
        permits[0].Dispose();
        permits[1].OnAnswered(Request("ListClusters"));

        Assert.Equal(new[] { 0, 1, 2 }, order);
    }

    [Fact]
    public void Waiting_pairs_start_without_a_permit_when_the_run_stops_and_give_none_back()
    {
        using var stop = new CancellationTokenSource();
        var starts = new PairStarts(1, new RecordingObserver(), stop.Token);
        PairStart held = Enter(starts)()!;
        Func<PairStart?> first = Enter(starts);
        Func<PairStart?> second = Enter(starts);

        stop.Cancel();
        Assert.NotNull(first());
        Assert.NotNull(second());
        Assert.Equal(0, starts.Waiting);
        // Started after the stop: at once, whatever the permits.
        Assert.NotNull(Enter(starts)());

        // The pairs started without a permit return none: the one permit is back once, with the held pair.
        first()!.Dispose();
        second()!.Dispose();
        Assert.Equal(0, starts.Available);
        held.Dispose();
        Assert.Equal(1, starts.Available);
    }

    [Fact]
    public void Tells_the_run_every_call_and_retry_and_wants_answers_only_until_the_first()
    {
        var run = new RecordingObserver();
        PairStart pair = Enter(new PairStarts(1, run))()!;
        AwsRequest request = Request("DescribeRepositories");

        Assert.True(pair.WantsAnswers);
        pair.OnCall(request);
        pair.OnRetry(request, 1, TimeSpan.Zero, "ThrottlingException");
        pair.OnAnswered(request);
        Assert.False(pair.WantsAnswers);
        pair.OnCall(request);

        Assert.Equal(new[] { "DescribeRepositories", "DescribeRepositories" }, run.Calls);
        Assert.Equal(new[] { "DescribeRepositories 1" }, run.Retries);
        Assert.Equal(0, run.Answers); // answers are the pair's own business
    }

    [Fact]
    public async Task A_client_tells_the_answer_of_each_call_made_while_wanted_whether_it_succeeded_or_failed()
    {
        int calls = 0;
        var handler = new FakeAwsHandler()
            .On("DescribeRepositories", _ => Interlocked.Increment(ref calls) == 1
                ? FakeResponse.Json(new { repositories = new[] { new { repositoryName = "r" } } })
                : FakeResponse.Error(400, "AccessDeniedException", "no"));
        var keys = new StaticCredentialProvider(new AwsCredentials("AKIDPAIRS", "pairs-secret"), "test");
        handler.Estate.AddCredential("AKIDPAIRS", "pairs-secret", FakeEstate.Account);
        var transport = new AwsTransport(2, new RetryPolicy(0), new HttpClient(handler));
        var observer = new RecordingObserver();
        var client = new EcrClient(transport, new Uri("https://aws.test/"), "us-east-1", keys, observer);

        await client.DescribeRepositoriesAsync(100, null, CancellationToken.None);
        Assert.Equal(1, observer.Answers);
        await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeRepositoriesAsync(100, null, CancellationToken.None));
        Assert.Equal(2, observer.Answers);

        observer.WantsAnswers = false;
        await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeRepositoriesAsync(100, null, CancellationToken.None));
        Assert.Equal(2, observer.Answers);
    }

    private static readonly string[] Regions = { "us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2" };

    /// <summary>Six roles in four regions: 24 pairs, more than the 16 a run admits at once with ParallelRequests 1.</summary>
    private void ConnectToManyPairs()
    {
        string[] accounts = Enumerable.Range(1, 6).Select(i => "20000000000" + i).ToArray();
        foreach (string account in accounts) _endpoint.Estate.AddRole(account, "Inventory");
        _endpoint.Estate.AddCluster(accounts[5], "ap-southeast-2", "last");
        CmdletHarness.Connect(null, parallelRequests: 1, regions: Regions, roles: accounts.Select(a => AwsShapes.RoleArn(a, "Inventory")).ToArray(),
            endpoint: _endpoint.BaseUri, keys: new AwsCredentials(Estate.DefaultAccessKeyId, Estate.DefaultSecretAccessKey));
    }

    [Fact]
    public async Task More_pairs_than_are_admitted_at_once_are_all_read()
    {
        ConnectToManyPairs();

        var result = await Task.Run(() => CmdletHarness.Invoke("Get-EcsCluster")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(result.Errors);
        Assert.Equal("last", Assert.Single(result.Of<EcsCluster>()).Name);
        Assert.Equal(24, _endpoint.Stats.CallCount("ListClusters"));
    }

    [Fact]
    public async Task A_run_stopped_while_pairs_wait_for_their_turn_ends_at_once_and_calls_no_more()
    {
        ConnectToManyPairs();
        // One call at a time, 100 ms each: the six AssumeRole calls take 0.6 s, then 16 of the 24 pairs are admitted and
        // the other 8 wait for their turn when the run is stopped.
        _endpoint.Faults.LatencyMs = 100;

        TimeSpan stopping = await CmdletHarness.StopAfterAsync("Get-EcsCluster", TimeSpan.FromMilliseconds(900)).WaitAsync(TimeSpan.FromSeconds(30));
        int atStop = _endpoint.Stats.TotalCalls;
        await Task.Delay(500);

        Assert.True(stopping < TimeSpan.FromSeconds(3), "Stop took " + stopping);
        Assert.Equal(atStop, _endpoint.Stats.TotalCalls);
        Assert.InRange(_endpoint.Stats.CallCount("ListClusters"), 1, 8);
    }

    [Theory]
    [InlineData("Get-ContainerExposure")]
    [InlineData("Get-EcrImage -InUse")]
    public async Task Work_that_waits_for_every_other_pair_is_not_held_out_by_the_limit(string command)
    {
        ConnectToManyPairs();

        // Admitted with the others, the second part's pairs would hold every permit waiting for first parts that could not start.
        var result = await Task.Run(() => CmdletHarness.Invoke(command)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(result.Errors);
        Assert.Equal(24, _endpoint.Stats.CallCount("ListClusters"));
    }
}
