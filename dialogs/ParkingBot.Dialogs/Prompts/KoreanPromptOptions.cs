using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Dialogs.Prompts;

namespace ParkingBot.Dialogs.Prompts;

/// <summary>Prompt options for the Korean prompts: the question, and a retry from the scripts that shows an example answer.</summary>
public static class KoreanPromptOptions
{
    public static PromptOptions Date(ResponseScripts scripts, ResponseKey question) =>
        new() { Prompt = scripts.Message(question), RetryPrompt = scripts.Message(ResponseKeys.PromptDateRetry) };

    public static PromptOptions Time(ResponseScripts scripts, ResponseKey question) =>
        new() { Prompt = scripts.Message(question), RetryPrompt = scripts.Message(ResponseKeys.PromptTimeRetry) };

    public static PromptOptions CarNumber(ResponseScripts scripts, ResponseKey question) =>
        new() { Prompt = scripts.Message(question), RetryPrompt = scripts.Message(ResponseKeys.PromptCarNumberRetry) };

    /// <summary>A yes/no question with 예 and 아니오 buttons.</summary>
    public static PromptOptions YesNo(ResponseScripts scripts, ResponseKey question, ResponseKey? retry = null, params (string Name, string Value)[] values) => new()
    {
        Prompt = scripts.Message(question, values),
        RetryPrompt = scripts.Message(retry ?? ResponseKeys.PromptYesNoRetry),
        Choices = [new Choice(scripts.Text(ResponseKeys.AnswerYes)), new Choice(scripts.Text(ResponseKeys.AnswerNo))],
    };
}
