"""Feldera's own Python client, unmodified, through a release: stop, modify the program, start.

Run by test/python-client.test.ts against the fake Feldera:
    python release.py <api-url> <configured-program> <proposed-program>
It prints one JSON object: what the client saw. The fake's pipeline `orders` runs the configured
program; `fresh` does not exist yet. On the Enterprise edition the stop checkpoints and the start
of the new program awaits approval of the diff; on the community edition `stop(force=False)` is
refused and the release goes on with a forced stop.
"""

import json
import sys

from feldera import FelderaClient, Pipeline, PipelineBuilder
from feldera.enums import BootstrapPolicy, PipelineStatus
from feldera.rest.errors import FelderaAPIError

TIMEOUT_S = 30


def refused(action):
    """The error code of a refused call, or None."""
    try:
        action()
    except FelderaAPIError as error:
        return error.error_code
    return None


def release(client, proposed):
    pipeline = Pipeline.get("orders", client)
    pipeline.start(timeout_s=TIMEOUT_S)
    before = pipeline.program_version()
    while_running = refused(lambda: pipeline.modify(sql=proposed))
    stop_refused = refused(lambda: pipeline.stop(force=False, timeout_s=TIMEOUT_S))
    left = pipeline.status().name
    if stop_refused:
        pipeline.stop(force=True, timeout_s=TIMEOUT_S)
    pipeline.modify(sql=proposed)
    pipeline.start(bootstrap_policy=BootstrapPolicy.AWAIT_APPROVAL, timeout_s=TIMEOUT_S)
    started = pipeline.status().name
    details = pipeline.deployment_runtime_status_details() or {}
    if pipeline.status() == PipelineStatus.AWAITINGAPPROVAL:
        pipeline.approve()
        pipeline.wait_for_status(PipelineStatus.RUNNING, timeout=TIMEOUT_S)
    return {
        "program_version": [before, pipeline.program_version()],
        "modify_while_running": while_running,
        "stop_refused": stop_refused,
        "left": left,
        "started": started,
        "approval_diff": details.get("approval_diff"),
        "running": pipeline.status().name,
        "program_code": pipeline.program_code(),
    }


def create(client, configured):
    """PipelineBuilder.create_or_replace() of an unknown pipeline: a PUT, then a wait for the compile."""
    pipeline = PipelineBuilder(client, "fresh", sql=configured).create_or_replace()
    return {"program_version": pipeline.program_version(), "program_status": pipeline.program_status().name}


def main():
    url, configured, proposed = sys.argv[1], sys.argv[2], sys.argv[3]
    client = FelderaClient(url, timeout=TIMEOUT_S)
    print(json.dumps({"release": release(client, proposed), "create": create(client, configured)}))


main()
