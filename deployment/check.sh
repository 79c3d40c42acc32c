#!/usr/bin/env bash
# Checks the deployment files without Azure and without a Docker engine:
#  - every Bicep template builds and lints with zero warnings, and every parameters file builds against its template
#    (the Bicep CLI is installed from NuGet, Azure.Bicep.CommandLine.linux-x64, when it is not on the PATH);
#  - compose.yaml's structure (deployment/check_compose.py) and nginx.conf through nginx -t;
#  - the Dockerfile's rules: multi-stage, the ASP.NET runtime image, a non-root user, port 8080, the data volume, the Web
#    Chat bundle built in the build stage, no secret in it; and the host project's PublishContainer settings agree;
#  - the Grafana dashboard parses and queries only metrics the bot's meter declares.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
bicep_version=0.49.2
failures=0
fail() { echo "check: FAILED: $*" >&2; failures=$((failures + 1)); }
ok() { echo "check: $*"; }

# --- Bicep -------------------------------------------------------------------------------------------------------------
bicep="$(command -v bicep || true)"
if [[ -z "$bicep" ]]; then
    packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
    bicep="$packages/azure.bicep.commandline.linux-x64/$bicep_version/tools/bicep"
    if [[ ! -x "$bicep" ]]; then
        echo "check: installing the Bicep CLI $bicep_version from NuGet…"
        restore="$(mktemp -d)"
        cat > "$restore/bicep.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$bicep_version]" /></ItemGroup>
</Project>
XML
        source "$repo/scripts/progress.sh"
        quietly "restoring the Bicep CLI" dotnet restore "$restore/bicep.csproj" --nologo -v q
        rm -rf "$restore"
        found="$(find "$packages/azure.bicep.commandline.linux-x64/$bicep_version" -type f -name bicep | head -n 1)"
        [[ -n "$found" ]] || { echo "check: the Bicep package has no bicep binary" >&2; exit 1; }
        chmod +x "$found"
        bicep="$found"
    fi
fi
ok "Bicep CLI: $("$bicep" --version | head -n 1)"

