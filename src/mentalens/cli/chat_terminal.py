"""The terminal side of ``mentalens chat``: read a line, answer it, keep the help in sight.

What the person types goes to ChatSession.respond (mentalens.chat); lines starting with "/" are
commands. The terminal's own words are in i18n/messages.yaml (``chat.*``), in the language of
the conversation: the locale's (or --lang's) at first, then the language of the latest reply.
Once a crisis turn has happened, every later reply comes with a box of the locale's help lines
(from the Reply's resources: triage/resources.yaml is the one place for numbers), and leaving
shows them again. Ctrl-C and Ctrl-D leave as kindly as /quit does.
"""
from __future__ import annotations

import sys

from .. import i18n


class Terminal:
    def __init__(self, *, locale: str, lang: str = "auto", model: str | None = None, store: str | None = None,
                 encrypt: bool = False, analyzer=None, out=None, inp=None) -> None:
        self.locale, self.lang, self.model, self.store, self.encrypt = locale, lang, model, store, encrypt
        self.analyzer = analyzer      # None: the ChatSession loads the built-in models
        self.out = out or sys.stdout
        self.inp = inp or sys.stdin
        self.ui = _ui(locale, lang)
        self.session = None
        self.memory = None            # the ChatMemory once memory was turned on (closed on leaving)
        self.shown_resources = None   # the help lines the latest reply kept on screen (resources_text)

    # -- running ----------------------------------------------------------------------------------

    def run(self, memory: bool = False) -> int:
        from ..chat import ChatSession

        sys.stderr.write(i18n.t("chat.loading", self.ui) + "\n")
        generator = _generator(self.model) if self.model else None
        self.session = ChatSession(self.analyzer, locale=self.locale, lang=self.lang, generator=generator)
        if memory:
            self._memory_on()
        self._reply(self.session.opening())
        if not memory:
            self._say(i18n.t("chat.memory_off_start", self.ui))
        self._say(i18n.t("chat.intro", self.ui))
        try:
            while True:
                try:
                    line = self._read()
                except EOFError:
                    self._say("")
                    break
                if line is None:
                    break
                text = line.strip()
                if not text:
                    continue
                if text.startswith("/") and not text.startswith("//"):
                    if self._command(text) == "quit":
                        break
                    continue
                self._turn(text[1:] if text.startswith("//") else text)
        except KeyboardInterrupt:
            self._say("")
        self._leave()
        return 0

    def _read(self) -> str | None:
        prompt = f"{i18n.t('chat.you', self.ui)} › "
        if _isatty(self.inp) and self.inp is sys.stdin:
            try:
                import readline  # noqa: F401  (line editing and history for input())
            except ImportError:
                pass
            return input(prompt)
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            raise EOFError
        return line

    def _turn(self, text: str) -> None:
        self._reply(self.session.respond(text))
        if self.session.memory_error is not None:          # the talk goes on; the person is told once
            self.session.memory_error = None
            self._say(i18n.t("chat.memory_failed", self.ui))

    def _reply(self, reply) -> None:
        if reply.lang in ("en", "zh") and (reply.lang == "zh") != i18n.is_chinese(self.ui):
            self.ui = _ui(self.locale, reply.lang)
        self._say(f"{i18n.t('chat.bot', self.ui)} › {reply.text}")
        if reply.resources_text:
            self.shown_resources = reply.resources_text
            if not reply.crisis:                 # a crisis turn's own text holds them already
                self._box(reply.resources_text)
        self._say("")

    # -- commands ---------------------------------------------------------------------------------

    def _command(self, text: str) -> str | None:
        name, _, arg = text.partition(" ")
        name, arg = name.lower(), arg.strip().lower()
        if name in ("/quit", "/exit", "/bye", "/q"):
            return "quit"
        if name in ("/help", "/?"):
            self._say(i18n.t("chat.help", self.ui))
        elif name == "/resources":
            self._box(self._resources())
        elif name == "/skills":
            self._skills()
        elif name == "/memory" and arg == "on":
            self._try(self._memory_on)
        elif name == "/memory" and arg == "off":
            self._memory_off()
        elif name == "/memory":
            self._say(i18n.t("chat.memory_usage", self.ui))
        elif name == "/forget":
            self._try(self._forget)
        else:
            self._say(i18n.t("chat.unknown_command", self.ui, command=name))
        self._say("")
        return None

    def _try(self, action) -> None:
        """A store action during the talk: a failure (a wrong key, a locked file) is said, and the
        conversation goes on."""
        from ..errors import MentalensError

        try:
            action()
        except MentalensError as exc:
            message, hint = i18n.error_parts(exc, self.ui)
            self._say(i18n.t("cli.error", self.ui, message=message) +
                      (i18n.t("cli.how_to_fix", self.ui, hint=hint) if hint else ""))

    def _resources(self) -> str:
        """The help lines as the latest reply showed them; before any crisis, the locale's, in the
        conversation's language."""
        if self.session.crisis_active and self.shown_resources:
            return self.shown_resources
        from ..chat import texts
        from ..chat.compose import resources_text

        lang = "zh" if i18n.is_chinese(self.ui) else "en"
        return texts.script(resources_text(self.session.resources(lang, self.ui), lang), self.ui)

    def _skills(self) -> None:
        from ..chat import texts

        self._say(i18n.t("chat.skills_heading", self.ui))
        for spec in texts.skills("zh" if i18n.is_chinese(self.ui) else "en").values():
            self._say(i18n.t("chat.skill", self.ui, title=texts.script(spec["title"], self.ui)))

    def _memory_on(self) -> None:
        if self.memory is None:
            from ..chat.memory import ChatMemory
            from ..config import store_path
            from .store import _key

            path = store_path(self.store)
            self.memory = ChatMemory.open(path, key=_key(self.encrypt, path.exists()))
        self.session.memory = self.memory
        key = "chat.memory_on_encrypted" if self.memory.store.encrypted else "chat.memory_on"
        self._say(i18n.t(key, self.ui, path=str(self.memory.store.path)))

    def _memory_off(self) -> None:
        self.session.memory = None
        self._say(i18n.t("chat.memory_off", self.ui))

    def _forget(self) -> None:
        self.session.memory = None
        n = self.memory.delete(self.session.session_id) if self.memory is not None else 0
        self._say(i18n.t("chat.forgot", self.ui, n=n) if n else i18n.t("chat.nothing_stored", self.ui))

    def _leave(self) -> None:
        crisis = self.session.crisis_active
        self._say(i18n.t("chat.bye_crisis" if crisis else "chat.bye", self.ui))
        if crisis:
            self._box(self._resources())
        if self.memory is not None:
            self.memory.close()
            self.memory = None

    # -- output -----------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def _box(self, text: str) -> None:
        """The help lines in a small frame, so that they stand out from the talk."""
        rule = "─" * 4
        body = [f"│ {line}" for line in text.splitlines() if line.strip()]
        self._say("\n".join([f"┌{rule} {i18n.t('chat.help_now', self.ui)} {rule}", *body, "└" + "─" * 12]))


def _ui(locale: str, lang: str) -> str:
    """The terminal's language: --lang when it names one (Chinese in the locale's script), else the locale's."""
    ui = i18n.ui_language(locale)
    if lang == "zh" and not i18n.is_chinese(ui):
        return "zh-Hans"
    if lang == "en":
        return "en"
    return ui


def _generator(model: str):
    """The generator of mentalens.chat.llm for a GGUF file; a clear error when it is missing."""
    from ..errors import UsageError

    try:
        from ..chat import llm
    except ImportError as exc:
        raise UsageError(f"--model needs the chat's model support (mentalens.chat.llm), which cannot be loaded: {exc}",
                         hint="reinstall mentalens with the llm extra (pip install 'mentalens[llm]'), or leave out "
                         "--model to use the built-in replies") from None
    return llm.LlamaGenerator(model)


def _isatty(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False
