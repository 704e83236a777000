"""Multi-task LoRA fine-tuning: the class/task-balanced loss does what it says, training runs end
to end on CPU with the tiny Llama (library and CLI), and bad user data is refused by line."""
from __future__ import annotations

import json
import math

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("peft")

from mentalens.backends.llm import lora  # noqa: E402
from mentalens.data.example import Example  # noqa: E402
from mentalens.errors import InputError  # noqa: E402

POSTS = [  # (text, labels, explanation)
    ("My exams are next week and I can't sleep, I'm so stressed.", {"stress": "yes"},
     "The poster worries about exams and cannot sleep."),
    ("Had a calm day at the park with friends.", {"stress": "no"}, None),
    ("Work deadlines keep piling up and my chest feels tight.", {"stress": "yes"}, None),
    ("I feel empty and nothing is worth doing anymore.", {"depression": "yes"}, None),
    ("Cooked dinner for my family, feeling grateful.", {"depression": "no"}, None),
    ("Nobody talks to me at school, I eat lunch alone.", {"wellness_dimensions": ["social"]}, None),
    ("I run every morning and my knee finally healed.", {"wellness_dimensions": ["physical"]}, None),
    ("Lost my job and I can't pay rent, my friends ignore me.",
     {"wellness_dimensions": ["social", "vocational"], "stress": "yes"}, None),
]


def examples_by_task():
    out: dict[str, list[Example]] = {}
    for i, (text, labels, expl) in enumerate(POSTS):
        for task, v in labels.items():
            value = v if isinstance(v, str) else {"social": "social" in v, "physical": "physical" in v,
                                                  "vocational": "vocational" in v}
            out.setdefault(task, []).append(Example(f"t/{i}", text, {task: value}, expl))
    return out


def write_jsonl(path, rows):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


# -- (a) the weights ------------------------------------------------------------------
def test_class_task_weights_balance_classes_and_tasks():
    items = [("a", "yes")] * 6 + [("a", "no")] * 2 + [("b", "x")] * 1 + [("b", "y")] * 1
    w = lora.class_task_weights(items)
    n, t = len(items), 2
    assert w[0] == pytest.approx(n / (t * 2 * 6)) and w[6] == pytest.approx(n / (t * 2 * 2))
    assert w[8] == pytest.approx(n / (t * 2 * 1))
    totals: dict = {}
    for it, wi in zip(items, w):
        totals[it] = totals.get(it, 0.0) + wi
    assert totals[("a", "yes")] == pytest.approx(totals[("a", "no")])       # equal per class in a task
    assert totals[("b", "x")] == pytest.approx(totals[("b", "y")])
    assert sum(v for k, v in totals.items() if k[0] == "a") == pytest.approx(
        sum(v for k, v in totals.items() if k[0] == "b"))                   # equal per task
    assert sum(w) == pytest.approx(n)                                       # weights average to 1


def toy_batch():
    torch.manual_seed(0)
    logits = torch.randn(3, 5, 7, requires_grad=True)
    labels = torch.tensor([[-100, -100, 3, 4, -100],
                           [-100, 1, 2, 5, 6],
                           [-100, -100, -100, -100, 0]])
    return logits, labels


def hand_losses(logits, labels):
    lp = torch.log_softmax(logits.detach(), -1)
    out = []
    for i in range(labels.size(0)):
        toks = [-float(lp[i, j - 1, labels[i, j]]) for j in range(1, labels.size(1)) if labels[i, j] != -100]
        out.append(sum(toks) / len(toks))
    return out


def test_weighted_lm_loss_is_the_weighted_mean_of_per_example_answer_losses():
    logits, labels = toy_batch()
    per = hand_losses(logits, labels)
    weights = [1.0, 3.0, 0.5]
    got = lora.weighted_lm_loss(logits, labels, weights).item()
    assert got == pytest.approx(sum(w * x for w, x in zip(weights, per)) / sum(weights), rel=1e-5)
    assert not math.isclose(got, sum(per) / len(per), rel_tol=1e-3)
    assert lora.weighted_lm_loss(logits, labels, [1, 1, 1]).item() == pytest.approx(sum(per) / 3, rel=1e-5)


