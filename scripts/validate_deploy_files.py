"""Checks the Grafana provisioning and the dashboards against each other and against
docker-compose.yml and deploy/prometheus/prometheus.yml (run by scripts/validate-deploy,
with the venv it sets up: ruamel.yaml comes with check-jsonschema, promtool from the
distribution).

What a broken deployment would show only once Grafana runs, caught here:
- a dashboard file that is not JSON, lacks a fixed uid, or repeats another's uid;
- a panel or query on a datasource other than the provisioned one (an empty panel);
- a PromQL expression that does not parse (each is checked by `promtool check rules`
  as a recording rule, with Grafana's $__… intervals replaced by 1m);
- a provisioning path that is not where docker-compose.yml mounts the directory;
- a Prometheus scrape target that is not a compose service (or a port it does not bind).
Whether each expression returns data is checked against a real Prometheus and a real
pipeline by services/cli/tests/prometheus.rs.
"""

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
PROVISIONING = ROOT / "deploy/grafana/provisioning"
GRAFANA_MOUNT = "/etc/grafana/provisioning"
# Grafana's interval variables, replaced by a concrete range for parsing.
GRAFANA_INTERVAL = re.compile(r"\$__(rate_interval|interval|range)\b|\$\{__(rate_interval|interval|range)\}")

errors = []


def error(message):
    errors.append(message)


def load_yaml(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def panels(items):
    """Every panel, including those inside collapsed rows."""
    for panel in items or []:
        yield panel
        yield from panels(panel.get("panels"))


def datasource_uid(value):
    return value.get("uid") if isinstance(value, dict) else value


def main():
    datasources = load_yaml(PROVISIONING / "datasources/prometheus.yml")["datasources"]
    uids = [d.get("uid") for d in datasources]
    if len(uids) != 1 or not uids[0]:
        error(f"datasources/prometheus.yml: expected one datasource with a fixed uid, got {uids}")
        return
    datasource = uids[0]

    compose = load_yaml(ROOT / "docker-compose.yml")
    services = compose["services"]
    grafana_volumes = services["grafana"].get("volumes", [])
    if f"./deploy/grafana/provisioning:{GRAFANA_MOUNT}:ro" not in grafana_volumes:
        error(f"docker-compose.yml: grafana must mount ./deploy/grafana/provisioning at {GRAFANA_MOUNT}")
    url = datasources[0].get("url", "")
    host = re.match(r"https?://([^:/]+)", url)
    if not host or host.group(1) not in services:
        error(f"datasources/prometheus.yml: url {url!r} is not a compose service")

    providers = load_yaml(PROVISIONING / "dashboards/dashboards.yml")["providers"]
    for provider in providers:
        path = provider.get("options", {}).get("path", "")
        if path != f"{GRAFANA_MOUNT}/dashboards":
            error(f"dashboards.yml: provider {provider.get('name')!r} reads {path!r}, "
                  f"not {GRAFANA_MOUNT}/dashboards where the dashboards are mounted")

    files = sorted((PROVISIONING / "dashboards").glob("*.json"))
    if not files:
        error("no dashboard JSON files")
    seen_uids = {}
    expressions = []
    for file in files:
        name = file.name
        try:
            dashboard = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            error(f"{name}: not JSON: {e}")
            continue
        uid = dashboard.get("uid")
        if not uid or not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", uid):
            error(f"{name}: needs a fixed uid (1-40 of A-Z a-z 0-9 - _), has {uid!r}")
        elif uid in seen_uids:
            error(f"{name}: uid {uid!r} is also {seen_uids[uid]}'s")
        else:
            seen_uids[uid] = name
        if not dashboard.get("title"):
            error(f"{name}: no title")
        ids = set()
        all_panels = list(panels(dashboard.get("panels")))
        if not all_panels:
            error(f"{name}: no panels")
        for panel in all_panels:
            where = f"{name}: panel {panel.get('id')} {panel.get('title')!r}"
            if panel.get("id") in ids:
                error(f"{where}: repeats a panel id")
            ids.add(panel.get("id"))
            if panel.get("type") == "row":
                continue
            if datasource_uid(panel.get("datasource")) != datasource:
                error(f"{where}: datasource {panel.get('datasource')!r}, not {datasource!r}")
            targets = panel.get("targets") or []
            if not targets:
                error(f"{where}: no queries")
            refs = set()
            for target in targets:
                ref = target.get("refId")
                if not ref or ref in refs:
                    error(f"{where}: query refId {ref!r} missing or repeated")
                refs.add(ref)
                if "datasource" in target and datasource_uid(target["datasource"]) != datasource:
                    error(f"{where} {ref}: datasource {target['datasource']!r}, not {datasource!r}")
                expr = (target.get("expr") or "").strip()
                if not expr:
                    error(f"{where} {ref}: empty expression")
                else:
                    expressions.append((f"{where} {ref}", expr))

    check_promql(expressions)
    check_scrape_targets(services)


def check_promql(expressions):
    """Each expression as a recording rule: promtool parses it as Prometheus would."""
    rules = [{"record": f"marsad:check:{i}", "expr": GRAFANA_INTERVAL.sub("1m", expr)}
             for i, (_, expr) in enumerate(expressions)]
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as f:
        json.dump({"groups": [{"name": "dashboards", "rules": rules}]}, f)
        path = f.name
    try:
        result = subprocess.run(["promtool", "check", "rules", path],
                                capture_output=True, text=True)
    finally:
        Path(path).unlink()
    if result.returncode != 0:
        output = result.stdout + result.stderr
        for i, (where, expr) in enumerate(expressions):
            output = output.replace(f"marsad:check:{i}", f"{where}: {expr}")
        error(f"PromQL that does not parse:\n{output}")


def check_scrape_targets(services):
    """Every scrape target is a compose service; ours bind the port scraped."""
    config = load_yaml(ROOT / "deploy/prometheus/prometheus.yml")
    for job in config.get("scrape_configs", []):
        for static in job.get("static_configs", []):
            for target in static.get("targets", []):
                host, _, port = target.partition(":")
                service = services.get(host)
                if service is None:
                    error(f"prometheus.yml: job {job['job_name']}: {target} is not a compose service")
                    continue
                bind = (service.get("environment") or {}).get("MARSAD__ADMIN__BIND")
                if bind is not None and bind != f"0.0.0.0:{port}":
                    error(f"prometheus.yml: job {job['job_name']} scrapes {target}, "
                          f"but {host} binds {bind}")


if __name__ == "__main__":
    main()
    for message in errors:
        print(f"validate_deploy_files: {message}", file=sys.stderr)
    sys.exit(1 if errors else 0)
