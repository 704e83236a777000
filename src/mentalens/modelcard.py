"""Model cards, written from the files a model folder holds (config.json, training.json,
leakage.json) and the markdown the benchmark commands wrote, so every number in a card
comes from a file a command produced.

    python -m mentalens.modelcard MODEL_DIR [--results RESULTS_DIR]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .hashing import sha256_file
from .tasks import get_task

INTENDED = """\
## Intended use

- Research on mental-health signals in social-media text: benchmarking, error analysis,
  comparison with other systems.
- Screening support inside applications and trust-and-safety tools, with a person who reads
  the evidence and decides; the triage block routes possible crises to local resources.

## Not for

- Diagnosis, or any decision about a person without human review. The labels are screening
  signals learned from Reddit and Twitter posts annotated by researchers, or labelled only by
  the community a post was written in.
- Clinical or emergency use. It cannot contact anyone.
- Languages other than English (Chinese is a separate model), or text unlike social-media
  posts (clinical notes, chat transcripts) without validating it first.
"""

LIMITS = """\
## Limitations

- Bag-of-n-grams and static embeddings: no word order beyond two-token n-grams. The model
  reads a view of each post (backends/lens/view.en.yaml): URLs, handles, given names and
  object emoji are not read, gendered words read as neutral ones, one-edit typos as the word
  (words.txt and pairs.txt: counts of known words and word pairs of the training texts, no
  posts), and risk statements the symptom lexicon finds negated, past, someone else's or
  idiomatic are not read. What is
  left still carries the words of the communities the data came from: negated, past and
  third-person risk, hyperbole and jokes still often read as risk (see the behavioural suite
  results below); the evidence spans show when they do.
- loneliness, mental_disorder and part of suicidal_ideation are trained on distant labels
  (the subreddit a post came from, RMHD), not on annotation: they carry the communities'
  topics as much as the condition, and the IMHI loneliness and T-SID test sets (annotated,
  T-SID on Twitter) differ from that training data.
- Small training sets (C-SSRS: 315 users after leakage control) give wide intervals.
- Reddit in the years the data sets were collected: drift across platforms and years is
  expected.
"""


LIMITS_ZH = """\
## Limitations

