# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""kafka_schema and kafka_schema_info against answers recorded from real registries: Apicurio
Registry 2.4.2.Final (the sandbox's) and Karapace 5.0.3, in fixtures/schema_registry/{apicurio,
karapace}.json, written by fixtures/schema_registry/record_exchanges.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
from responses import matchers

from ansible_collections.kafkaops.connect.plugins.modules import kafka_schema, kafka_schema_info
from ansible_collections.kafkaops.connect.tests.unit.conftest import load_fixture, run_module

URL = "http://registry.test:8081"
SUBJECT = "kafkaops-it-rec-avro"
REGISTRIES = ["apicurio", "karapace"]

CLICK_V1 = {
    "type": "record",
    "name": "Click",
    "namespace": "kafkaops.it",
    "fields": [{"name": "url", "type": "string"}],
}
CLICK_V2 = dict(CLICK_V1, fields=CLICK_V1["fields"] + [{"name": "ms", "type": ["null", "long"], "default": None}])
CLICK_BAD = dict(CLICK_V1, fields=CLICK_V1["fields"] + [{"name": "user", "type": "string"}])


def recorded(registry, name):
    """One exchange as the registry answered it (see record_exchanges.py)."""
    for exchange in load_fixture("schema_registry", registry + ".json"):
        if exchange["name"] == name:
            return exchange
    raise KeyError(name)


def answer(http, registry, name):
    """Stub the recorded exchange ``name``: same method, path and query, the registry's status and body."""
    exchange = recorded(registry, name)
    path, query = (exchange["path"] + "?").split("?")[:2]
    match = [matchers.query_string_matcher(query)] if query else [matchers.query_string_matcher(None)]
    if exchange["method"] == "POST" and "compatibility" in path:
        # The modules always ask for the registry's reasons.
        match = [matchers.query_param_matcher({"verbose": "true"})]
    http.add(
        exchange["method"],
        URL + path,
        json=exchange["response"],
        status=exchange["status"],
        content_type=exchange["content_type"],
        match=match,
    )
    return exchange


def run(main=kafka_schema.main, check_mode=False, diff=False, **args):
    args.setdefault("schema_registry_url", [URL])
    return run_module(main, args, check_mode=check_mode, diff=diff)


@pytest.mark.parametrize("registry", REGISTRIES)
def test_a_new_subject_is_registered_and_its_version_read_back(http, registry):
    answer(http, registry, "lookup_unknown_subject")
    answer(http, registry, "latest_unknown_subject")
    answer(http, registry, "register_v1")
    lookup = answer(http, registry, "lookup_v1")

    result = run(subject=SUBJECT, schema=CLICK_V1)

    assert not result.failed, result
    assert result["changed"] is True
    assert (result["id"], result["version"]) == (lookup["response"]["id"], 1)
    assert result["http_requests"] == 4
    # No compatibility check: a new subject has nothing to be compatible with.
    assert not any("compatibility" in c.request.url for c in http.calls)
    sent = json.loads(http.calls[2].request.body)
    assert json.loads(sent["schema"]) == CLICK_V1 and "schemaType" not in sent


@pytest.mark.parametrize("registry", REGISTRIES)
def test_a_new_subject_in_check_mode_writes_nothing(http, registry):
    answer(http, registry, "lookup_unknown_subject")
    answer(http, registry, "latest_unknown_subject")

    result = run(check_mode=True, diff=True, subject=SUBJECT, schema=CLICK_V1, compatibility="BACKWARD")

    assert result["changed"] is True and result["id"] is None
    assert [c.request.method for c in http.calls] == ["POST", "GET"]
    assert result["diff"]["before"] == ""
    assert result["diff"]["after"].startswith("compatibility: BACKWARD\nschema:\n{\n")


@pytest.mark.parametrize("registry", REGISTRIES)
def test_an_already_registered_schema_is_no_change_in_one_request(http, registry):
    lookup = answer(http, registry, "lookup_v1")

    result = run(subject=SUBJECT, schema=CLICK_V1)

    assert result["changed"] is False
    assert result["http_requests"] == 1
    assert (result["id"], result["version"], result["schema"]) == (
        lookup["response"]["id"],
        1,
        lookup["response"]["schema"],
    )


