namespace ParkingBot.Language.Replies;

/// <summary>What a customer wrote at one of the bot's questions, and what it meant there (a <see cref="ReplyLabels"/> label).</summary>
public sealed record ReplyExample(string Question, string Label, string Text);

/// <summary>What a reply may mean at a question: the learned classifier's classes.</summary>
public static class ReplyLabels
{
    public const string Yes = "yes";
    public const string No = "no";

    /// <summary>Wants to drop the inquiry (or, waiting for an agent, to stop waiting).</summary>
    public const string Stop = "stop";

    /// <summary>Asks something instead of answering.</summary>
    public const string Question = "question";

    /// <summary>A remark, feeling or thanks that neither answers nor asks (at the comment prompt: the comment itself).</summary>
    public const string Comment = "comment";

    public static readonly IReadOnlyList<string> All = [Yes, No, Stop, Question, Comment];
}

/// <summary>
/// The replies corpus (cognitive-models/replies.tsv and its held-out set): question TAB label TAB what the customer
/// wrote, written from the playbooks in customers' voices. Blank lines and lines starting with # are skipped.
/// </summary>
public static class ReplyCorpus
{
    public const string DefaultFileName = "cognitive-models/replies.tsv";

    public static IReadOnlyList<ReplyExample> Load(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        return Read(reader, path);
    }

    public static IReadOnlyList<ReplyExample> Read(TextReader reader, string source)
    {
        var examples = new List<ReplyExample>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var fields = line.Split('\t');
            if (fields.Length != 3 || fields.Any(f => f.Trim().Length == 0))
            {
                throw new InvalidDataException($"{source}:{number}: expected question<TAB>label<TAB>reply.");
            }
            if (!ReplyLabels.All.Contains(fields[1].Trim()))
            {
                throw new InvalidDataException($"{source}:{number}: '{fields[1]}' is not a label ({string.Join(", ", ReplyLabels.All)}).");
            }
            examples.Add(new ReplyExample(fields[0].Trim(), fields[1].Trim(), fields[2].Trim()));
        }
        return examples;
    }
}
