using System;
using System.Globalization;
using System.Threading;
using Xunit;

namespace FacebookToken.Tests;

public class DisplayFormatTests
{
    [Theory]
    [InlineData(null, "never")]
    [InlineData(-3600.0, "expired")]
    [InlineData(0.0, "expired")]
    [InlineData(20.0, "<1m")]
    [InlineData(570.0, "9m")]
    [InlineData(5370.0, "1h 29m")]
    [InlineData(86399.0, "23h 59m")]
    [InlineData(86400.0, "1d 0h")]
    [InlineData(5182200.0, "59d 23h")]
    public void TimeLeftReadsTheTwoLargestUnitsRoundedDown(double? seconds, string expected)
    {
        TimeSpan? left = seconds.HasValue ? TimeSpan.FromSeconds(seconds.Value) : null;

        Assert.Equal(expected, DisplayFormat.TimeLeft(left));
    }

    [Fact]
    public void DatesAreUtcToTheMinuteWhateverTheOffsetAndCulture()
    {
        CultureInfo saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            // A culture whose own date and time separators differ from ISO's must not leak into the text.
            Thread.CurrentThread.CurrentCulture = new CultureInfo("fi-FI");
            var local = new DateTimeOffset(2027, 2, 5, 1, 2, 35, TimeSpan.FromHours(2));

            Assert.Equal("2027-02-04 23:02Z", DisplayFormat.Date(local));
            Assert.Equal("2027-02-04 23:02Z", DisplayFormat.Expiry(local));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void AMissingDateIsEmptyAndAMissingExpiryIsNever()
    {
        Assert.Equal(string.Empty, DisplayFormat.Date(null));
        Assert.Equal("never", DisplayFormat.Expiry(null));
        Assert.Equal("never", DisplayFormat.TimeUntil(null));
    }

    [Fact]
    public void TimeUntilMeasuresFromNow()
    {
        Assert.Equal("expired", DisplayFormat.TimeUntil(DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal("59d 23h", DisplayFormat.TimeUntil(DateTimeOffset.UtcNow.AddDays(60).AddMinutes(-30)));
    }
}