def test_doubling_a_class_weight_raises_its_share_of_the_gradient():
    def share(weights):
        logits, labels = toy_batch()
        lora.weighted_lm_loss(logits, labels, weights).backward()
        norms = logits.grad.flatten(1).norm(dim=1)
        return float(norms[1] / norms.sum())          # example 1 is "the class"

    assert share([1.0, 2.0, 1.0]) > share([1.0, 1.0, 1.0]) + 0.05


def test_rows_mask_the_prompt_and_keep_the_answer_when_the_post_is_cut(tiny_llama_dir):
    from transformers import AutoTokenizer

    from mentalens.tasks import get_task

    tok = AutoTokenizer.from_pretrained(tiny_llama_dir, local_files_only=True)
    long = Example("x/0", "I am so stressed about exams " * 200, {"stress": "yes"}, "Exams worry the poster.")
    row, = lora.RowBuilder(tok, 160).rows(get_task("stress"), long)
    assert row.truncated and len(row.input_ids) <= 160
    answer = tok.decode([t for t in row.labels if t != -100])
    assert answer.startswith("yes. Reasoning: Exams worry the poster.")
    builder = lora.RowBuilder(tok, 60)
    assert builder.rows(get_task("stress"), Example("x/2", "hi", {"stress": "no"}, "word " * 80)) == []
    assert builder.skipped == ["x/2 (stress)"]
    ml = Example("x/1", "lonely", {"wellness_dimensions": {"social": True, "physical": False}})
    rows = lora.RowBuilder(tok, 512).rows(get_task("wellness_dimensions"), ml)
    assert [r.label_key for r in rows] == ["physical=no", "social=yes"]
    assert tok.decode([t for t in rows[1].labels if t != -100]).startswith("yes.")


# -- (b) end to end -------------------------------------------------------------------
@pytest.fixture(scope="module")
def trained(tiny_llama_dir, tmp_path_factory):
    from mentalens.backends.llm.train import train_lora

    out = tmp_path_factory.mktemp("lora") / "run"
    msgs: list[str] = []
    train_lora(tiny_llama_dir, examples_by_task(), out, steps=4, lr=5e-3, rank=4, alpha=8, batch_size=4,
               max_len=256, seed=0, log=msgs.append)
    return out, msgs


def test_training_writes_a_merged_model_that_differs_from_the_base(trained, tiny_llama_dir):
    from transformers import AutoModelForCausalLM

    out, msgs = trained
    merged = AutoModelForCausalLM.from_pretrained(out / "merged", local_files_only=True)
    base = AutoModelForCausalLM.from_pretrained(tiny_llama_dir, local_files_only=True)
    m, b = merged.state_dict(), base.state_dict()
    assert set(m) == set(b)
    changed = [k for k in b if not torch.equal(m[k], b[k])]
    assert any("q_proj" in k for k in changed) and any("down_proj" in k for k in changed)
    assert (out / "adapter" / "adapter_config.json").is_file()
    info = json.loads((out / "training.json").read_text())
    assert info["steps"] == 4 and len(info["loss"]) == 4 and info["seed"] == 0
    assert info["base_model"] == str(tiny_llama_dir.resolve())
    assert set(info["tasks"]) == {"stress", "depression", "wellness_dimensions"}
    assert info["tasks"]["stress"]["labels"]["yes"]["count"] == 3
    assert any("step 4/4" in m for m in msgs)


def test_training_is_deterministic_for_a_seed(trained, tiny_llama_dir, tmp_path):
    from mentalens.backends.llm.train import train_lora

    again = train_lora(tiny_llama_dir, examples_by_task(), tmp_path / "again", steps=4, lr=5e-3, rank=4,
                       alpha=8, batch_size=4, max_len=256, seed=0)
    loss = [json.loads((d / "training.json").read_text())["loss"] for d in (trained[0], again)]
    assert loss[0] == loss[1]


def test_the_adapter_loads_in_the_transformers_runtime(trained):
    from mentalens.backends.llm.runtime_hf import HFRuntime

    rt = HFRuntime(trained[0] / "adapter")
    assert len(rt.continuation_logprobs(rt.render("Is this a post?"), ["yes.", "no."])) == 2


