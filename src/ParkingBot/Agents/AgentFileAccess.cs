using Microsoft.AspNetCore.Authentication;
using ParkingBot.Framework.DirectLine;

namespace ParkingBot.Agents;

/// <summary>A signed-in agent may open the files customers uploaded (the receipts on a handoff case).</summary>
public sealed class AgentFileAccess : IStaffFileAccess
{
    public async Task<bool> IsStaffAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(AgentConsoleExtensions.Scheme);
        return result.Succeeded && result.Principal.HasClaim(c => c.Type == AgentConsoleExtensions.AgentIdClaim);
    }
}
