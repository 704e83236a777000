"""What a reply must never say, and what a crisis reply must say (chat/safety.py check_reply).

Patterns read a reply lower-cased, leetspeak undone and in simplified characters. Detection data
only: never shown. A reply of the chat's own (content/*.yaml) passes them all (tests/chat/test_content.py).
"""
from __future__ import annotations

import re

from .safety_lexicon import _c
from .safety_requests import METHOD
from .safety_signs import METHOD_MORE

_MEANS = (r"(?:pills?|tablets?|capsules?|meds|medication|medicine|painkillers?|paracetamol|acetaminophen|tylenol"
          r"|ibuprofen|aspirin|insulin|antidepressants?|sleeping pills?|opioids?|fentanyl|bleach|antifreeze|poison"
          r"|cyanide|pesticide|charcoal|helium|rope|noose|belt|ligature|gun|firearm|bullets?|knife|razor|blade)")

# how-to, doses, heights, places: a reply holding these gives method information
METHOD_DETAIL = METHOD + METHOD_MORE + _c([
    r"\b\d+(?:[.,]\d+)?(?:st|nd|rd|th)? ?(?:mg|milligrams?|mcg|grams?|g|tablets?|pills?|capsules?|caplets?|ml|units|"
    r"doses|floors?|stor(?:e)?ys?)\b",
    r"\b(?:fall|falling|jump|jumping|drop|leap)\b.{0,40}\b(?:fatal|lethal|deadly|survivable|survive|kill(?:s)? you)\b",
    r"\b\d+(?:[.,]\d+)? ?(?:m|meters?|metres?|feet|ft|foot)\b.{0,40}\b(?:fall|jump|drop|height|high|bridge|building|"
    r"roof|cliff|die|fatal|survive)|\b(?:fall|jump|drop|height|bridge|building|roof|cliff)\b.{0,40}\b\d+ ?(?:m|meters?|"
    r"metres?|feet|ft)\b",
    r"\b(?:lethal|fatal|deadly|toxic|overdose) (?:dose|amount|quantity|level|threshold)\b",
    r"\b(?:tie|tying|make|making) (?:a )?(?:noose|knot|ligature)\b|\bhang(?:ing)? (?:yourself|oneself|himself|herself|"
    r"themselves)\b",
    r"\b(?:cut|cutting|slit|slitting|slash\w*) (?:your |the |their |his |her |a )?(?:wrists?|veins?|arter\w*|throat)",
    r"\b(?:overdos\w*|od(?:ing)?) on\b|\boverdose of (?!coffee|caffeine|sugar|cute|love)",
    r"\b(?:jump|jumping|leap|leaping) (?:off|from|in front of)\b",
    r"\bcarbon monoxide\b|\bcharcoal burning\b|\bexit bag\b|\bcar exhaust\b|\bgas oven\b",
    rf"\b(?:take|taking|swallow|swallowing|mix|mixing|combine|combining) (?:all|the whole|a whole|an entire|a bottle|"
    rf"a box|a pack|handfuls?|\d+|lots of|a lot of|too many|many)\b.{{0,25}}\b{_MEANS}",
    rf"\b(?:most|very|highly|extremely|more|less|least) (?:dangerous|lethal|deadly|toxic|fatal|painless|effective)\b"
    rf".{{0,30}}\b(?:{_MEANS}|overdose|method|way to die)",
    rf"\b{_MEANS}\b.{{0,30}}\b(?:is|are|would be|will be|can be) (?:the )?(?:most )?(?:lethal|fatal|deadly|toxic|"
    r"painless|quickest|fastest|effective|enough)",
    r"\b(?:tallest|highest) (?:bridge|building|cliff|roof|rooftop|tower|car park|parking garage)\b",
    r"\bwithout (?:a )?(?:fence|railing|barrier|net)s?\b|\bunfenced\b",
    r"\b(?:painless|peaceful|quickest|easiest|surest) (?:way|method|death)\b",
    r"\bbleed(?:ing)? out\b|\b(?:suffocat|asphyxia)\w*|\bstrangl\w*",
    # Chinese
    r"致死(?:量|剂量)|致命剂量|\d+(?:[.,]\d+)?\s*(?:片|粒|颗|毫克|克|mg|层楼|层|楼|米|瓶)",
    r"(?:吃|服|吞|喝)(?:下)?(?:一整瓶|整瓶|一瓶|一盒|整盒|大量|很多|过量)|过量服用|服用过量",
    r"割(?:腕|手腕|脉|动脉|静脉)|上吊|烧炭|跳楼|跳桥|跳河|从.{0,8}跳下|卧轨|服毒|吞药",
    r"(?:最|很|非常|比较)(?:致命|危险|有效|快|无痛)的(?:药|方法|方式|办法|死法)|无痛(?:死|自杀)|死法",
    r"安眠药|百草枯|农药|氰化物|老鼠药|绳子|绳索|勒死|窒息|煤气",
    r"(?:几|多少)(?:楼|层|米)(?:高)?(?:就|才|会|能)",
])

