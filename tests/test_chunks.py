from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimweave.chunks import chunked


@given(st.lists(st.integers(), max_size=60), st.integers(min_value=1, max_value=9))
def test_chunks_keep_order_and_size(items: list[int], size: int) -> None:
    parts = list(chunked(iter(items), size))
    assert [x for p in parts for x in p] == items
    assert all(len(p) == size for p in parts[:-1])
    assert all(0 < len(p) <= size for p in parts)


def test_chunks_are_read_lazily() -> None:
    seen: list[int] = []

    def source():
        for i in range(10):
            seen.append(i)
            yield i

    first = next(chunked(source(), 3))
    assert first == [0, 1, 2] and seen == [0, 1, 2]
