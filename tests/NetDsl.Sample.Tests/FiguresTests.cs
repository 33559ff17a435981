using System.Globalization;
using FashionMnistSample;

namespace NetDsl.Sample.Tests;

public class FiguresTests
{
    [Theory]
    [InlineData(0.31514, "0.3151")]
    [InlineData(99999.5, "99999.5000")]
    [InlineData(546293902616136667812404920320.0, "5.46E+029")]
    [InlineData(-2e6, "-2.00E+006")]
    [InlineData(double.NaN, "NaN")]
    public void Losses_take_four_decimals_until_they_are_too_large_for_them(double loss, string printed)
        => Assert.Equal(printed, Figures.Loss(loss));

    [Fact]
    public void An_infinite_loss_is_printed_as_the_culture_names_infinity_not_in_scientific_notation()
        => Assert.Equal(double.PositiveInfinity.ToString(CultureInfo.CurrentCulture),
            Figures.Loss(double.PositiveInfinity));

    [Theory]
    [InlineData("lab-best.safetensors", "lab-best.safetensors")]
    [InlineData("/tmp/run_2/lab-best.safetensors", "/tmp/run_2/lab-best.safetensors")]
    [InlineData("ünï côdé/lab-best.safetensors", "'ünï côdé/lab-best.safetensors'")]
    [InlineData("it's/w.safetensors", @"'it'\''s/w.safetensors'")]
    [InlineData("$HOME/w", "'$HOME/w'")]
    public void A_printed_path_reads_back_as_one_shell_word(string path, string word)
        => Assert.Equal(word, Figures.ShellWord(path));
}
