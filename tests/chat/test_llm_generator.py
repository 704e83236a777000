"""chat/llm.py: LlamaGenerator on real tiny GGUF models through llama.cpp.

The random "tiny" GGUF has no chat template (the plain User:/Assistant: form); the tiny Llama of
tests/llm/tiny.py exported to GGUF carries one (rendered with the model's own template).
"""
from __future__ import annotations

import sys

import pytest

pytest.importorskip("llama_cpp")

import llm_fixtures  # noqa: E402
from llm_fixtures import gbnf_literal  # noqa: E402

from mentalens.chat.llm import LlamaGenerator, clean_reply, plain_prompt  # noqa: E402
from mentalens.errors import ExtraNotInstalledError, ModelNotFoundError, UsageError  # noqa: E402

tiny_hf_dir = llm_fixtures.tiny_hf_dir             # shared fixtures: pytest finds them by their names here
tiny_random_gguf = llm_fixtures.tiny_random_gguf

CONVO = [{"role": "system", "content": "Listen and reflect."},
         {"role": "user", "content": "I had a rough week at work."},
         {"role": "assistant", "content": "That sounds tiring. What made it rough?"},
         {"role": "user", "content": "My manager keeps changing the plan."}]


@pytest.fixture(scope="module")
def gen(tiny_random_gguf):
    return LlamaGenerator(tiny_random_gguf, n_ctx=512)


@pytest.fixture(scope="module")
def templated_gguf(tiny_hf_dir, tmp_path_factory):
    from mentalens.backends.llm.gguf_export import export_gguf

    return export_gguf(tiny_hf_dir, tmp_path_factory.mktemp("tpl") / "tiny-chat.gguf", quant="f32")


def test_missing_file_says_where_it_looked(tmp_path):
    with pytest.raises(ModelNotFoundError) as err:
        LlamaGenerator(tmp_path / "nope.gguf")
    assert str((tmp_path / "nope.gguf").resolve()) in str(err.value)


def test_missing_llama_cpp_names_the_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "llama_cpp", None)   # import llama_cpp -> ImportError
    with pytest.raises(ExtraNotInstalledError) as err:
        LlamaGenerator(tmp_path / "any.gguf")
    assert "mentalens[llm]" in str(err.value)


def test_plain_form_renders_the_whole_conversation(gen):
    assert gen.template is None
    assert gen.render(CONVO) == ("Listen and reflect.\n\nUser: I had a rough week at work.\n"
                                 "Assistant: That sounds tiring. What made it rough?\n"
                                 "User: My manager keeps changing the plan.\nAssistant:")
    assert plain_prompt(CONVO[1:2]) == "User: I had a rough week at work.\nAssistant:"
    greeted = CONVO[:1] + [{"role": "assistant", "content": "Hello, I am software."}] + CONVO[1:]
    assert gen.render(greeted) == gen.render(CONVO)   # turns before the first user turn are left out


def test_generation_is_deterministic_and_excludes_the_prompt(gen, tiny_random_gguf):
    a = gen.generate(CONVO, max_tokens=24)
    assert a == gen.generate(CONVO, max_tokens=24)
    assert a == LlamaGenerator(tiny_random_gguf, n_ctx=512).generate(CONVO, max_tokens=24)
    assert a and "Listen and reflect" not in a and "manager" not in a
    assert a == clean_reply(a)            # stripped, no control characters (no terminal escapes)


def test_grammar_forces_the_reply_and_generation_ends_with_it(tiny_random_gguf):
    text = "You have depression. Eat 500 calories a day."
    g = LlamaGenerator(tiny_random_gguf, n_ctx=512, grammar=gbnf_literal(text))
    assert g.generate(CONVO) == text      # the grammar allows only end of text afterwards
    assert g.generate(CONVO, max_tokens=3) != text   # max_tokens cuts it


def test_plain_form_stops_at_the_next_user_line(tiny_random_gguf):
    g = LlamaGenerator(tiny_random_gguf, n_ctx=512, grammar=gbnf_literal("I hear you.\nUser: and then I said"))
    assert g.generate(CONVO) == "I hear you."


def test_context_keeps_the_system_prompt_and_last_turn(tiny_random_gguf):
    g = LlamaGenerator(tiny_random_gguf, n_ctx=256, grammar=gbnf_literal("ok"))
    long = [CONVO[0]] + [{"role": "user" if i % 2 == 0 else "assistant", "content": f"turn {i} " + "word " * 30}
                         for i in range(11)]
    toks = g.prompt_tokens(long, 64)
    assert len(toks) + 64 <= 256
    text = g.llm.detokenize(toks).decode().replace("\u2581", " ")   # this random vocabulary's word marks
    assert text.strip().startswith("Listen and reflect.") and "turn 10 " in text and "turn 0 " not in text
    assert g.generate(long, max_tokens=64) == "ok"
    with pytest.raises(Exception, match="context holds 256"):
        g.generate([{"role": "user", "content": "word " * 400}], max_tokens=64)


def test_bad_messages_and_grammar_are_usage_errors(gen, tiny_random_gguf):
    with pytest.raises(UsageError):
        gen.generate([{"role": "bot", "content": "hi"}])
    with pytest.raises(UsageError):
        gen.generate([{"role": "user", "content": "hi"}, {"role": "system", "content": "late"}])
    with pytest.raises(UsageError):
        gen.generate(CONVO, max_tokens=0)
    with pytest.raises(UsageError):
        LlamaGenerator(tiny_random_gguf, grammar="root ::= (")


def test_chat_template_renders_with_the_models_own_template(templated_gguf):
    from tiny import CHAT_TEMPLATE

    from mentalens.backends.llm.chat import render_messages

    g = LlamaGenerator(templated_gguf, n_ctx=512)
    assert g.template == CHAT_TEMPLATE
    want = render_messages(CHAT_TEMPLATE, CONVO, bos_token="<s>", eos_token="</s>")
    assert g.render(CONVO) == want and want.endswith("<|assistant|>\n")
    end = g.llm.tokenize(b"<|end|>", add_bos=False, special=True)
    assert len(end) == 1 and g._end_of_turn(end[0])   # the template's end of turn stops generation
    out = g.generate(CONVO, max_tokens=20)
    assert out == g.generate(CONVO, max_tokens=20) and "<|" not in out
    forced = LlamaGenerator(templated_gguf, n_ctx=512, grammar=gbnf_literal("How did that feel?"))
    assert forced.generate(CONVO) == "How did that feel?"
