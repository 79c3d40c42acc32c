using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Dialogs.Prompts;

/// <summary>A message carrying one or more attachments (receipts, screenshots).</summary>
public sealed class AttachmentPrompt(string id, PromptValidator<IReadOnlyList<Attachment>>? validator = null)
    : Prompt<IReadOnlyList<Attachment>>(id, validator)
{
    protected override Task<PromptRecognizerResult<IReadOnlyList<Attachment>>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var attachments = turnContext.Activity.Attachments;
        return Task.FromResult(attachments is { Count: > 0 }
            ? new PromptRecognizerResult<IReadOnlyList<Attachment>>(true, attachments)
            : PromptRecognizerResult<IReadOnlyList<Attachment>>.NotRecognized);
    }
}