- Characters and character pairs only (tf-idf), no word order beyond two characters and no
  pretrained Chinese representation: on SOS-HL-1K and SocialCD-3K it stays below the published
  supervised baselines (FIELD.md; see the results below). Traditional characters are
  read as simplified ones (OpenCC's character tables), so both scripts get the same labels.
- The training posts are Weibo posts from suicide-related discussion (SOS-HL-1K, SOS-1K,
  SOS-4K) and posts selected for cognitive distortions (SocialCD-3K): it has seen no ordinary
  post and reads everyday text as some risk, and its data grade a plain "我想死" as low risk.
  The triage policy (triage/policy.yaml) therefore counts its scores only in posts with suicide
  wording of the writer's own, and rates the writer's own present statement of a wish to die,
  suicidal intent, a plan, preparations or a farewell high by itself; both read the symptom
  layer (explain/lexicon/symptoms.zh.yaml and its scopes). The behavioural results below are
  those of this policy over the model, not of the model alone.
- The model reads a view of each post (backends/lens/zh.py): URLs and @handles are not read,
  nor risk wording the Chinese symptom lexicon finds negated, past, hypothetical, someone
  else's or idiomatic (笑死, 累死了); what is left still carries the data's topics.
- Small training sets (651 posts for high/low after leakage control) give wide intervals.
"""


def weights_digest(model_dir: str | Path) -> str:
    return sha256_file(Path(model_dir) / "weights.safetensors")


def write_card(model_dir: str | Path, results_dir: str | Path | None = None) -> Path:
    model_dir = Path(model_dir)
    card = render(model_dir, Path(results_dir) if results_dir else None)
    path = model_dir / "MODEL_CARD.md"
    path.write_text(card, encoding="utf-8")
    return path


def render(model_dir: Path, results_dir: Path | None) -> str:
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    training = json.loads((model_dir / "training.json").read_text(encoding="utf-8"))
    leakage = json.loads((model_dir / "leakage.json").read_text(encoding="utf-8"))
    recipe = training["recipe"]
    name, version = config["name"], config["version"]
    chinese = config.get("language", "en") == "zh"
    reading = (f"- Reading: characters and character pairs of the post, traditional characters read as "
               f"simplified through OpenCC's character tables (opencc-python-reimplemented, Apache-2.0; sha256 "
               f"`{config['meta'].get('provenance', {}).get('zh_tables_sha256', '?')[:16]}…`), jieba's words "
               f"(MIT) for the evidence spans.") if chinese else (
               f"- Tokenizer and static embeddings: the Llama-2 BPE vocabulary and 256-d embeddings shipped in "
               f"the `wordllama` wheel (MIT); tokenizer sha256 checked at load, embeddings sha256 "
               f"`{config['meta'].get('provenance', {}).get('embeddings_sha256', '?')[:16]}…`.")
    lines = [f"# Model card: {name} {version}", "",
             f"{recipe['description'].strip()}", "",
             f"- Backend: `{config['backend']}`; weights `weights.safetensors` (sha256 `{weights_digest(model_dir)}`).",
             f"- Reproduce: `mentalens train --recipe {recipe['name']} --data-dir PATH --check` "
             f"(seed {recipe['seed']}; same data files, same weights: their sha256 are in training.json).",
             reading,
             "", INTENDED.replace("Reddit and Twitter posts", "Weibo posts").replace(
                 "Languages other than English (Chinese is a separate model)",
                 "Languages other than Chinese (English is a separate model)") if chinese else INTENDED,
             LIMITS_ZH if chinese else LIMITS, *_tasks(config, training), *_sources(training), *_leakage(leakage),
             *_results(name, version, results_dir, ("zh",) if chinese else ("imhi", "mentabench", "speed"),
                       "zh" if chinese else "en")]
    return "\n".join(lines).rstrip() + "\n"


def _tasks(config: dict, training: dict) -> list[str]:
    out = ["## Tasks", "", "| task | labels | trained on | examples | decision |", "|---|---|---|---|---|"]
    for task, head in config["tasks"].items():
        info = training["tasks"].get(task, {})
        rule = head.get("rule", "balanced")
        if head.get("source"):
            rule = f"read off {head['source']} (threshold {head['thresholds'][0]:.2f} on p(yes))"
        elif rule == "shift":
            rule = f"shift {head['shift']:+.1f} log-odds (tuned on validation rows)"
        sources = ", ".join(f"{k} ({v})" for k, v in info.get("sources", {}).items())
        out.append(f"| {task} | {', '.join(get_task(task).label_ids)} | {sources} | {info.get('examples', 0)} | {rule} |")
    return [*out, "", "Decision rules: *balanced* is the class-balanced objective the heads were trained "
            "for (Menta's balanced-accuracy idea); probabilities are calibrated on out-of-fold scores, "
            "and the thresholds that implement each rule are in config.json.", ""]


def _sources(training: dict) -> list[str]:
    from .data import dataset_info

    out = ["## Training data and terms", "", "| dataset | terms as stated by the authors | origin |", "|---|---|---|"]
    seen = set()
    for ref in training["data_files_sha256"]:
        ds = ref.split(":")[0]
        if ds in seen:
            continue
        seen.add(ds)
        info = dataset_info(ds)
        out.append(f"| {ds} | {info.terms} | {info.origin} |")
    return [*out, "", "No post of these data sets is part of this package; only weights learned from them.", ""]


def _leakage(report: dict) -> list[str]:
    out = ["## Leakage control", "",
           f"Before fitting, {report['removed']} of {report['train_examples']} training examples were removed as "
           f"exact or near duplicates of posts in {len(report['test_sets'])} known test sets ({report['method']}). "
           "The full report, with every removed id, is leakage.json.", "",
           "| training set | examples | removed |", "|---|---|---|"]
    out += [f"| {t['name']} | {t['examples']} | {t['removed']} |" for t in report["train_sets"]]
    return [*out, ""]


def _results(name: str, version: str, results_dir: Path | None, suites: tuple[str, ...], lang: str) -> list[str]:
    out = ["## Benchmark results", ""]
    found = False
    files = [(suite, results_dir / suite / f"{name}-{version}.md") for suite in suites] if results_dir else []
    if results_dir and lang == "en":
        files.append(("behaviour", results_dir / "behaviour" / f"{name}-{version}.md"))
    elif results_dir:      # the Chinese suite runs on the built-in models side by side (code-mixed posts)
        files += [("behaviour", md) for md in sorted((results_dir / "behaviour").glob(f"*{name}*{version}*-{lang}.md"))]
    for suite, md in files:
        if md.is_file():
            found = True
            body = md.read_text(encoding="utf-8").splitlines()
            out += [f"### {suite} (from `{md.as_posix()}`, written by `mentalens bench {suite}`)", "",
                    *("#" + line if line.startswith("#") else line for line in body[1:]), ""]
    if not found:
        benches = "`bench zh` and `bench behaviour --lang zh`" if lang == "zh" else \
            "`mentalens bench imhi`, `bench mentabench`, `bench speed` and `bench behaviour`"
        out += [f"Not yet benchmarked: run {benches}, then "
                "`python -m mentalens.modelcard MODEL_DIR --results results`.", ""]
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m mentalens.modelcard", description=__doc__.splitlines()[0])
    parser.add_argument("model_dir")
    parser.add_argument("--results", default=None, help="results folder written by `mentalens bench`")
    args = parser.parse_args(argv)
    print(write_card(args.model_dir, args.results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