# The parameters files read the secrets from the deployer's environment: placeholders here, to build them.
export MICROSOFT_APP_PASSWORD=placeholder DIRECTLINE_SECRET=placeholder POSTGRES_ADMIN_PASSWORD=placeholder
for template in "$here"/azure/*.bicep; do
    name="azure/$(basename "$template")"
    if ! output="$("$bicep" build --stdout "$template" 2>&1 >/dev/null)"; then
        fail "$name does not build:"$'\n'"$output"
    elif [[ -n "$output" ]]; then
        fail "$name builds with warnings:"$'\n'"$output"
    fi
    if ! output="$("$bicep" lint "$template" 2>&1)" || [[ -n "$output" ]]; then
        fail "$name: bicep lint reports:"$'\n'"$output"
    fi
done
for parameters in "$here"/azure/*.bicepparam; do
    name="azure/$(basename "$parameters")"
    if ! output="$("$bicep" build-params --stdout "$parameters" 2>&1 >/dev/null)" || [[ -n "$output" ]]; then
        fail "$name does not build against its template:"$'\n'"$output"
    fi
    # A secure parameter may only be read from the environment, never written in the file.
    while read -r secure; do
        if grep -Eq "^param $secure = [^r]" "$parameters"; then
            fail "$name assigns the secure parameter $secure a value (read it with readEnvironmentVariable)"
        fi
    done < <(grep -h -A1 '@secure()' "$here"/azure/*.bicep | grep -Eo '^param [A-Za-z]+' | awk '{print $2}')
done
(( failures == 0 )) && ok "Bicep: $(ls "$here"/azure/*.bicep | wc -l) templates and $(ls "$here"/azure/*.bicepparam | wc -l) parameters files build and lint with no warning"

# --- compose.yaml ------------------------------------------------------------------------------------------------------
if ! python3 -c 'import yaml' 2>/dev/null; then
    echo "check: installing Debian's python3-yaml…"
    sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
    sudo_if_needed apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq python3-yaml >/dev/null
fi
if output="$(python3 "$here/check_compose.py" "$here" 2>&1)"; then
    ok "$output"
else
    fail "compose.yaml:"$'\n'"$output"
fi
# nginx.conf through nginx's own parser (Debian's nginx 1.22, unpacked, not installed: its package would start a server),
# with the replicas' names, which resolve only inside the stack, pointed at loopback.
nginx_dir="$(mktemp -d)"
download_nginx() { (cd "$nginx_dir" && apt-get download -qq nginx 2>/dev/null && dpkg -x nginx_*.deb root); }
# A fresh machine may have no package lists yet.
if download_nginx || { { if [ "$(id -u)" -eq 0 ]; then apt-get update -qq; else sudo apt-get update -qq; fi; } && download_nginx; }; then
    sed -e 's/parkingbot-\([12]\):8080/127.0.0.\1:8080/' -e "s|^http {|http {\n    client_body_temp_path $nginx_dir/body; proxy_temp_path $nginx_dir/proxy; fastcgi_temp_path $nginx_dir/fastcgi; uwsgi_temp_path $nginx_dir/uwsgi; scgi_temp_path $nginx_dir/scgi; access_log off;|" \
        "$here/nginx.conf" > "$nginx_dir/nginx.conf"
    if output="$("$nginx_dir/root/usr/sbin/nginx" -t -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -e "$nginx_dir/error.log" -g "pid $nginx_dir/nginx.pid;" 2>&1)"; then
        ok "nginx.conf: $(grep -o 'syntax is ok' <<<"$output") (nginx -t)"
    else
        fail "nginx.conf does not pass nginx -t:"$'\n'"$output"
    fi
else
    fail "could not fetch Debian's nginx package to check nginx.conf"
fi
rm -rf "$nginx_dir"
if ! git -C "$repo" check-ignore -q deployment/.env; then
    fail "deployment/.env (the local stack's secrets) is not git-ignored"
fi

# --- Dockerfile --------------------------------------------------------------------------------------------------------
dockerfile="$here/Dockerfile"
final_stage="$(awk '/^FROM /{stage=""} {stage=stage $0 "\n"} END {printf "%s", stage}' "$dockerfile")"
[[ "$(grep -c '^FROM ' "$dockerfile")" -ge 2 ]] || fail "the Dockerfile is not multi-stage"
grep -Eq '^FROM mcr\.microsoft\.com/dotnet/aspnet:\$\{DOTNET_VERSION\}|^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0' <<<"$final_stage" \
    || fail "the final stage is not the .NET 10 ASP.NET runtime image"
grep -q 'ARG DOTNET_VERSION=10.0' "$dockerfile" || fail "the Dockerfile does not pin .NET 10"
user="$(grep -E '^USER ' <<<"$final_stage" | tail -n 1 | awk '{print $2}')"
[[ -n "$user" && "$user" != root && "$user" != 0 ]] || fail "the image does not run as a non-root user (USER is '${user:-unset}')"
grep -Eq '^EXPOSE 8080$' <<<"$final_stage" || fail "the image does not expose 8080"
grep -Eq 'Urls=http://\+:8080' <<<"$final_stage" || fail "the image does not listen on 8080 (Urls)"
grep -Eq '^VOLUME /data$' <<<"$final_stage" || fail "the data folder /data is not a volume"
grep -Eq 'Storage__DataDirectory=/data' <<<"$final_stage" || fail "the app's data folder is not /data"
grep -Eq 'chown "?\$APP_UID"? /data' <<<"$final_stage" || fail "/data is not owned by the non-root user"
grep -q 'dotnet publish src/ParkingBot' "$dockerfile" && grep -q 'nodejs npm' "$dockerfile" && grep -q 'bundles/webchat.js.br' "$dockerfile" \
    || fail "the build stage does not build and check the Web Chat bundle"
if grep -Eiq '^(ENV|ARG)\b.*(PASSWORD|SECRET|_KEY|APIKEY|TOKEN|CONNECTIONSTRING)' "$dockerfile"; then
    fail "the Dockerfile sets a secret-like variable: $(grep -Ei '^(ENV|ARG)\b.*(PASSWORD|SECRET|_KEY|APIKEY|TOKEN|CONNECTIONSTRING)' "$dockerfile")"
fi
grep -Eq '^COPY .*\.env' "$dockerfile" && fail "the Dockerfile copies an .env file"
for ignored in .git '**/bin' '**/obj' '**/node_modules' '**/data' deployment/.env; do
    grep -qxF "$ignored" "$repo/.dockerignore" || fail ".dockerignore does not leave out $ignored"
