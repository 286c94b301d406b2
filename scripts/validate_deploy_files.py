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

And deploy/k8s (what `kubectl apply` and `helm install` would only show on a cluster):
- every Deployment and StatefulSet has replicas, a readiness probe on /readyz and a
  liveness probe on /healthz at the port its MARSAD__ADMIN__BIND binds, a container
  port for it, and prometheus.io scrape annotations naming that port and /metrics;
- the commands are binaries the Dockerfile builds; the ConfigMaps, the StatefulSet's
  headless Service and every Service's selector and target port refer to what exists;
- enrich runs 3 replicas and aggregate 2 (the issue's scale-out), and the NATS chart
  values give a 3-node JetStream cluster on file storage whose client Service is the
  one the services connect to, with as many stream replicas as servers.
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
    check_k8s()


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


def check_k8s():
    """deploy/k8s/marsad.yaml against itself, the Dockerfile and nats-values.yaml."""
    k8s = ROOT / "deploy/k8s"
    docs = [d for d in YAML(typ="safe").load_all((k8s / "marsad.yaml").read_text(encoding="utf-8")) if d]
    values = load_yaml(k8s / "nats-values.yaml")
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    by_kind = {}
    for doc in docs:
        for key in ("apiVersion", "kind", "metadata"):
            if key not in doc:
                error(f"marsad.yaml: a document without {key}: {str(doc)[:80]}")
        by_kind.setdefault(doc.get("kind"), {})[doc.get("metadata", {}).get("name")] = doc
    namespace = next(iter(by_kind.get("Namespace", {})), None)
    if namespace is None:
        error("marsad.yaml: no Namespace")
    config_maps = by_kind.get("ConfigMap", {})
    services = by_kind.get("Service", {})
    workloads = {**by_kind.get("Deployment", {}), **by_kind.get("StatefulSet", {})}
    want_replicas = {"ingest": 1, "enrich": 3, "aggregate": 2}
    for name, minimum in want_replicas.items():
        if name not in workloads:
            error(f"marsad.yaml: no Deployment or StatefulSet {name!r}")
            continue
        replicas = workloads[name]["spec"].get("replicas")
        if not isinstance(replicas, int) or replicas < minimum:
            error(f"marsad.yaml: {name} has replicas {replicas!r}, wants at least {minimum}")
    settings = {}
    for name, workload in workloads.items():
        where = f"marsad.yaml: {workload['kind']} {name}"
        meta = workload.get("metadata", {})
        if meta.get("namespace") != namespace:
            error(f"{where}: namespace {meta.get('namespace')!r}, not {namespace!r}")
        spec = workload["spec"]
        template = spec["template"]
        selector = spec.get("selector", {}).get("matchLabels", {})
        labels = template.get("metadata", {}).get("labels", {})
        if not selector or any(labels.get(k) != v for k, v in selector.items()):
            error(f"{where}: selector {selector} does not match the pod labels {labels}")
        if workload["kind"] == "StatefulSet":
            headless = services.get(spec.get("serviceName"))
            if headless is None or headless["spec"].get("clusterIP") != "None":
                error(f"{where}: serviceName {spec.get('serviceName')!r} is not a headless Service")
        containers = template["spec"].get("containers", [])
        if len(containers) != 1:
            error(f"{where}: expected one container")
            continue
        container = containers[0]
        command = (container.get("command") or [""])[0]
        if not re.search(rf"\b{re.escape(command)}\b", dockerfile) or not command.startswith("marsad"):
            error(f"{where}: command {command!r} is not a binary the Dockerfile builds")
        env = {e["name"]: e.get("value") for e in container.get("env", [])}
        for ref in container.get("envFrom", []):
            cm = ref.get("configMapRef", {}).get("name")
            if cm not in config_maps:
                error(f"{where}: envFrom ConfigMap {cm!r} does not exist")
            else:
                env = {**config_maps[cm].get("data", {}), **env}
        for key in env:
            if not re.fullmatch(r"MARSAD__[A-Z0-9]+__[A-Z0-9_]+", key):
                error(f"{where}: {key} is not a MARSAD__SECTION__KEY setting")
        settings[name] = env
        bind = env.get("MARSAD__ADMIN__BIND") or ""
        match = re.fullmatch(r"0\.0\.0\.0:(\d+)", bind)
        if not match:
            error(f"{where}: MARSAD__ADMIN__BIND {bind!r} must bind 0.0.0.0:<port> (probes and scrapes come from outside the pod)")
            continue
        port = int(match.group(1))
        if port not in [p.get("containerPort") for p in container.get("ports", [])]:
            error(f"{where}: admin port {port} is not a container port")
        for probe, path in (("readinessProbe", "/readyz"), ("livenessProbe", "/healthz")):
            get = (container.get(probe) or {}).get("httpGet") or {}
            if get.get("path") != path or get.get("port") != port:
                error(f"{where}: {probe} must be GET {path} on {port}, is {get}")
        notes = template.get("metadata", {}).get("annotations", {})
        expected = {"prometheus.io/scrape": "true", "prometheus.io/port": str(port), "prometheus.io/path": "/metrics"}
        for key, value in expected.items():
            if notes.get(key) != value:
                error(f"{where}: annotation {key} is {notes.get(key)!r}, wants {value!r}")
    for name, service in services.items():
        selector = service["spec"].get("selector", {})
        targets = [w for w in workloads.values()
                   if all(w["spec"]["template"]["metadata"]["labels"].get(k) == v for k, v in selector.items())]
        if not selector or not targets:
            error(f"marsad.yaml: Service {name} selects no workload")
            continue
        ports = [p.get("containerPort") for w in targets for c in w["spec"]["template"]["spec"]["containers"]
                 for p in c.get("ports", [])]
        for port in service["spec"].get("ports", []):
            if port.get("targetPort") not in ports:
                error(f"marsad.yaml: Service {name} targets port {port.get('targetPort')}, not a container port")
    if "aggregate" in settings and "MARSAD__AGGREGATE__INSTANCE" not in settings["aggregate"]:
        error("marsad.yaml: aggregate needs MARSAD__AGGREGATE__INSTANCE (each replica a lease member)")

    config = values.get("config", {})
    cluster = config.get("cluster", {})
    jetstream = config.get("jetstream", {})
    servers = cluster.get("replicas")
    if not cluster.get("enabled") or servers != 3:
        error(f"nats-values.yaml: config.cluster must be enabled with 3 replicas, is {cluster}")
    if not jetstream.get("enabled") or not jetstream.get("fileStore", {}).get("enabled"):
        error("nats-values.yaml: JetStream must be enabled on a file store")
    if not jetstream.get("fileStore", {}).get("pvc", {}).get("enabled"):
        error("nats-values.yaml: the file store needs a persistent volume")
    for name, env in settings.items():
        url = env.get("MARSAD__NATS__URL", "")
        if url != f"nats://nats.{namespace}.svc:4222":
            error(f"marsad.yaml: {name} connects to {url!r}, not the chart's nats.{namespace}.svc:4222")
        if str(env.get("MARSAD__BUS__REPLICAS")) != str(servers):
            error(f"marsad.yaml: {name} has MARSAD__BUS__REPLICAS {env.get('MARSAD__BUS__REPLICAS')!r}, not {servers}")


if __name__ == "__main__":
    main()
    for message in errors:
        print(f"validate_deploy_files: {message}", file=sys.stderr)
    sys.exit(1 if errors else 0)
