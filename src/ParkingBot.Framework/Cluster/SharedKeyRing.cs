using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using ParkingBot.Data;

namespace ParkingBot.Framework.Cluster;

/// <summary>
/// The ASP.NET Core Data Protection key ring in <see cref="SharedSecrets"/>, so every instance reads the cookies of the
/// others and a new container keeps the keys (nothing depends on the machine's home folder).
/// </summary>
public sealed class SharedKeyRing(SharedSecrets secrets) : IXmlRepository
{
    private const string Prefix = "data-protection/";

    public IReadOnlyCollection<XElement> GetAllElements() => secrets.ListByPrefix(Prefix).Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        secrets.GetOrAdd(Prefix + friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