done

# The same settings through `dotnet publish /t:PublishContainer` (no Docker file needed).
properties="$(dotnet msbuild "$repo/src/ParkingBot/ParkingBot.csproj" -nologo \
    -getProperty:ContainerBaseImage -getProperty:ContainerUser -getItem:ContainerPort -getItem:ContainerEnvironmentVariable)"
python3 - "$properties" <<'PY' || fail "the host project's PublishContainer settings do not match the Dockerfile"
import json, sys
found = json.loads(sys.argv[1])
props, items = found["Properties"], found["Items"]
env = {i["Identity"]: i.get("Value", "") for i in items.get("ContainerEnvironmentVariable", [])}
problems = []
if props.get("ContainerBaseImage") != "mcr.microsoft.com/dotnet/aspnet:10.0": problems.append(f"ContainerBaseImage is {props.get('ContainerBaseImage')!r}")
if props.get("ContainerUser") in ("", "root", "0", None): problems.append("ContainerUser is not a non-root user")
if [i["Identity"] for i in items.get("ContainerPort", [])] != ["8080"]: problems.append("ContainerPort is not 8080 alone")
for key, value in {"ASPNETCORE_ENVIRONMENT": "Production", "Urls": "http://+:8080", "Storage__DataDirectory": "/data"}.items():
    if env.get(key) != value: problems.append(f"ContainerEnvironmentVariable {key} is {env.get(key)!r}, not {value!r}")
if problems:
    print("\n".join(problems)); sys.exit(1)
PY

if (( failures > 0 )); then
    echo "check: $failures problem(s)" >&2
    exit 1
fi
ok "Dockerfile, .dockerignore and the PublishContainer settings follow the image's rules"

# The Grafana dashboard parses and asks only for metrics the bot's meter declares (src/ParkingBot.Framework/Telemetry).
python3 - "$here/grafana/parkingbot-dashboard.json" "$repo/src/ParkingBot.Framework/Telemetry/BotTelemetry.cs" <<'PY' \
    || fail "the Grafana dashboard is not valid or queries metrics the bot does not have"
import json, re, sys
dashboard = json.load(open(sys.argv[1], encoding="utf-8"))
declared = {name.replace(".", "_") for name in re.findall(r'"(parkingbot\.[a-z.]+)"', open(sys.argv[2], encoding="utf-8").read())}
queried = {m for p in dashboard["panels"] for t in p["targets"] for m in re.findall(r"parkingbot_[a-z_]+", t["expr"])}
unknown = sorted(q for q in queried if not any(q == d or q.startswith(d + "_") for d in declared))
if not dashboard["panels"] or unknown:
    print("unknown metrics:", unknown); sys.exit(1)
PY
if (( failures > 0 )); then
    echo "check: $failures problem(s)" >&2
    exit 1
fi
ok "the Grafana dashboard queries $(grep -o 'parkingbot_[a-z_]*' "$here/grafana/parkingbot-dashboard.json" | sort -u | wc -l) metrics of the bot's meter"
echo "check: passed"
