using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Understanding;

/// <summary>The slots a first message already answers ("어제 12가3456 차가 출차가 안 돼요": the day and the car).</summary>
public static class SlotFilling
{
    public static FlowOptions From(MessageUnderstanding? understanding)
    {
        var options = new FlowOptions();
        if (understanding is null)
        {
            return options;
        }
        foreach (var entity in understanding.Entities)
        {
            switch (entity.Resolution)
            {
                case DateResolution date:
                    options.UsageDate ??= date.Date;
                    break;
                case DateTimeResolution { IsAmbiguous: false } dateTime:
                    options.UsageDate ??= DateOnly.FromDateTime(dateTime.Candidates[0]);
                    options.EntryTime ??= TimeOnly.FromDateTime(dateTime.Candidates[0]);
                    break;
                case TimeResolution { IsAmbiguous: false } time:
                    options.EntryTime ??= time.Candidates[0];
                    break;
                case CarNumberResolution car:
                    options.CarNumber ??= car.Plate;
                    break;
            }
        }
        options.LotName ??= understanding.Intent.Entities.FirstOrDefault(e => e.Category == "LotName")?.Text;
        return options;
    }
}
