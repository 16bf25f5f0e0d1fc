"""The examples in the package's docstring run and give what they show; every public function
and class has a docstring, and the stubs name everything the module exports."""

import ast
import doctest
from pathlib import Path

import zhen_align


def test_docstring_examples():
    failures, tried = doctest.testmod(zhen_align)
    assert tried > 0 and failures == 0


def test_everything_public_is_documented():
    for name in zhen_align.__all__:
        if name != "__version__":
            doc = getattr(zhen_align, name).__doc__
            assert doc and len(doc) > 20, f"{name} has no docstring"


def test_the_stubs_cover_the_exports():
    stubs = Path(zhen_align.__file__).with_name("__init__.pyi")
    tree = ast.parse(stubs.read_text(encoding="utf-8"))
    named = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    named |= {t.id for n in tree.body if isinstance(n, ast.AnnAssign) for t in [n.target]}
    assert set(zhen_align.__all__) <= named
    assert Path(zhen_align.__file__).with_name("py.typed").exists()
