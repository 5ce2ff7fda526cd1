"""YAML through LibYAML (source/yaml_c.py): the same values as PyYAML's own loaders,
and PyYAML's own error where LibYAML refuses a text."""

from __future__ import annotations

import datetime

import pytest
import yaml

from deckbook.source import yaml_c

TEXTS = [
    'title: "안녕, 세계"\ndate: 2021-01-01 10:00:00 +09:00\ntags: [a, b]\n',
    "published: false\ncount: 3\nratio: 0.5\nempty:\n",
    "base: &b {x: 1}\nmore:\n  <<: *b\n  y: 2\n",
    "x: |\n  \tq\n",  # LibYAML refuses the tab; PyYAML reads it
    "",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("loader", [yaml.SafeLoader, yaml.BaseLoader])
def test_the_values_are_pyyamls(text, loader):
    assert yaml_c.load(text, loader) == yaml.load(text, Loader=loader)


def test_the_c_loader_is_used_when_pyyaml_has_it():
    assert yaml.__with_libyaml__  # the wheels on PyPI have it
    assert yaml_c._FAST[yaml.SafeLoader] is yaml.CSafeLoader
    assert yaml_c._FAST[yaml.BaseLoader] is yaml.CBaseLoader
    value = yaml_c.load("when: 2021-05-01")
    assert value == {"when": datetime.date(2021, 5, 1)}


def test_an_error_is_pyyamls_with_its_line():
    with pytest.raises(yaml.YAMLError) as caught:
        yaml_c.load("a: 1\nb: [1, 2\n")
    with pytest.raises(yaml.YAMLError) as expected:
        yaml.safe_load("a: 1\nb: [1, 2\n")
    assert str(caught.value) == str(expected.value)
    assert caught.value.problem_mark.line == expected.value.problem_mark.line
