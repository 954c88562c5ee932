# -*- coding: utf-8 -*-
# Copyright (c) 2026, kafkaops.connect contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Internal to this collection: not a public API, may change without notice.

"""The items of a list-of-dicts option read by the module itself from a JSON or YAML file
(``kafka_connectors``' ``connectors_file``), checked as Ansible checks them as arguments.

A file of its own, imported only by the modules that take such a file: the others import none of
it (YAML, whose import costs every module run some 20 ms, is imported only to read a YAML file)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.kafkaops.connect.plugins.module_utils._argspec import complete_items, plain_items
from ansible_collections.kafkaops.connect.plugins.module_utils._export import JINJA_MARKERS

# A file a module reads itself is never templated, so text Jinja would template (JINJA_MARKERS)
# could only be meant for Ansible (a vault placeholder of kafka_connect_export's vars file).
_VARIABLE = re.compile(r"^\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}$")


class _Literal(str):
    """A YAML value tagged ``!unsafe``: text to use as it is, even if it looks like a template."""


_LOADER = []


def _yaml_loader():
    """YAML's safe loader plus Ansible's ``!unsafe`` tag (which kafka_connect_export writes) and a
    refusal of ``!vault``; built on first use, so that a JSON file (and every other module) never
    imports YAML. None without PyYAML."""
    if not _LOADER:
        from ansible.module_utils.common.yaml import HAS_YAML, SafeLoader

        if not HAS_YAML:
            return None
        import yaml

        class ItemsLoader(SafeLoader):
            pass

        class VaultValue(yaml.constructor.ConstructorError):
            """A value tagged ``!vault``: only Ansible holds the password that decrypts it."""

        def construct_literal(loader, node):
            return _Literal(loader.construct_scalar(node))

        def refuse_vault(loader, node):
            raise VaultValue(None, None, "a value encrypted with !vault", node.start_mark)

        ItemsLoader.add_constructor("!unsafe", construct_literal)
        ItemsLoader.add_constructor("!vault", refuse_vault)
        _LOADER.append((yaml, ItemsLoader, VaultValue))
    return _LOADER[0]


def _yaml_problem(exc):
    """What YAML found wrong and where, without the excerpt of the file that some loaders add
    (the line could hold a secret)."""
    words = [text for text in (getattr(exc, "context", None), getattr(exc, "problem", None)) if text]
    if not words:
        return "not valid YAML"
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = " (line %d, column %d)" % (mark.line + 1, mark.column + 1) if mark is not None else ""
    return "%s%s" % (", ".join(words), where)


def _load_items_text(text, list_key):
    """A file's items, decoded: JSON when it looks like JSON (the fast way with thousands of
    items), YAML otherwise. Raises ValueError with what was wrong."""
    json_problem = None
    if text.lstrip()[:1] in ("[", "{"):
        try:
            return json.loads(text)
        except ValueError as exc:
            # YAML's flow style also starts with [ or {, so such a file may still be YAML; if it is
            # not, JSON's own complaint (position, never content) is the one that helps.
            json_problem = "not valid JSON (%s)" % exc
    loader = _yaml_loader()
    if loader is None:
        raise ValueError(json_problem or "not JSON, and reading YAML needs PyYAML, which this Python lacks")
    yaml, items_loader, vault_value = loader
    try:
        # A safe loader: plain data, plus !unsafe (which only marks text) and !vault (refused).
        return yaml.load(text, Loader=items_loader)
    except vault_value as exc:
        raise ValueError(
            "%s, which only Ansible can decrypt; load the file with include_vars and pass %s instead"
            % (_yaml_problem(exc), list_key)
        ) from None
    except yaml.YAMLError as exc:
        if json_problem:
            raise ValueError("%s, nor YAML" % json_problem) from None
        raise ValueError("neither JSON nor valid YAML: %s" % _yaml_problem(exc)) from None


def _templates(value, path=""):
    """``(where, text)`` of each string in ``value`` (keys included) that Jinja would template."""
    if isinstance(value, str):
        if "{" in value and not isinstance(value, _Literal) and any(m in value for m in JINJA_MARKERS):
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _templates(key, path)
            yield from _templates(item, "%s.%s" % (path, key) if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _templates(item, "%s[%d]" % (path, index))


def items_from_file(module, option, list_key, options):
    """The items of a list-of-dicts option (``list_key``, sub-options ``options``) read from the
    JSON or YAML file that the path option ``option`` names, on the host the module runs on,
    checked as Ansible checks the list when it is given as an argument.

    The file holds the list itself, or a mapping with the list under ``list_key`` (other keys are
    ignored: a vars file written by kafka_connect_export has ``secret_placeholders`` too). Values
    are used as they are: a value Jinja would template fails the task, unless YAML tags it
    ``!unsafe``. The items never become module arguments, so the result does not echo them.
    Fails the task naming the file and the item on anything that is not such a list.
    """
    path = module.params[option]

    def fail(problem):
        module.fail_json(msg="%s %s: %s" % (option, path, problem))

    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        fail("cannot be read (%s); expected a JSON or YAML file on the host the task runs on" % exc)
    try:
        data = _load_items_text(text, list_key)
    except ValueError as exc:
        fail(str(exc))
    if isinstance(data, dict) and list_key in data:
        data = data[list_key]
    elif isinstance(data, dict) or data is None:
        fail(
            "expected a list of %s, or a mapping with the list under %s; found %s"
            % (list_key, list_key, "nothing" if data is None else "a mapping with keys " + ", ".join(map(str, data)))
        )
    if not isinstance(data, list):
        fail("expected a list of %s, found %s" % (list_key, _kind(data)))
    # Most files hold no template at all: then the items need not be walked for one.
    templated = any(marker in text for marker in JINJA_MARKERS)
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            fail("item %d is %s, expected a mapping of options such as name and config" % (index + 1, _kind(item)))
        for key, found in _templates(item) if templated else ():
            # A bare variable is shown (it names what to define); anything else might be a secret.
            shown = "%r" % found if _VARIABLE.match(found) else "a Jinja expression"
            fail(
                "item %d%s: %s holds %s, which Ansible would template, but this file is read as it is; write the value"
                " itself (tag it !unsafe if it is meant literally), or load the file with include_vars and pass"
                " %s instead" % (index + 1, _name_of(item), key or "a key", shown, list_key)
            )
    if plain_items(data, options):
        return complete_items(data, options)
    checked = []
    for index, item in enumerate(data):
        result = ArgumentSpecValidator(options).validate(item)
        if result.errors.errors:
            fail("item %d%s: %s" % (index + 1, _name_of(item), "; ".join(_wording(e) for e in result.errors.errors)))
        checked.append(result.validated_parameters)
    return checked


def _wording(error):
    """Ansible's message for one sub-option error; for an unknown key, the words AnsibleModule adds."""
    if isinstance(error, UnsupportedError):
        unknown, _sep, known = str(error).partition(". Supported parameters include: ")
        return "unknown option %s; known options: %s" % (unknown, known.rstrip("."))
    return str(error)


def _kind(value):
    kinds = {
        list: "a list",
        str: "text",
        bool: "true or false",
        int: "a number",
        float: "a number",
        type(None): "nothing",
    }
    return kinds.get(type(value), "a value of type %s" % type(value).__name__)


def _name_of(item):
    return " (%s)" % item["name"] if isinstance(item.get("name"), str) else ""
