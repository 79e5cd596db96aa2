"""spaCy is imported without torch (thinc would import it, 1.3 s of CPU per process), and torch
stays importable for the embeddings."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

_SCRIPT = """
import sys
import storyline.enrich
import thinc.compat
print(thinc.compat.has_torch, "torch" in sys.modules)
import torch
print(torch.tensor([1.0, 2.0]).sum().item())
"""


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch not installed")
@pytest.mark.parametrize("env, has_torch", [({}, "False"), ({"STORYLINE_THINC_TORCH": "1"}, "True")])
def test_spacy_comes_without_torch_and_torch_still_imports(env, has_torch):
    run_env = {k: v for k, v in os.environ.items() if k != "STORYLINE_THINC_TORCH"} | env
    out = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, env=run_env,
                         check=True).stdout.split("\n")
    assert out[0] == f"{has_torch} {has_torch}"  # thinc's flag, and torch imported by spaCy's import
    assert out[1] == "3.0"  # the embeddings can still import and use torch