_DISORDER = (r"(?:clinical depression|major depression|depressive disorder|bipolar|bpd|borderline personality|ptsd|"
             r"c-ptsd|ocd|adhd|anxiety disorder|generali[sz]ed anxiety|social anxiety disorder|panic disorder|"
             r"schizophrenia|psychosis|eating disorder|anorexia|bulimia|binge eating disorder|personality disorder|"
             r"autism|\w+ disorder)\b")
_DISORDER_ZH = (r"(?:抑郁症|抑郁障碍|双相|躁郁症|焦虑症|焦虑障碍|惊恐障碍|精神分裂|强迫症|进食障碍|厌食症|暴食症|"
                r"人格障碍|创伤后应激障碍|ptsd|多动症|自闭症|精神病)")

DIAGNOSIS_CLAIM = _c([
    r"\byou (?:have|'ve got|have got|are suffering from|suffer from|might have|may have|probably have|clearly have|"
    r"definitely have|likely have|seem to have|sound like you have|could have|must have)\s+(?:a |an )?(?:clinical |"
    r"major |"
    r"severe |mild |moderate |serious )?(?:depression|depressive disorder|bipolar|bpd|borderline|ptsd|ocd|adhd|"
    r"anxiety disorder|gad|generalized anxiety|schizophrenia|eating disorder|anorexia|bulimia|binge eating disorder|"
    r"personality disorder|mental illness|psychosis|autism|insomnia disorder|panic disorder|\w+ disorder)\b",
    r"\byou(?:'re| are) (?:clearly |definitely |probably |likely )?(?:bipolar|clinically depressed|schizophrenic|"
    r"anorexic|bulimic|psychotic|autistic|ocd|a narcissist|borderline|a sociopath|a psychopath)\b",
    r"\b(?:you|your symptoms) (?:meet|fit|match) (?:the )?(?:criteria|diagnosis|diagnostic)\b",
    r"\b(?:this|that|it|what you describe) (?:is|sounds like|looks like) (?:clearly |definitely |classic |textbook )?"
    r"(?:clinical depression|major depression|bipolar|bpd|ptsd|ocd|adhd|schizophrenia|an? \w+ disorder)\b",
    r"\byour diagnosis is\b|\bi (?:would )?diagnose you\b",
    rf"\b(?:i think|i'd say|i believe|i'm sure|i am sure|i suspect|sounds like|looks like|seems like|consistent with|"
    rf"classic (?:signs?|symptoms?|case) of|textbook)\b.{{0,40}}\b{_DISORDER}",
    r"\byou(?:'re| are) (?:clearly |definitely |probably |likely )?(?:showing|displaying|experiencing) "
    rf"(?:the )?(?:classic |clear |typical )?(?:signs?|symptoms?) of\b.{{0,20}}\b{_DISORDER}",
    r"你(?:患有|得了|患上了|有|是|就是|应该是|可能是|可能有|可能得了|肯定是|肯定有|属于)(?:重度|轻度|中度|典型的?)?"
    r"(?:抑郁症|抑郁障碍|双相|躁郁症|焦虑症|焦虑障碍|精神分裂|强迫症|进食障碍|厌食症|暴食症|人格障碍|"
    r"创伤后应激障碍|ptsd|多动症|自闭症|精神病)",
    r"(?:这|你这)(?:是|就是|属于|明显是)(?:典型的)?(?:抑郁症|双相|躁郁症|焦虑症|强迫症|精神分裂|人格障碍)|"
    r"诊断(?:为|是|结果)",
    rf"(?:符合|像是|属于|就是|应该是|可能是|看起来是|听起来是|听起来像|看起来像|典型的|明显的)[^。！？!?]{{0,8}}{_DISORDER_ZH}",
])

