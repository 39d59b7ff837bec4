"""The place-name gazetteer ships as data (patterns/gazetteer.txt): it must be what
scripts/make_gazetteer.py builds from the installed jieba, and it is read without any scan."""

from __future__ import annotations

import importlib.util
import sys

from extractor.base import patterns

from .conftest import ROOT


def _builder():
    spec = importlib.util.spec_from_file_location("make_gazetteer", ROOT / "scripts" / "make_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_gazetteer"] = module
    spec.loader.exec_module(module)
    return module


def test_shipped_gazetteer_is_what_the_script_builds():
    assert list(patterns.word_list("gazetteer.txt")) == _builder().gazetteer_lines()


def test_gazetteer_holds_places_and_no_words():
    names = set(patterns.word_list("gazetteer.txt"))
    assert {"开封市", "河南省"} <= names and len(names) > 3000
    assert not any(name.startswith("#") for name in names)
