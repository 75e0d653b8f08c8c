using System.CommandLine;
using Ingestion.Ops.DeadLetters;

namespace Ingestion.Ops.Commands.Dlq;

/// <summary>The selection options <c>dlq list</c> and <c>dlq replay</c> share.</summary>
internal sealed class DlqFilterOptions
{
    public Option<string?> Reason { get; } = new("--reason") { Description = "Only this reason: deserialization, validation or exhausted." };
    public Option<string?> ErrorContains { get; } = new("--error-contains") { Description = "Only records whose error contains this text (case-insensitive)." };
    public Option<string?> Name { get; } = new("--name") { Description = "Only records of this metric name." };
    public Option<DateTimeOffset?> Since { get; } = new("--since") { Description = "Only records dead-lettered at or after this time (ISO 8601)." };
    public Option<DateTimeOffset?> Until { get; } = new("--until") { Description = "Only records dead-lettered before this time (ISO 8601)." };
    public Option<int?> Limit { get; } = new("--limit") { Description = "At most this many records." };
    public Option<string?> DeadLetterTopic { get; } = TopicOptions.DeadLetter();
    public Option<string?> ReplayGroup { get; } = DlqOpening.ReplayGroupOption();

    public void AddTo(Command command)
    {
        command.Options.Add(Reason);
        command.Options.Add(ErrorContains);
        command.Options.Add(Name);
        command.Options.Add(Since);
        command.Options.Add(Until);
        command.Options.Add(Limit);
        command.Options.Add(DeadLetterTopic);
        command.Options.Add(ReplayGroup);
        Limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1) result.AddError("--limit must be at least 1.");
        });
    }

    public DeadLetterFilter Filter(ParseResult parse) =>
        new(parse.GetValue(Reason), parse.GetValue(ErrorContains), parse.GetValue(Name), parse.GetValue(Since), parse.GetValue(Until));

    public string Topic(ParseResult parse, OpsContext context) => parse.GetValue(DeadLetterTopic) ?? context.Settings.DeadLetterTopic;

    public string Group(ParseResult parse, OpsContext context) => parse.GetValue(ReplayGroup) ?? context.Settings.ReplayGroup;
}