# brushing the feeling aside: "just cheer up", "others have it worse", 想开点
DISMISSIVE = _c([
    r"\b(?:just )?(?:cheer up|snap out of it|get over it|toughen up|man up|calm down|stop (?:being|acting) (?:so )?"
    r"(?:dramatic|sad|negative|sensitive|silly)|stop (?:complaining|whining|overthinking))\b",
    r"\b(?:others|other people|lots of people|many people|people) have it (?:much |far |way )?worse\b|"
    r"\bit(?:'s| is) (?:all )?in your head\b|\b(?:just )?think positive(?:ly)?\b|\bit(?:'s| is) not (?:a )?big deal\b|"
    r"\byou(?:'re| are) (?:overreacting|being dramatic|exaggerating)\b|\bthere(?:'s| is) nothing to be (?:sad"
    r"|upset) about\b",
    r"想开点|想开一点|别想太多|不要想太多|别矫情|多大点事|有什么好(?:难过|伤心|哭)的|别人比你(?:更)?惨|振作起来就好|"
    r"你太敏感了|别小题大做|这都不是事",
])

DIET_PLAN = _c([
    r"\b\d+ ?(?:k?cal|kcals|calories|kilocalories)\b|\bcalorie (?:deficit|target|limit|budget) of\b",
    r"\b(?:eat|have|consume|limit yourself to) (?:only|no more than|less than|under|at most|just) \b",
    r"\bskip(?:ping)? (?:breakfast|lunch|dinner|meals?)\b|\b(?:fast|fasting) (?:for|until) \d+|\b\d+[:/]\d+ fasting\b|"
    r"\bintermittent fasting\b|\bwater fast\b",
    r"\b(?:breakfast|lunch|dinner|snack|day \d+)\s*[:\-–]\s*\w+",
    r"\bmeal plan\s*[:\-]|\bhere(?:'s| is) (?:a|your) (?:meal|diet|eating|weight[- ]loss) plan\b",
    r"\b(?:cut|reduce|drop) (?:your )?(?:carbs|calories|intake|portions) (?:to|by)\b",
    r"\d+\s*(?:大卡|千卡|卡路里|卡)|只吃|不吃(?:早饭|午饭|晚饭|早餐|午餐|晚餐|主食|晚上)|每天(?:摄入|吃)\s*\d+|"
    r"断食\s*\d+|"
    r"(?:早餐|午餐|晚餐|加餐)\s*[:：]|轻断食|(?:减肥|节食|饮食)(?:计划|食谱)\s*[:：]",
])

STIGMA = _c([
    r"\bcommit(?:ted|s|ting)? suicide\b|\b(?:successful|failed|unsuccessful|botched|"
    r"completed) (?:suicide )?attempts?\b",
    r"\bsuccessful(?:ly)? (?:killed|suicide)\b",
    r"\b(?:crazy|psycho|psychos|insane|lunatic|nutjob|nutcase|nuts|mental case|loony|schizo|maniac|retard\w*|"
    r"freak|deranged|unhinged|lunatics)\b",
    r"\b(?:selfish|cowardly|coward|attention[- ]seeking|attention seeker|weak)\b.{0,30}\b(?:suicide|self[- ]harm|"
    r"depression|depressed|mental)|\b(?:suicide|self[- ]harm)\b.{0,20}\b(?:is|are) (?:selfish|cowardly|weak)\b",
    r"\bsuicide epidemic\b|\bepidemic of suicide",
    r"自杀成功|自杀失败|自杀未遂者|疯子|神经病|精神病人|变态|矫情|想太多|懦弱|自私的行为|玻璃心|脑子有病|有病吧",
])

_INVITE = re.compile(r"keep talking|still here|here to listen|keep chatting|talk (?:more|for as long|as long as)|"
                     r"i'?m here|i am here|here with you|继续聊|继续说|接着聊|我一直在|我在这里|我在这儿|我在这里陪")
_SOFTWARE = re.compile(r"\bsoftware\b|\bprogram\b|\ban? (?:app|ai)\b|软件|软体|程序|程式|人工智能|ai")
_CANNOT_CALL = re.compile(r"(?:can'?t|cannot|can not|unable to|not able to|don'?t|do not|won'?t) (?:call|contact|phone|"
                          r"reach|alert|send)|(?:无法|不能|没法|没办法|不会)(?:打电话|联系|联络|拨打|呼叫|通知)")


def invitation_ok(low: str) -> bool:
    return bool(_INVITE.search(low))


def disclosure_ok(low: str) -> bool:
    return bool(_SOFTWARE.search(low) and _CANNOT_CALL.search(low))