def test_cli_trains_from_own_examples(tiny_llama_dir, tmp_path):
    from typer.testing import CliRunner

    from mentalens.cli.main import app

    rows = [{"text": t, "labels": {k: v for k, v in labs.items()}} | ({"explanation": e} if e else {})
            for t, labs, e in POSTS]
    src = write_jsonl(tmp_path / "own.jsonl", rows)
    out = tmp_path / "cli-run"
    res = CliRunner().invoke(app, ["train", "--backend", "llm", "--base", str(tiny_llama_dir), "--examples",
                                   str(src), "--steps", "3", "--rank", "2", "--max-len", "256", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert f"wrote {out / 'merged'}" in res.output and f"wrote {out / 'training.json'}" in res.output
    assert json.loads((out / "training.json").read_text())["tasks"]["wellness_dimensions"]["rows"] == 18


def test_cli_llm_without_base_is_a_usage_error(tmp_path):
    from mentalens.cli.main import main

    assert main(["train", "--backend", "llm", "--examples", str(tmp_path / "x.jsonl")]) == 2


def test_missing_base_model_says_where_it_looked(tmp_path):
    from mentalens.backends.llm.train import train_lora
    from mentalens.errors import ModelNotFoundError

    with pytest.raises(ModelNotFoundError, match="config.json"):
        train_lora(tmp_path / "nope", examples_by_task(), tmp_path / "out", steps=1)


def test_gguf_export_is_called_on_the_merged_model(trained, tiny_llama_dir, tmp_path):
    pytest.importorskip("gguf", reason="GGUF export needs the gguf package")
    try:
        from mentalens.backends.llm.gguf_export import export_gguf  # noqa: F401
    except ImportError:
        pytest.skip("backends/llm/gguf_export.py is not there yet")
    from mentalens.backends.llm.train import train_lora

    out = train_lora(tiny_llama_dir, {"stress": examples_by_task()["stress"]}, tmp_path / "g", steps=1, rank=2,
                     max_len=256, gguf="f16")
    gguf_file = out / "model-f16.gguf"
    assert gguf_file.is_file() and gguf_file.read_bytes()[:4] == b"GGUF"


# -- (c) bad user data ----------------------------------------------------------------
@pytest.mark.parametrize("line, message", [
    ('{"text": "hi", "labels": {"stres": "yes"}}', r"line 2: unknown task 'stres'; did you mean 'stress'"),
    ('{"text": "hi", "labels": {"stress": "maybe"}}', r"line 2: unknown label 'maybe' of task stress"),
    ('{"text": "hi", "labels": {"wellness_dimensions": ["socail"]}}', r"line 2: .*'socail'.*did you mean 'social'"),
    ('{"text": "hi", "labels": {"stress": "yes"}', r"line 2: not valid JSON"),
    ('{"txt": "hi", "labels": {"stress": "yes"}}', r"line 2: unknown field 'txt'; did you mean 'text'"),
    ('{"text": "", "labels": {"stress": "yes"}}', r"line 2: 'text' must be a non-empty string"),
])
def test_bad_jsonl_lines_are_named(tmp_path, line, message):
    from mentalens.backends.llm.train import read_examples_jsonl

    src = write_jsonl(tmp_path / "bad.jsonl", [{"text": "fine", "labels": {"stress": "no"}}, line])
    with pytest.raises(InputError, match=message):
        read_examples_jsonl(src)


def test_good_jsonl_reads_per_task(tmp_path):
    from mentalens.backends.llm.train import read_examples_jsonl

    src = write_jsonl(tmp_path / "ok.jsonl", [
        {"text": "a", "labels": {"stress": "Yes", "wellness_dimensions": ["social"]}, "explanation": "e"},
        {"text": "b", "labels": {"wellness_dimensions": {"physical": True}}}])
    got = read_examples_jsonl(src)
    assert got["stress"][0].labels == {"stress": "yes"} and got["stress"][0].explanation == "e"
    wd = [e.labels["wellness_dimensions"] for e in got["wellness_dimensions"]]
    assert wd[0]["social"] is True and wd[0]["physical"] is False and len(wd[0]) == 6
    assert wd[1] == {"physical": True}
