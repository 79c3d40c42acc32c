"""Prints the N slowest tests of the given .trx files (`dotnet test --logger trx`): slowest-tests.py N FILE…"""
import sys
import xml.etree.ElementTree as ElementTree

NAMESPACE = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def seconds(duration: str) -> float:
    hours, minutes, rest = duration.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def main() -> None:
    count, files = int(sys.argv[1]), sys.argv[2:]
    tests = []
    for file in files:
        for result in ElementTree.parse(file).iter(NAMESPACE + "UnitTestResult"):
            if "duration" in result.attrib:
                tests.append((seconds(result.attrib["duration"]), result.attrib.get("outcome", ""), result.attrib["testName"]))
    for took, outcome, name in sorted(tests, reverse=True)[:count]:
        print(f"{took:7.1f} s  {outcome:7}  {name}")


main()
