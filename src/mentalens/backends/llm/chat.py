"""Render a model's own chat template (Jinja, as stored in GGUF metadata or tokenizer_config.json).

Rendered the way Hugging Face renders it (sandboxed Jinja, trim_blocks, lstrip_blocks), so
the llama.cpp and transformers runtimes build the same prompt for the same model.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache


def render_chat(template: str, user: str, *, system: str | None = None, assistant: str | None = None,
                bos_token: str = "", eos_token: str = "") -> str:
    """The prompt for one user turn, ending where the assistant's answer starts (or, with
    ``assistant``, the whole exchange: training text)."""
    messages = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": user}]
    if assistant is not None:
        messages.append({"role": "assistant", "content": assistant})
    return render_messages(template, messages, add_generation_prompt=assistant is None,
                           bos_token=bos_token, eos_token=eos_token)


def render_messages(template: str, messages: Sequence[Mapping[str, str]], *, add_generation_prompt: bool = True,
                    bos_token: str = "", eos_token: str = "") -> str:
    """A whole conversation (``[{"role": "system"|"user"|"assistant", "content": ...}]``), ending
    where the next assistant turn starts when ``add_generation_prompt``."""
    from ...errors import MentalensError

    messages = [{"role": m["role"], "content": m["content"]} for m in messages]
    try:
        return _compile(template).render(messages=messages, add_generation_prompt=add_generation_prompt,
                                         bos_token=bos_token, eos_token=eos_token)
    except MentalensError:
        raise
    except Exception as exc:  # a template error is the model's, said plainly
        raise MentalensError(f"the model's chat template could not be rendered: {exc}",
                             hint="the template comes from the model's own metadata; "
                                  "use a model with a working chat template") from exc


@lru_cache(maxsize=8)
def _compile(template: str):
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)

    def raise_exception(message):
        from ...errors import MentalensError

        raise MentalensError(f"the model's chat template refused the conversation: {message}")

    env.globals["raise_exception"] = raise_exception
    return env.from_string(template)
