using FacebookToken.Json;
using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>-All follows a server's paging.next with GET only, stops when a link repeats, and ends after a page budget (issue 20, point 7).</summary>
public sealed class GraphPagingTests
{
    private static readonly FacebookEndpoint s_endpoint = new(graphBaseUri: new Uri("https://graph.facebook.com"));

    private static JsonObject Page(string? next) =>
        new JsonObject().Add("data", new List<object?>()).Add("paging", next is null ? new JsonObject() : new JsonObject().Add("next", next));

    private static string Link(int after) => "https://graph.facebook.com/v25.0/1/message_templates?limit=2&access_token=EAAGx0123456789&after=" + after;

    [Fact]
    public void FollowsDistinctLinks_AndEndsOnTheLastPage()
    {
        var paging = new GraphPaging(s_endpoint);

        GraphUri? second = paging.Next(Page(Link(1)));
        GraphUri? end = paging.Next(Page(null));

        Assert.Equal("1/message_templates", second!.Path);
        Assert.DoesNotContain(second.Query, p => p.Key == "access_token");
        Assert.Null(end);
    }

    [Fact]
    public void ALinkThatComesBack_EndsTheRunWithAnError()
    {
        var paging = new GraphPaging(s_endpoint);
        paging.Next(Page(Link(1)));
        paging.Next(Page(Link(2)));

        var ex = Assert.Throws<FacebookResponseException>(() => paging.Next(Page(Link(1))));

        Assert.Contains("already followed", ex.Message);
    }

    [Fact]
    public void TheRunEndsAfterThePageBudget()
    {
        var paging = new GraphPaging(s_endpoint);
        for (int i = 1; i < GraphPaging.MaxPages; i++)
        {
            Assert.NotNull(paging.Next(Page(Link(i))));
        }

        var ex = Assert.Throws<FacebookResponseException>(() => paging.Next(Page(Link(GraphPaging.MaxPages))));

        Assert.Contains(GraphPaging.MaxPages.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public void AllIsRefusedForAWrite(string method)
    {
        var call = new GraphCall(method, GraphUri.Parse("1/messages", s_endpoint.GraphBaseUri), "EAAGx0123456789abcdef".AsToken());

        var ex = Assert.Throws<FacebookInputException>(() => GraphPaging.CheckMethod(call));

        Assert.Equal("AllWithoutGet", ex.ErrorId);
    }
}
