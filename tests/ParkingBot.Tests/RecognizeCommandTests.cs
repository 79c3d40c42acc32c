using ParkingBot.Testing;
using System.Text.Json;
using ParkingBot.Tests.Infrastructure;

namespace ParkingBot.Tests;

public class RecognizeCommandTests
{
    [Fact]
    public async Task Each_line_in_becomes_one_json_line_out_and_nothing_else()
    {
        const string input = "어제 오후 3시쯤 12가3456으로 들어갔어요\n1234번 출구\n2시에 입차했어요\n";

        var (exitCode, output, _) = await HostProcess.RunCommandAsync(input, "recognize", "--now", "2026-11-20T15:00+09:00");

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.InRange(lines[0].GetProperty("score").GetDouble(), 0.0, 1.0);
        Assert.All(lines, l => Assert.False(string.IsNullOrEmpty(l.GetProperty("intent").GetString())));
        var first = lines[0].GetProperty("entities");
        Assert.Equal("어제 오후 3시쯤 12가3456으로 들어갔어요", lines[0].GetProperty("text").GetString());
        Assert.Equal(("DateTime", "2026-11-19T15:00", 0, 9), (first[0].GetProperty("type").GetString(), first[0].GetProperty("resolution").GetString(), first[0].GetProperty("start").GetInt32(), first[0].GetProperty("end").GetInt32()));
        Assert.Equal(("CarNumber", "12가3456"), (first[1].GetProperty("type").GetString(), first[1].GetProperty("resolution").GetString()));
        Assert.Equal(0, lines[1].GetProperty("entities").GetArrayLength());
        Assert.Equal(["02:00", "14:00"], lines[2].GetProperty("entities")[0].GetProperty("candidates").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Nlu_eval_prints_accuracy_per_intent_metrics_and_a_confusion_matrix()
    {
        var file = Path.Combine(TestFolders.Create("parkingbot-nlu-"), "set.tsv");
        await File.WriteAllTextAsync(file, "AgentRequest\t상담원 연결해 주세요\nCancel\t그만할래요\nTicketPaymentTiming\t주차권은 언제 결제되나요\n");

        var (exitCode, output, _) = await HostProcess.RunCommandAsync("", "nlu-eval", file);

        Assert.Equal(0, exitCode);
        Assert.Contains("accuracy: 100.00 % (3/3)", output);
        Assert.Matches(@"AgentRequest\s+1\s+1\.000\s+1\.000\s+1\.000", output);
        Assert.Contains("confusion matrix", output);
        Assert.Matches(@"trained on \d+ utterances, \d+ features, in \d+ ms", output);
        Assert.Matches(@"recognition time: [\d.]+ ms per utterance", output);
    }

    [Fact]
    public async Task Replies_eval_prints_the_cross_validation_and_accuracy_per_label_and_question_and_lists_misses()
    {
        var file = Path.Combine(TestFolders.Create("parkingbot-replies-"), "set.tsv");
        // The second line is labelled the wrong way on purpose: it must show as a miss.
        await File.WriteAllTextAsync(file, "callButton\tyes\t네 있어요\ncallButton\tno\t네 호출 버튼 있습니다\n");

        var (exitCode, output, _) = await HostProcess.RunCommandAsync("", "replies-eval", file, "--errors");

        Assert.Equal(0, exitCode);
        Assert.Matches(@"trained on \d+ replies, \d+ features", output);
        Assert.Matches(@"4-fold cross-validation: [\d.]+ %", output);
        Assert.Contains("accuracy: 50.00 % (1/2)", output);
        Assert.Matches(@"question callButton\s+1/2", output);
        Assert.Contains("callButton\tno\tyes", output);
    }

    [Fact]
    public async Task Replies_eval_refuses_a_line_with_an_unknown_label()
    {
        var file = Path.Combine(TestFolders.Create("parkingbot-replies-"), "bad.tsv");
        await File.WriteAllTextAsync(file, "callButton\tmaybe\t글쎄요\n");

        var (exitCode, _, error) = await HostProcess.RunCommandAsync("", "replies-eval", file);

        Assert.Equal(2, exitCode);
        Assert.Contains("bad.tsv:1", error);
    }

    [Fact]
    public async Task Nlu_eval_reads_a_relative_path_from_the_folder_the_command_was_run_in()
    {
        // `dotnet run --project` starts the app in the project's folder; the shell's folder is in $PWD.
        var folder = TestFolders.Create("parkingbot-nlu-");
        await File.WriteAllTextAsync(Path.Combine(folder, "relative.tsv"), "AgentRequest\t상담원 연결해 주세요\n");

        var found = await HostProcess.RunCommandAsync(new Dictionary<string, string> { ["PWD"] = folder }, "", "nlu-eval", "relative.tsv");
        var missing = await HostProcess.RunCommandAsync(new Dictionary<string, string> { ["PWD"] = folder }, "", "nlu-eval", "other.tsv");

        Assert.Equal(0, found.ExitCode);
        Assert.Contains($"test set: {Path.Combine(folder, "relative.tsv")}", found.Output);
        Assert.Contains($"file not found: {Path.Combine(folder, "other.tsv")}", missing.Error);
    }

    [Fact]
    public async Task Nlu_eval_refuses_a_missing_file_or_a_malformed_line()
    {
        var file = Path.Combine(TestFolders.Create("parkingbot-nlu-"), "bad.tsv");
        await File.WriteAllTextAsync(file, "AgentRequest\t상담원\nno tab on this line\n");

        var missing = await HostProcess.RunCommandAsync("", "nlu-eval", file + ".none");
        var malformed = await HostProcess.RunCommandAsync("", "nlu-eval", file);

        Assert.Equal((2, ""), (missing.ExitCode, missing.Output));
        Assert.Contains($"file not found: {file}.none", missing.Error);
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("bad.tsv:2", malformed.Error);
    }

    [Fact]
    public async Task A_bad_now_is_refused_with_usage_on_standard_error()
    {
        var (exitCode, output, error) = await HostProcess.RunCommandAsync("", "recognize", "--now", "yesterday");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("usage", error);
    }
}