@pytest.mark.parametrize("registry, requests", [("apicurio", 2), ("karapace", 1)])
def test_the_same_schema_with_other_spacing_and_key_order_is_no_change(http, registry, requests):
    """Apicurio's lookup compares text byte for byte (a 404 there, a hit on Karapace), so the
    module compares with the latest version itself."""
    respaced = json.loads(recorded(registry, "lookup_v1_respaced")["request"]["schema"])
    assert respaced == CLICK_V1
    answer(http, registry, "lookup_v1_respaced")
    if registry == "apicurio":
        answer(http, registry, "latest_v1")

    result = run(subject=SUBJECT, schema=recorded(registry, "lookup_v1_respaced")["request"]["schema"])

    assert result["changed"] is False
    assert result["version"] == 1
    assert result["http_requests"] == requests


@pytest.mark.parametrize("registry", REGISTRIES)
def test_a_compatible_change_is_checked_then_adds_a_version(http, registry):
    answer(http, registry, "lookup_not_registered")
    answer(http, registry, "latest_v1")
    answer(http, registry, "compat_ok")
    answer(http, registry, "register_v2")
    lookup = recorded(registry, "latest_v2")
    http.post(URL + "/subjects/" + SUBJECT, json=lookup["response"])

    result = run(diff=True, subject=SUBJECT, schema=CLICK_V2)

    assert result["changed"] is True
    assert (result["id"], result["version"]) == (lookup["response"]["id"], 2)
    assert [c.request.method for c in http.calls] == ["POST", "GET", "POST", "POST", "POST"]
    assert '+      "name": "ms",' in "\n".join(
        "+" + line for line in result["diff"]["after"].splitlines() if line not in result["diff"]["before"]
    )


@pytest.mark.parametrize("registry", REGISTRIES)
def test_an_incompatible_change_fails_before_writing_with_the_registry_reasons(http, registry):
    answer(http, registry, "lookup_not_registered")
    answer(http, registry, "latest_v2")
    verdict = answer(http, registry, "compat_bad_verbose")
    # The level the check used, for the message.
    level = answer(http, registry, "subject_config_default_to_global")["response"]["compatibilityLevel"]

    result = run(subject=SUBJECT, schema=CLICK_BAD)

    assert result.failed and result["changed"] is False
    assert "incompatible with version 2 under compatibility %s" % level in result["msg"]
    assert "nothing was written" in result["msg"]
    reasons = verdict["response"].get("messages") or [verdict["response"]["reason"]]
    assert result["reasons"] == reasons
    assert "user" in result["msg"]
    # Apicurio's reason is null without ?verbose=true: the module always asks with it.
    assert http.calls[2].request.url.endswith("?verbose=true")
    assert [c.request.method for c in http.calls] == ["POST", "GET", "POST", "GET"]


@pytest.mark.parametrize("registry", REGISTRIES)
def test_a_new_level_is_put_back_when_the_schema_fails_the_check(http, registry):
    answer(http, registry, "lookup_not_registered")
    answer(http, registry, "latest_v2")
    answer(http, registry, "subject_config_backward")
    http.put(URL + "/config/" + SUBJECT, json={"compatibility": "FULL"})
    answer(http, registry, "compat_bad_verbose")
    http.put(URL + "/config/" + SUBJECT, json={"compatibility": "BACKWARD"})

    result = run(subject=SUBJECT, schema=CLICK_BAD, compatibility="FULL")

    assert result.failed
    assert "under compatibility FULL" in result["msg"] and "put back to BACKWARD" in result["msg"]
    puts = [json.loads(c.request.body) for c in http.calls if c.request.method == "PUT"]
    assert puts == [{"compatibility": "FULL"}, {"compatibility": "BACKWARD"}]


def run_incompatible_check_mode(http, registry, level, *exchanges):
    """CLICK_BAD in check mode with ``level``, against version 2 of a BACKWARD subject."""
    for name in ("lookup_not_registered", "latest_v2", "subject_config_backward") + exchanges:
        answer(http, registry, name)
    return run(check_mode=True, diff=True, subject=SUBJECT, schema=CLICK_BAD, compatibility=level)


@pytest.mark.parametrize("registry", REGISTRIES)
def test_check_mode_with_level_none_predicts_the_real_run_without_writing(http, registry):
    """The real run sets NONE before the check, so an incompatible schema registers: check mode
    must say so too, and must neither set the level nor ask the registry under the old one."""
    result = run_incompatible_check_mode(http, registry, "NONE")

    assert not result.failed, result
    assert result["changed"] is True and result["id"] is None
    assert [c.request.method for c in http.calls] == ["POST", "GET", "GET"]
    assert result["diff"]["before"].startswith("compatibility: BACKWARD\n")
    assert result["diff"]["after"].startswith("compatibility: NONE\n")


