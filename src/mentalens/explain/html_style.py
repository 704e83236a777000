"""The HTML report's stylesheet (inlined into the page; nothing is loaded from anywhere).

Supporting and opposing evidence differ in colour *and* in line style (solid vs dashed
underline, double where both meet), so they stay distinguishable without colour and in
black-and-white print. Only fonts already on the reader's machine are named (no web font, no
@font-face): the system UI font, then common CJK system fonts, so Chinese posts render with
Chinese glyph forms (text marked lang="zh" puts the Chinese fonts first). Per-task filtering
is pure CSS (a radio button per task, no script).
"""
from __future__ import annotations

_SUP = "background:#fde68a;border-bottom:3px solid #92400e"
_OPP = "background:#dbeafe;border-bottom:3px dashed #1e40af"
_MIX = "background:#e9d5ff;border-bottom:4px double #581c87"
_OFF = "background:none;border-bottom:1px dotted #9ca3af"
# local fonts only; each list ends in a generic family, so an unknown name costs nothing
_CJK = ('"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",'
        '"Source Han Sans SC","WenQuanYi Micro Hei"')
FONT_STACK = f"system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",{_CJK},sans-serif"
FONT_STACK_ZH = f"{_CJK},system-ui,sans-serif"

BASE_CSS = f"""
:root{{color-scheme:light;--fg:#111827;--muted:#4b5563;--line:#d1d5db}}
*{{box-sizing:border-box}}
body{{margin:0 auto;max-width:72rem;padding:1.5rem;font-family:{FONT_STACK};color:var(--fg);
line-height:1.5;background:#fff}}
h1{{font-size:1.5rem;margin:0 0 .5rem}} h2{{font-size:1.15rem;margin:0}}
.notice{{border:2px solid #374151;border-radius:.4rem;padding:.6rem .9rem;background:#f9fafb}}
.legend{{color:var(--muted);font-size:.9rem}}
.post{{border-top:3px solid var(--line);margin-top:1.5rem;padding-top:1rem}}
.post-head{{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}}
.meta{{color:var(--muted);font-size:.9rem}}
.badge{{display:inline-block;font-weight:700;padding:.15rem .6rem;border-radius:999px;border:2px solid;
letter-spacing:.03em}}
.lvl-none{{color:#065f46;background:#d1fae5}} .lvl-low{{color:#155e75;background:#cffafe}}
.lvl-moderate{{color:#78350f;background:#fef3c7}} .lvl-high{{color:#991b1b;background:#fee2e2}}
.lvl-imminent{{color:#fff;background:#991b1b;border-color:#450a0a}}
.resources{{border-left:6px solid #991b1b;background:#fef2f2;padding:.5rem .9rem;margin:.6rem 0}}
.resources ul{{margin:.3rem 0}}
.warn{{color:#92400e}}
.picker,.view>label{{font-size:.9rem;margin:.6rem .6rem .4rem 0;display:inline-block}}
.post-text{{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid var(--line);border-radius:.4rem;
padding:.8rem 1rem;background:#fcfcfd;font-size:1.05rem}}
:lang(zh){{font-family:{FONT_STACK_ZH}}} .post-text:lang(zh){{line-height:1.7;letter-spacing:.02em}}
mark.hl{{color:inherit;padding:0 .05em;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
mark.sup{{{_SUP}}} mark.opp{{{_OPP}}} mark.mix{{{_MIX}}}
mark.multi{{background-image:linear-gradient(rgba(0,0,0,.13),rgba(0,0,0,.13))}}
table.tasks{{border-collapse:collapse;width:100%;margin-top:.8rem;font-size:.95rem}}
.tasks th,.tasks td{{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}}
.tasks th{{background:#f3f4f6}}
.tasks th:nth-child(4){{width:22%}} .tasks th:nth-child(5){{width:30%}} .tasks th:nth-child(6){{width:18%}}
.tasks ul{{margin:0;padding-left:1.1rem}}
.q-sup{{border-bottom:2px solid #92400e}} .q-opp{{border-bottom:2px dashed #1e40af}}
.st{{font-size:.8rem;border:1px solid;border-radius:.3rem;padding:0 .3rem;white-space:nowrap}}
.st-present{{color:#991b1b}} .st-negated,.st-hypothetical,.st-past,.st-other_person{{color:#374151}}
.invalid{{color:#991b1b;font-weight:700}}
footer{{margin-top:2rem;color:var(--muted);font-size:.9rem}}
@media print{{body{{max-width:none;padding:0}} .picker,.view>input,.view>label{{display:none}}
.post{{break-inside:auto}}
.tasks tr,.resources,.notice{{break-inside:avoid}} .badge{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}}}
"""


def task_filter_css(n_tasks: int) -> str:
    """One rule group per task column k: when its radio is checked, only its evidence is marked."""
    rules = []
    for k in range(n_tasks):
        on = f".pick-t{k}:checked~.post-text"
        rules.append(f"{on} mark.hl{{{_OFF}}}{on} mark.t{k}-sup{{{_SUP}}}{on} mark.t{k}-opp{{{_OPP}}}"
                     f"{on} mark.t{k}-sup.t{k}-opp{{{_MIX}}}")
    return "\n".join(rules)
