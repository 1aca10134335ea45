"""Feldera's own Python client, unmodified, through a start, an approval and a stop.

Run by test/python-client.test.ts against the fake Feldera:
    python cycle.py <api-url> <api-key> <proposed-program>
It prints one JSON object: what the client saw, scenario by scenario. The fake's pipelines:
- plain:       starts and runs, and lists its events;
- modified:    awaits approval after its start (bootstrap_policy await_approval);
- reloadable:  awaits approval with table `orders` modified, which reloadable_tables allows;
- not-allowed: the same diff, with no table acceptable to reload;
- planned:     a configured program, diffed with a proposed one and with one that does not compile.
"""

import json
import sys

from feldera import FelderaClient, Pipeline
from feldera.enums import BootstrapPolicy, PipelineStatus
from feldera.rest.errors import FelderaAPIError, TableReloadNotAllowedError

TIMEOUT_S = 30


def plain(client):
    pipeline = Pipeline.get("plain", client)
    pipeline.start(timeout_s=TIMEOUT_S)
    running = pipeline.status().name
    stats = pipeline.stats()
    pipeline.stop(force=True, timeout_s=TIMEOUT_S)
    return {
        "running": running,
        "platform_version": stats.global_metrics.platform_version,
        "outputs": [output.endpoint_name for output in stats.outputs],
        "stopped": pipeline.status().name,
        "events": statuses(pipeline.events()),
        "event_fields": sorted(pipeline.events(selector="all")[0].keys()),
    }


def statuses(events):
    """The statuses the manager's events went through, oldest first, each once in a row."""
    seen = []
    for event in reversed(events):
        status = event["deployment_runtime_status"] if event["deployment_resources_status"] == "Provisioned" else event["deployment_resources_status"]
        if not seen or seen[-1] != status:
            seen.append(status)
    return seen


def modified(client):
    pipeline = Pipeline.get("modified", client)
    pipeline.start(bootstrap_policy=BootstrapPolicy.AWAIT_APPROVAL, timeout_s=TIMEOUT_S)
    awaiting = pipeline.status().name
    pipeline.approve()
    pipeline.wait_for_status(PipelineStatus.RUNNING, timeout=TIMEOUT_S)
    pipeline.stop(force=True, timeout_s=TIMEOUT_S)
    return {"awaiting": awaiting, "stopped": pipeline.status().name}


def reloadable(client):
    pipeline = Pipeline.get("reloadable", client)
    pipeline.start(bootstrap_policy=BootstrapPolicy.ALLOW, reloadable_tables=["orders"], timeout_s=TIMEOUT_S)
    running = pipeline.status().name
    pipeline.stop(force=True, timeout_s=TIMEOUT_S)
    return {"running": running}


def not_allowed(client):
    pipeline = Pipeline.get("not-allowed", client)
    try:
        pipeline.start(bootstrap_policy=BootstrapPolicy.ALLOW, reloadable_tables=[], timeout_s=TIMEOUT_S)
        refused = None
    except TableReloadNotAllowedError as error:
        refused = error.blocked_tables
    left = pipeline.status().name
    pipeline.stop(force=True, timeout_s=TIMEOUT_S)
    return {"blocked_tables": refused, "left": left, "stopped": pipeline.status().name}


def planned(client, proposed):
    diff = client.pipeline_diff("planned", program_code=proposed)
    try:
        client.pipeline_diff("planned", program_code="CREATE VIEW v AS SELECT * FROM nowhere;")
        refused = None
    except FelderaAPIError as error:
        refused = error.error_code
    return {"diff": diff, "refused": refused, "status": Pipeline.get("planned", client).status().name}


def main():
    url, api_key, proposed = sys.argv[1], sys.argv[2], sys.argv[3]
    client = FelderaClient(url, api_key=api_key, timeout=TIMEOUT_S)
    seen = {"server_version": client.get_config().version}
    for name, scenario in [("plain", plain), ("modified", modified), ("reloadable", reloadable), ("not-allowed", not_allowed)]:
        seen[name] = scenario(client)
    seen["planned"] = planned(client, proposed)
    print(json.dumps(seen))


main()
