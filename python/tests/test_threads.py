"""align_many works on rayon's threads with the GIL released: another Python thread keeps
running meanwhile, and the results come in input order whatever the scheduling."""

import threading
import time

import zhen_align

from documents import PAIRS


def big_pairs(copies):
    """Long documents made of the written ones repeated, so that aligning takes a while."""
    return [
        ("\n".join([zh] * copies), "\n".join([en] * copies)) for zh, en in PAIRS for _ in range(4)
    ]


def pairs_taking_at_least(seconds):
    """Pairs that align_many takes at least `seconds` over (measured, doubling the copies), so
    that the threading test has enough work to tell on a machine of any speed: as the aligner
    got faster, a fixed workload fell under the test's floor."""
    copies = 40
    while True:
        pairs = big_pairs(copies)
        start = time.perf_counter()
        zhen_align.align_many(pairs)
        if time.perf_counter() - start >= seconds or copies >= 2560:
            return pairs
        copies *= 2


def test_another_thread_runs_while_align_many_works():
    pairs = pairs_taking_at_least(0.2)
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        time.sleep(0.05)
        start = time.perf_counter()
        results = zhen_align.align_many(pairs)
        end = time.perf_counter()
    finally:
        stop.set()
        thread.join()
    during = [t for t in ticks if start < t < end]
    # With the GIL held for the whole call the ticker could not run at all between start and
    # end; released, it ticks about once a millisecond.
    assert end - start > 0.05, f"too little work to tell: {end - start:.3f} s"
    assert len(during) >= 10, f"{len(during)} ticks in {end - start:.3f} s"
    assert len(results) == len(pairs)


def test_results_are_in_input_order():
    pairs = big_pairs(3)[::-1]
    assert zhen_align.align_many(pairs) == [zhen_align.align(zh, en) for zh, en in pairs]


def test_align_many_from_several_threads_at_once():
    pairs = big_pairs(2)
    expected = zhen_align.align_many(pairs)
    results = [None] * 4

    def work(i):
        results[i] = zhen_align.align_many(pairs)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4
