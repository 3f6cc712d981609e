"""NER speed: words per second of the NER-only model over real article texts,
batched as the worker and the CLI run it (nlp.pipe), and what post-processing adds.

    .venv/bin/python bench/ner_speed.py

Texts: the extraction set in ../shared/data/extraction-dev (cleaned article
bodies), else the bundled samples. Target: at least 10,000 words/s.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _figures import Report

from desktop.core.entities.postprocess import improve
from desktop.core.entities.recognizer import NON_NER, Recognizer

REPO = Path(__file__).resolve().parents[1]
ROUNDS = 5


def texts() -> list[str]:
    shared = REPO.parent / "shared" / "data" / "extraction-dev"
    found = []
    for path in sorted(shared.glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8")).get("articleBody", "")
        if isinstance(body, str) and len(body.split()) > 100:
            found.append(body)
    if not found:
        samples = REPO / "resources" / "samples"
        found = [p.read_text(encoding="utf-8", errors="replace") for p in samples.glob("*.txt")]
    return found


def main() -> int:
    report = Report.from_argv()
    rounds_wanted = 2 if Report.quick() else ROUNDS
    with report.human_text_to_stderr():
        rounds, words, same = measure(rounds_wanted)
    speeds = [words / ner for ner, _cpu, _blis in rounds]
    ratio = statistics.median(blis / ner for ner, _cpu, blis in rounds)
    report.figure(f"NER words/s, NER-only model (min-max of rounds; identical entities: {same})",
                  speeds, "words/s", baseline="same model with thinc's BLIS products",
                  ratio=ratio, target=">= 10,000 words/s")
    return 0


def measure(rounds_wanted: int) -> tuple[list[tuple[float, float, float]], int, bool]:
    """(wall, CPU and BLIS seconds) per round, the words per round, entities identical."""
    corpus = texts()
    words = sum(len(t.split()) for t in corpus)
    t0 = time.perf_counter()
    recognizer = Recognizer()
    recognizer.load()
    load = time.perf_counter() - t0
    list(recognizer.analyse(corpus[:4]))  # warm up
    import spacy

    # The same NER-only model with thinc's default matrix products (BLIS), timed
    # in turns with Lectern's (numpy/OpenBLAS, one thread): the ratio is what counts.
    blis = spacy.load(recognizer.package, exclude=NON_NER)
    list(blis.pipe(corpus[:4]))
    rounds: list[tuple[float, float, float]] = []
    for _round in range(rounds_wanted):
        t0, c0 = time.perf_counter(), time.process_time()
        results = list(recognizer.analyse(corpus))
        ner, ner_cpu = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        blis_docs = list(blis.pipe(corpus, batch_size=16))
        rounds.append((ner, ner_cpu, time.perf_counter() - t0))
    ner, ner_cpu, blis_time = (statistics.median(r[i] for r in rounds) for i in range(3))
    same = all(
        [(m.start, m.end, m.label) for m in mentions]
        == [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        for mentions, doc in zip(results, blis_docs, strict=True)
    )
    t0 = time.perf_counter()
    for text, mentions in zip(corpus, results, strict=True):
        improve(text, mentions)
    post = time.perf_counter() - t0
    full = spacy.load(recognizer.package)
    t0 = time.perf_counter()
    list(full.pipe(corpus, batch_size=16))
    full_time = time.perf_counter() - t0
    print(f"texts: {len(corpus)}, words: {words:,}")
    print(f"model load (NER only, excluding {len(NON_NER)} components): {load:.2f} s")
    print(f"NER only: {words / ner:,.0f} words/s wall ({ner:.2f} s; "
          f"{1000 * ner / words * 1000:.0f} ms per 1,000 words); "
          f"{words / ner_cpu:,.0f} words per CPU-second")
    print(f"same model, thinc's default BLIS products: {words / blis_time:,.0f} words/s "
          f"(Lectern's is {blis_time / ner:.2f}x faster; entities identical: {same}; "
          f"median of {rounds_wanted} rounds taken in turns)")
    print(f"post-processing: {words / post:,.0f} words/s ({1000 * post / len(corpus):.2f} ms "
          "per article)")
    print(f"NER + post-processing: {words / (ner + post):,.0f} words/s")
    print(f"full pipeline for comparison: {words / full_time:,.0f} words/s "
          f"(NER only is {full_time / ner:.1f}x faster)")
    gui_latency(corpus)
    return rounds, words, same


def _worst_gap(seconds: float) -> float:
    """What a GUI thread feels: the longest wait for a 2 ms timer tick, in ms."""
    worst, end = 0.0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        time.sleep(0.002)
        worst = max(worst, time.perf_counter() - t0 - 0.002)
    return 1000 * worst


def _analyse_in_process(corpus: list[str]) -> None:
    list(Recognizer().analyse(corpus))


def gui_latency(corpus: list[str]) -> None:
    """Why recognition runs in a worker process: spaCy in a thread holds the GIL."""
    import multiprocessing
    import threading

    idle = _worst_gap(1.5)
    recognizer = Recognizer()
    recognizer.load()
    thread = threading.Thread(target=lambda: list(recognizer.analyse(corpus * 3)))
    thread.start()
    in_thread = _worst_gap(1.5)
    thread.join()
    process = multiprocessing.get_context("spawn").Process(
        target=_analyse_in_process, args=(corpus * 3,))
    process.start()
    time.sleep(2.5)  # past its start-up, into the analysis
    in_process = _worst_gap(1.5)
    process.join()
    print(f"GUI-thread worst timer delay: idle {idle:.1f} ms, NER in a thread "
          f"{in_thread:.1f} ms, NER in a worker process {in_process:.1f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