@pytest.mark.parametrize("registry", REGISTRIES)
def test_check_mode_with_another_level_warns_that_the_current_level_was_used(http, registry):
    """The registry's check takes no level: its verdict under BACKWARD says little about FULL."""
    result = run_incompatible_check_mode(http, registry, "FULL", "compat_bad_verbose")

    assert not result.failed, result
    assert result["changed"] is True
    (warning,) = [str(w) for w in result["warnings"]]
    assert "current compatibility BACKWARD, not the FULL this task sets" in warning
    assert "incompatible" in warning and "user" in warning
    assert not any(c.request.method == "PUT" for c in http.calls)


@pytest.mark.parametrize("registry", REGISTRIES)
def test_the_diff_leaves_out_a_level_the_task_does_not_manage(http, registry):
    """Without compatibility the level is not read: no "(not set)" on a subject that has one."""
    answer(http, registry, "lookup_not_registered")
    answer(http, registry, "latest_v1")
    answer(http, registry, "compat_ok")

    result = run(check_mode=True, diff=True, subject=SUBJECT, schema=CLICK_V2)

    assert result["changed"] is True
    assert result["diff"]["before"].startswith("schema:\n{\n")
    assert result["diff"]["after"].startswith("schema:\n{\n")


@pytest.mark.parametrize("registry", REGISTRIES)
def test_compatibility_is_set_and_then_left_alone(http, registry):
    answer(http, registry, "lookup_v1")
    # Karapace: 404 40408 (no level of its own); Apicurio: the global level, NONE.
    answer(http, registry, "subject_config_unset_existing")
    answer(http, registry, "set_backward")

    first = run(subject=SUBJECT, schema=CLICK_V1, compatibility="BACKWARD")

    assert first["changed"] is True and first["compatibility"] == "BACKWARD"
    assert json.loads(http.calls[-1].request.body) == {"compatibility": "BACKWARD"}

    http.reset()
    answer(http, registry, "lookup_v1")
    answer(http, registry, "subject_config_backward")

    again = run(subject=SUBJECT, schema=CLICK_V1, compatibility="BACKWARD")

    assert again["changed"] is False and again["http_requests"] == 2


@pytest.mark.parametrize("registry", REGISTRIES)
def test_json_and_protobuf_schemas_are_sent_with_their_type(http, registry):
    answer(http, registry, "lookup_json")
    answer(http, registry, "lookup_proto")

    json_result = run(
        subject="kafkaops-it-rec-json",
        schema_type="JSON",
        schema={"type": "object", "properties": {"url": {"type": "string"}}},
    )
    proto_text = recorded(registry, "lookup_proto")["request"]["schema"]
    proto_result = run(subject="kafkaops-it-rec-proto", schema_type="PROTOBUF", schema=proto_text)

    assert json_result["changed"] is False and json_result["schema_type"] == "JSON"
    assert proto_result["changed"] is False and proto_result["schema_type"] == "PROTOBUF"
    assert [json.loads(c.request.body)["schemaType"] for c in http.calls] == ["JSON", "PROTOBUF"]


@pytest.mark.parametrize("registry", REGISTRIES)
def test_a_schema_the_registry_finds_invalid_fails_with_its_message(http, registry):
    bad = recorded(registry, "register_bad_schema")
    http.post(URL + "/subjects/x", status=404, json=recorded(registry, "lookup_unknown_subject")["response"])
    http.get(
        URL + "/subjects/x/versions/latest", status=404, json=recorded(registry, "latest_unknown_subject")["response"]
    )
    http.post(URL + "/subjects/x/versions", status=bad["status"], json=bad["response"])

    result = run(subject="x", schema=bad["request"]["schema"])

    assert result.failed and result["status"] == 422 and result["error_code"] == 42201
    assert "the registry refused the schema as invalid, so nothing was written" in result["msg"]
    assert bad["response"]["message"] in result["msg"]


@pytest.mark.parametrize(
    "args, message",
    [
        ({"schema": "{type: record"}, "an AVRO schema given as text must be JSON"),
        ({"schema": {"a": 1}, "schema_type": "PROTOBUF"}, "a PROTOBUF schema must be given as text"),
        ({"schema": "  "}, "schema must be the schema's text"),
        # A list would reach the registry and come back as Apicurio's "Failed to discover artifact type".
        ({"schema": [1, 2]}, "schema must be the schema's text, or a dictionary for AVRO and JSON"),
        ({"schema": 5}, "schema must be the schema's text, or a dictionary for AVRO and JSON"),
        ({"state": "present"}, "state is present but all of the following are missing: schema"),
        ({"state": "absent", "permanent": True, "schema": None, "subject": " "}, "subject must not be empty"),
        ({"schema": "{}", "permanent": True}, "permanent applies to state=absent only"),
    ],
)
def test_bad_input_fails_clearly_before_any_request(http, args, message):
    args.setdefault("subject", SUBJECT)
    result = run(**args)
    assert result.failed and message in result["msg"]
    assert len(http.calls) == 0


