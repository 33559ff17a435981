using FashionMnistSample;
using Spectre.Console;

// A redirected console (a CI log, a file) has no width of its own: Spectre assumes 80 columns, which would wrap the
// lab's tables. Give such output room instead.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Console.Profile.Width = 160;
}

return App.Run(args, AnsiConsole.Console, Console.Error);
