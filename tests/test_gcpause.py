"""The collector pause of bulk imports: nothing is collected inside, and collection comes back
only when the last of overlapping pauses (two imports at once) ends, even after an error."""

from __future__ import annotations

import gc

import pytest

from app.core.gcpause import collection_paused


def test_collection_resumes_only_after_the_last_overlapping_pause() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer import is still running
    assert gc.isenabled()


def test_an_import_that_fails_still_lets_collection_resume() -> None:
    with pytest.raises(ValueError), collection_paused():
        raise ValueError("unreadable file")
    assert gc.isenabled()