@pytest.mark.parametrize("registry", REGISTRIES)
def test_soft_delete_of_a_listed_subject_and_again(http, registry):
    answer(http, registry, "subjects")
    deleted = answer(http, registry, "soft_delete")

    result = run(subject=SUBJECT, state="absent")

    assert result["changed"] is True and result["deleted_versions"] == deleted["response"]

    http.reset()
    answer(http, registry, "subjects_after_soft_delete")
    again = run(subject=SUBJECT, state="absent", check_mode=True)
    assert again["changed"] is False and again["http_requests"] == 1


@pytest.mark.parametrize("registry", REGISTRIES)
def test_soft_delete_in_check_mode_only_reads(http, registry):
    answer(http, registry, "subjects")
    result = run(subject=SUBJECT, state="absent", check_mode=True, diff=True)
    assert result["changed"] is True and result["deleted_versions"] == []
    assert result["diff"]["before"] == "subject: %s\n" % SUBJECT and result["diff"]["after"] == ""


def test_permanent_delete_of_a_live_subject_on_karapace_soft_deletes_first(http):
    """Karapace (like Confluent) answers 40405 to a permanent delete of a live subject."""
    http.get(URL + "/subjects/%s/versions" % SUBJECT, json=[1], match=[matchers.query_string_matcher("deleted=true")])
    answer(http, "karapace", "permanent_delete_without_soft")
    answer(http, "karapace", "delete_unknown_subject")
    answer(http, "karapace", "permanent_delete")

    result = run(subject=SUBJECT, state="absent", permanent=True)

    assert result["changed"] is True
    assert [c.request.method for c in http.calls] == ["GET", "DELETE", "DELETE", "DELETE"]


def test_permanent_delete_of_a_live_subject_on_apicurio_is_one_delete(http):
    http.get(URL + "/subjects/%s/versions" % SUBJECT, json=[1], match=[matchers.query_string_matcher("deleted=true")])
    deleted = answer(http, "apicurio", "permanent_delete_without_soft")

    result = run(subject=SUBJECT, state="absent", permanent=True)

    assert result["changed"] is True and result["deleted_versions"] == deleted["response"]
    assert len(http.calls) == 2


@pytest.mark.parametrize("registry", REGISTRIES)
def test_permanent_delete_of_a_soft_deleted_subject_and_of_none(http, registry):
    answer(http, registry, "versions_deleted_after_soft_delete")
    answer(http, registry, "permanent_delete")
    assert run(subject=SUBJECT, state="absent", permanent=True)["changed"] is True

    http.reset()
    answer(http, registry, "versions_deleted_unknown_subject")
    result = run(subject=SUBJECT, state="absent", permanent=True)
    assert result["changed"] is False and result["http_requests"] == 1


def test_a_web_page_at_the_url_is_named_as_not_a_registry(http):
    http.post(URL + "/subjects/" + SUBJECT, body="<html><title>Welcome to nginx</title></html>", status=404)

    result = run(subject=SUBJECT, schema=CLICK_V1)

    assert result.failed
    assert "does not look like a schema registry" in result["msg"] and "/apis/ccompat/v7" in result["msg"]


@pytest.mark.parametrize("registry", REGISTRIES)
def test_info_lists_matching_subjects_with_latest_versions_and_levels(http, registry):
    answer(http, registry, "subjects")
    answer(http, registry, "global_config")
    latest = answer(http, registry, "latest_v2")
    answer(http, registry, "versions_v2")
    answer(http, registry, "subject_config_default_to_global")

    result = run(kafka_schema_info.main, subjects=["kafkaops-it-rec-*", "kafkaops-it-none"])

    assert result["changed"] is False
    assert result["compatibility"] == recorded(registry, "global_config")["response"]["compatibilityLevel"]
    assert result["missing"] == ["kafkaops-it-none"]
    assert result["subjects"] == [
        {
            "subject": SUBJECT,
            "versions": [1, 2],
            "compatibility": recorded(registry, "subject_config_default_to_global")["response"]["compatibilityLevel"],
            "latest": {
                "version": 2,
                "id": latest["response"]["id"],
                "schema": latest["response"]["schema"],
                "schema_type": "AVRO",
                "references": [],
            },
        }
    ]
    assert result["http_requests"] == 5
