"""Checks the structure of deployment/compose.yaml (no Docker engine needed): PostgreSQL, two ParkingBot replicas on the
Postgres provider, a reverse proxy balancing HTTP and WebSockets without stickiness, secrets only from .env."""
import pathlib
import re
import sys

import yaml

here = pathlib.Path(sys.argv[1])
text = (here / "compose.yaml").read_text(encoding="utf-8")
compose = yaml.safe_load(text)
problems = []


def need(condition, problem):
    if not condition:
        problems.append(problem)


services = compose.get("services") or {}
need(set(services) == {"postgres", "parkingbot-1", "parkingbot-2", "proxy"},
     f"services are {sorted(services)}, not postgres, parkingbot-1, parkingbot-2 and proxy")

postgres = services.get("postgres", {})
need(str(postgres.get("image", "")).startswith("postgres:15"), "postgres does not run PostgreSQL 15")
need("healthcheck" in postgres, "postgres has no health check the replicas can wait for")

for name in ("parkingbot-1", "parkingbot-2"):
    bot = services.get(name, {})
    env = bot.get("environment") or {}
    need(bot.get("build", {}).get("dockerfile") == "deployment/Dockerfile", f"{name} is not built from deployment/Dockerfile")
    need(env.get("Storage__Provider") == "Postgres", f"{name} does not use the Postgres provider")
    need("Host=postgres" in str(env.get("ConnectionStrings__Postgres", "")), f"{name} does not connect to the stack's PostgreSQL")
    need(".env" in (bot.get("env_file") or []), f"{name} does not take its secrets from .env")
    need(not bot.get("ports"), f"{name} publishes a port (only the proxy may)")
    need(bot.get("read_only") is True and "/tmp" in (bot.get("tmpfs") or []), f"{name} does not run on a read-only root file system with a tmpfs /tmp")
    need(any(str(v).endswith(":/data") for v in bot.get("volumes") or []), f"{name} has no data volume at /data")
    need((bot.get("depends_on") or {}).get("postgres", {}).get("condition") == "service_healthy", f"{name} does not wait for PostgreSQL")
    need("/readyz" in " ".join(map(str, (bot.get("healthcheck") or {}).get("test", []))), f"{name} is not probed at /readyz")
    for key, value in env.items():
        if re.search(r"password|secret|key", key, re.I) or re.search(r"Password=(?!\$\{)", str(value)):
            need("${" in str(value), f"{name} has a secret written in compose.yaml ({key})")
need(services.get("parkingbot-1", {}).get("volumes") != services.get("parkingbot-2", {}).get("volumes"),
     "the replicas share one data volume")

proxy = services.get("proxy", {})
need(proxy.get("ports"), "the proxy publishes no port")
need(any("nginx.conf" in str(v) for v in proxy.get("volumes") or []), "the proxy has no nginx.conf")
conf = (here / "nginx.conf").read_text(encoding="utf-8")
upstream = re.search(r"upstream\s+parkingbot\s*\{(.*?)\}", conf, re.S)
need(upstream is not None, "nginx.conf has no upstream parkingbot")
if upstream:
    servers = re.findall(r"^\s*server\s+([\w.-]+:\d+)", upstream.group(1), re.M)
    need(servers == ["parkingbot-1:8080", "parkingbot-2:8080"], f"the proxy balances {servers}, not both replicas")
    need(not re.search(r"\b(ip_hash|hash|sticky|least_conn)\b", upstream.group(1)), "the proxy pins clients to a replica")
need(re.search(r"proxy_set_header\s+Upgrade\s+\$http_upgrade", conf) and re.search(r"proxy_set_header\s+Connection\s+\$connection_upgrade", conf),
     "the proxy does not pass WebSocket upgrades")
need(re.search(r"proxy_buffering\s+off", conf), "the proxy buffers streams (the agent console's live queue)")

# Every variable compose.yaml reads is documented in .env.example, and .env.example documents no secret value.
example = (here / ".env.example").read_text(encoding="utf-8")
documented = set(re.findall(r"^#?\s*([A-Za-z_][A-Za-z0-9_]*)=", example, re.M))
for variable in sorted(set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)", text))):
    need(variable in documented, f"{variable} is read by compose.yaml but not documented in .env.example")
for line in example.splitlines():
    match = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)=(.+)$", line)
    if match and re.search(r"password|secret|key", match.group(1), re.I) and not match.group(1).endswith("Kind"):
        problems.append(f".env.example gives {match.group(1)} a value")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"compose.yaml: {len(services)} services, both replicas on PostgreSQL behind an unsticky proxy; {len(documented)} settings documented in .env.example")
