"""Detection patterns of the chat's safety layer (chat/safety.py), English and Chinese.

Detection data only: nothing here is ever shown to a person. The patterns read the normalised
views of chat/safety_text.py (lower case, leetspeak undone, spaced letters joined, stretched
letters shortened to one, simplified Chinese), so they are written in that form; ``2`` and ``u``
stand for "to" and "you" as people type, and a doubled letter may have become one (``al+``).
"""
from __future__ import annotations

import re


def _c(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


_SELF = r"(?:my ?self|my ?slef|myslef|meself|mysef|mself|myslf|my ?sel)"
_KILL = r"(?:kill|kil|kll|kiil|klil)"
_WANT_TO = (r"(?:wants? (?:to|2)|wanna|wana|wanta|wan2|want2|gonna|gunna|going to|going 2|need to|ready to|"
            r"plan(?:ning)? to|about to|trying to|try to|have to|intend to|decided to|will|'ll|should|might|hope to|"
            r"wish to|wish i could|would like to|i'd like to)")
_URGE = (r"(?:want|wanna|need|going|gonna|ready|planning|plan|about|decided|trying|try|have|intend|will|'ll|should|"
         r"might|hope|wish|urges?|feel like|tempted|thinking about|think about|can't stop thinking about)")
_SUBJ = (r"(?:he|she|they|friend|mate|bf|gf|boyfriend|girlfriend|partner|husband|wife|son|daughter|brother|sister|mum"
         r"|mom|dad|father|mother|kid|child|cousin|roommate|classmate|student|colleague|coworker|girl|guy|boy)")
_ZH_SUBJ = (r"(?:他|她|他们|她们|朋友|同学|室友|男朋友|女朋友|对象|老公|老婆|孩子|儿子|女儿"
            r"|哥哥|姐姐|弟弟|妹妹|妈妈|爸爸|妈|爸|同事|闺蜜|兄弟)")

# -- the writer's own intent or wish to die, or self-harm (crisis): on the ``own`` view -------------
SELF_INTENT = _c([
    rf"\b{_KILL}(?:ing|ed|in)? ?{_SELF}\b",
    r"\bk ?m ?s\b(?! ?(?:away|from|to|per|/|\d))",                          # "kms" (not kilometres)
    r"\b(?:end|ending|take|taking|took) (?:my|me) (?:own )?life\b",
    r"\bend(?:ing)? it al+\b",
    rf"\b{_WANT_TO} (?:just )?(?:end it|die|dye|be dead|not be alive|not exist|stop existing|not wake up|never wake up"
    r"|disappear forever|be gone forever|unalive|off myself|end myself|stop living|not be here anymore)\b"
    r"(?! (?:of|from) (?:embarrass|laugh|cring|bored|cute))",
    r"\b(?:thinking about|think about|thought about|thinking of|want to|wanna|going to|gonna|plan to|"
    r"ready to) (?:just )?"
    r"end(?:ing)? (?:it|everything|things|my life|it al+)\b(?! with| off| on a| early| there)",
    r"\b(?:i|im|i'm|i am|i feel|feeling|i've been|i have been|been) (?:so |really |very |kinda |kind of |pretty )?"
    r"(?:suicidal|sucidal|suicdal|suicidle|suisidal|suecidal)\b",
    r"\b(?:suicidal|sucidal|suisidal) (?:thoughts?|feelings?|urges?|ideation|again|tonight|lately)\b",
    r"\b(?:thinking|thought|thoughts|think|considering|consider|contemplating|planning|plan|going|want|wanting|wanna)"
    r" (?:about |of |on |to )?(?:committing |commit |attempting |attempt |doing )?"
    r"(?:suicide|sucide|suicde|suiside|suecide|suiciding|sewer ?slide|kermit sewer ?slide)\b",
    r"\b(?:commit|committing|attempt|attempting|going to do|do) (?:suicide|sucide|suicde|suiside|sewer ?slide)\b",
    r"\b(?:suicide|sucide|suicde|suiside) (?:is|has been|keeps|feels) (?:on my mind|the only|my only|the answer)",
    r"\bunaliv(?:e|ing) ?(?:my ?self|me)?\b",
    r"\bsewer ?slide\b|\btoaster bath\b|\bself[ -]?(?:delete|deleting|terminate|terminating)\b",
    r"\b(?:i|i'm|im|i am|i've|ive|been|keep|started|start) (?:been |still |kept |keep |started )?"
    r"(?:self[ -]?harm(?:ing)?\b|(?:cutting|burning|hurting|harming) ?(?:myself|again|lately|every ?day)\b)",
    rf"\b{_URGE} (?:to )?(?:hurt|harm|cut|burn|punish|injure|starve) {_SELF}\b",
    rf"\b(?:hurt|harm|cut|burned|burnt) {_SELF} (?:again|on purpose|deliberately|tonight|last night)\b",
    r"\bwish (?:i|id|i'd) (?:was|were|could) (?:just )?(?:dead|gone|die|disappear|vanish|stop existing)",
    r"\b(?:better off) (?:dead|without me)\b",
    r"\b(?:i should|i deserve to|i hope i|let me|i'm ready to|im ready to|i am ready to|i'd rather|id rather) "
    r"(?:just )?(?:die|be dead|not exist)\b(?! than| of| laughing| from (?:laugh|embarrass|cring))",
    r"\bwhat'?s the (?:point|use) (?:of|in) (?:living|going on|being alive|staying alive|carrying on|life)\b",
    r"\b(?:this is|these are|here are) my (?:last|final) (?:message|words|goodbye|post)\b|\bthis is goodbye\b",
    r"\bgoodbye (?:forever|world|everyone|cruel world)\b|\b(?:wrote|writing|written|write) (?:my|a) "
    r"(?:suicide|goodbye|farewell) (?:note|letter)\b|\bmy (?:suicide|goodbye) (?:note|letter)\b"
    r"|\b(?:wrote|writing|written) (?:goodbye )?letters to (?:my|everyone|all)",
    r"\b(?:i'm|im|i am) (?:going|gonna) (?:to )?do it (?:tonight|today|now|soon|this weekend)\b|"
    r"\bit ends (?:tonight|today)\b"
    r"|\b(?:i have|i've|ive|i got) a plan (?:to|for how|and i'?m going)\b|\bmade (?:up )?my (?:mind|decision)(?:\.|$)"
    r"|\bsoon (?:none of (?:this|it)|it|nothing) (?:will|won'?t) matter\b",
    r"\b(?:ctb|catch the bus (?:tonight|soon))\b",
    r"\b(?:want|wanna|going|gonna) (?:to )?rope\b|\broping tonight\b",
    r"\b(?:take|taking) (?:myself|me) out\b(?! (?:to|for|on))|\b(?:to|gonna|wanna|just|should|might|will|i'?ll"
    r"|could) off "
    r"myself\b|\boffing myself\b|^\W*off myself\b",
    r"\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting|collected) (?:up )?(?:all )?(?:my |the |"
    r"some )?"
    r"(?:meds|pills|tablets|medication|sleeping pills|painkillers)\b",
    r"\b(?:i|i've|ive) (?:just )?(?:took|taken|swallowed) (?:a bunch of|all (?:of )?my|too many|a lot of|loads of|"
    r"a whole bottle of|the whole bottle of|\d+) (?:pills|tablets|meds|sleeping pills|painkillers)\b",
    r"\b(?:gave|giving|give) away (?:all )?(?:of )?my (?:things|stuff|belongings|possessions|pets?)\b",
    r"\b(?:i'm|im|i am) (?:so )?(?:tired|sick) of (?:living|being alive|life|existing)\b",
    r"\b(?:hate|hating) (?:being alive|living|existing|my existence)\b|\bi want out\b"
    r"(?! of (?:this|the|my|our) (?!life|world|existence|pain|misery))",
    rf"\b{_WANT_TO} (?:just )?jump (?:off|from|in front of)\b|\b(?:planning|plan|planned|plan out) my (?:suicide|"
    r"death|exit)\b",
    r"\b(?:looking up|looked up|searching|searched|googling|googled|researching|researched|"
    r"reading about) (?:for )?(?:ways|how)"
    r" (?:to )?(?:end (?:it|things|my life)|die|kill myself|do it|overdose|od)\b",
    r"\b(?:i have|i've got|ive got|i got|i'm holding|im holding|bought|buying|got) (?:the|my|a|some) (?:pills|"
    r"tablets|rope|"
    r"gun|knife|blade|razor|charcoal|meds) (?:in front of me|right here|ready|with me|in my hand|next to me|today|now)",
    r"\bbought (?:a|some) (?:rope|gun|charcoal|noose)\b",
    r"\b(?:i'm|im|i am) (?:standing |sitting )?(?:on|at) (?:the|a) (?:bridge|ledge|edge|roof|rooftop|tracks|"
    r"cliff)\b.{0,20}"
    r"(?:right now|now|tonight|alone)|\bi cut (?:myself )?again\b|\b(?:cut|cutting) (?:deeper|more) (?:this time|"
    r"again)\b",
    r"\b(?:writing|wrote|written|sent|sending) (?:my )?(?:goodbye|farewell) (?:messages|letters|notes|texts)\b",
    r"\b(?:death|dying|suicide) (?:is|seems|feels|looks) like (?:the|my) only (?:way out|option|answer|choice)\b",
    # Chinese
    r"(?<![不没别])想(?:要)?死(?!你|您|他|她|咯|人了|我了|了你|掉你|大家|你们|(?:了)?(?:这|那)(?:个|部|首)|机)",
    r"活不下去|活不下来|活着(?:没|没有)(?:意思|意义|意义了|必要)|活够了|不如死了|死了算了|死了就好了|自杀了?算了"
    r"|(?<![不没])想(?:一)?死了之|一了百了|想结束(?:自己|这一切|生命)|结束(?:自己的)?生命|了结(?:自己|生命|残生)"
    r"|(?<![不没别])想(?:要)?(?:自杀|轻生|寻死|跳楼|跳河|跳桥|割腕|自残|离开这个世界|去死|消失在这个世界)"
    r"|(?<![不没别])(?:打算|准备|计划|决定|要去|想去|会去)(?:要)?(?:自杀|轻生|寻死|去死|结束|跳楼|离开这个世界)",
    r"(?:我|本人)[^，。！？,.!?]{0,5}(?:自残|自伤|割自己|伤害自己|割腕|划手|划自己)",
    r"(?<![不没别])(?:想|要|准备|打算)(?:要)?(?:从.{0,8})?跳(?:下去|下来|楼|河|江|桥|海)|(?:今晚|今天|现在|马上|"
    r"等下)我?就?要?跳下去",
    r"(?:打算|准备|决定|计划|要)[^，。！？]{0,4}(?:结束这一切|结束一切|结束生命|结束自己|自杀|去死|了结)|想(?:怎么|"
    r"如何|怎样)(?:死|自杀|结束)"
    r"|(?:我的|写好了?|写了|发了?)遗言",
    r"(?:准备|买|备|存)好了?(?:的)?(?:药|安眠药|绳子|炭|木炭)|想结束(?:一切|所有)|(?:天台|楼顶|桥上).{0,8}(?:再见|"
    r"永别|最后一次)",
    r"自杀(?:念头|的念头|的想法|冲动)|轻生(?:念头|的念头)|(?:我的|写好了?|写了)遗书|永别了|再见了这个世界|"
    r"这是我最后一条"
    r"|(?:我)?(?:该死|去死吧我)|我(?:真的|好|真)?想死",
    r"把(?:我的)?(?:东西|物品|宠物).{0,3}都?送(?:人|掉|给)|(?:再见了|永别了).{0,12}(?:谢谢|感谢)大家|谢谢大家这些年|"
    r"大家再见了"
    r"|(?:攒|存|囤|储)(?:了)?.{0,6}(?:安眠药|药片|药)",
])

# wordings that carry their own negation ("I don't want to live"): on the ``own_neg`` view
SELF_INTENT_NEG = _c([
    r"\b(?:don't|dont|do not|doesn't|no longer|not|never) (?:really )?(?:want|wanna|wish) (?:to |2 )?"
    r"(?:live|be alive|exist|be here|wake up|go on|carry on|keep going|keep living|be around)\b",
    r"\bno (?:reason|point|will) (?:to|in|of) (?:live|living|go on|going on|being alive|carry(?:ing)? on|stay alive|"
    r"keep going|stay)\b",
    r"\b(?:life|living|my life)(?: is| isn't| isnt| is not| feels| doesn't feel)? (?:not )?worth (?:living|"
    r"it anymore)\b",
    r"\bnot worth living\b|\bcan't (?:go on|keep living|live like this)\b",
    r"\b(?:easier|better) (?:for everyone )?if i (?:just )?(?:wasn't|weren't|was not|were not) (?:around|here|alive)\b",
    r"\bsleep (?:forever|and never wake up)|\b(?:go to sleep|fall asleep) and (?:not|never) wake up\b",
    r"\bwish (?:i|id|i'd) (?:could )?(?:just )?(?:never (?:been born|wake up|existed)|not (?:exist|wake up|be here|"
    r"be alive)"
    r"|wasn't (?:here|alive|born)|weren't (?:here|alive|born)|didn't exist|hadn't been born|had never been born)",
    r"\b(?:won't|wont|will not|not going to) be (?:a burden|here|around|alive|a problem|your problem)\b.{0,20}"
    r"(?:much longer|for long|soon|tomorrow|anymore|after tonight)",
    r"\b(?:won't|wont|will not) (?:be )?need(?:ing)? (?:them|it|these|any of (?:it|this)|anything|"
    r"my \w+) (?:anymore|soon|"
    r"much longer|where i'?m going)",
    r"不想活|活不下去|没法活|不想再活|不(?:想|要)(?:再)?\s?(?:live|做人)|不想醒来|不想再醒来|不想醒过来|再也不想醒|永远不要醒|不想存在|以后(?:也|"
    r"都)?用不上了",
])

# wordings that name the writer ("without me") though a clause starts with someone else ("they'd be
# better off without me"; "without" also opens a negation): on the ``all`` view
SELF_ABOUT_ME = _c([
    r"\b(?:better off|be better|be happier|happier|easier) (?:dead|without me|when i'?m gone|if i (?:was|were|wasn't|"
    r"weren't) (?:here|gone|dead|around|alive)|once i'?m gone|after i'?m gone)",
    r"\b(?:won't|wont|wouldn't|will not|nobody will|no one will|nobody would|no one would) (?:even )?(?:miss|notice|"
    r"care|"
    r"cry) (?:about )?(?:me|it) (?:when|if|after) i(?:'m (?:gone|dead)| died| die| was gone| disappeared|"
    r" killed myself)",
    r"没(?:有|了)我.{0,10}(?:会)?(?:过得)?(?:更好|更开心|更轻松|好过|开心|轻松)|我(?:死了|不在了|走了).{0,8}(?:大家|他们|"
    r"家人).{0,4}(?:更好|解脱|轻松)",
])

# an attempt just made ("last night", "an hour ago": the writer's own past that is an emergency now): every word
SELF_RECENT = _c([
    r"\b(?:i|i've|ive) (?:just |already )?(?:took|taken|swallowed|had) (?:a bunch of|all (?:of )?my|too many|a lot of|"
    r"loads of|a whole bottle of|the whole bottle of|\d+) (?:pills|tablets|meds|sleeping pills|painkillers|"
    r"paracetamol)",
    r"\b(?:i|i've|ive) (?:just )?(?:tried|attempted) to (?:kill myself|end my life|end it|"
    r"die)\b.{0,20}(?:last night|today|"
    r"yesterday|an hour ago|earlier|this morning|just now)",
    r"我.{0,4}(?:吞|吃)了(?:一瓶|一整瓶|整瓶|一堆|好多|很多|一把)(?:安眠)?药",
])

# someone else at risk (a friend, partner, family member, a child): the protocol for a helper.
# THIRD_PARTY on the ``third`` view; THIRD_PARTY_ALL (negations, an attempt just made) on every word
THIRD_PARTY = _c([
    rf"\b{_SUBJ}(?:'s|s)? (?:\w+ ){{0,4}}(?:wants?|wanted|wanna|is going|are going|'s going|going|plans?|planning|"
    r"talks? "
    r"about|talking about|keeps? (?:saying|talking about)|said|says|told me|texted|threaten\w*|is thinking about|"
    r"thinking about|tried|attempt\w*)(?: \w+){0,3} (?:to )?(?:die|kill (?:him|her|them)sel(?:f|ves)|end (?:his|her|"
    r"their)"
    r" (?:own )?life|suicide|end it|take (?:his|her|their) (?:own )?life|hurt (?:him|her|them)sel(?:f|ves)|unalive)",
    r"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|starving|unalive) (?:him|her|them)sel(?:f|ves)\b",
    r"\b(?:end|ending|take|taking) (?:his|her|their) (?:own )?life\b",
    rf"\b{_SUBJ}(?:'s|s)? (?:\w+ ){{0,3}}(?:is|are|'s|seems|sounds|been|has been|have been|might be|may be)"
    r" (?:really |very |so )?(?:suicidal|self[- ]?harming|cutting)\b",
    r"\b(?:goodbye|suicide) (?:note|letter|message|post)\b",
    rf"{_ZH_SUBJ}[^。！？!?]{{0,8}}(?:想死|不想活|要自杀|想自杀|自杀|轻生|自残|割腕|结束生命|跳楼|活不下去|遗书|遗言)",
])
THIRD_PARTY_ALL = _c([
    rf"\b{_SUBJ}(?:'s|s)? (?:\w+ ){{0,3}}(?:doesn't|does not|don't|do not|didn't) (?:want|wanna) (?:to )?(?:live|be "
    r"alive|be here|exist|wake up|go on)\b",
    r"\b(?:he|she|they) (?:just |has |have |had )?(?:took|taken|swallowed|overdosed)\b.{0,25}(?:pills|tablets|meds|"
    r"bottle|overdose|sleeping)",
    rf"{_ZH_SUBJ}[^。！？!?]{{0,10}}(?:不想活|活不下去|活着没意思|活着没意义|(?:割|划)了?.{{0,6}}(?:伤口|手腕|自己)|"
    r"手腕上割"
    r"|吃了(?:很多|一瓶|一堆)药)",
])
# inside words about someone else (explain/scope.py's other_person parts): any risk wording
THIRD_PARTY_BARE = _c([r"\bsuicidal\b|\bsuicide\b|\bself[ -]?harm",
                       r"想死|不想活|自杀|轻生|自残|割腕|结束生命|活不下去"])

# the writer's own past (not a crisis by itself, but it counts towards the running risk)
PAST = _c([r"\b(?:suicid\w*|kill\w* myself|self[ -]?harm\w*|cut\w* myself|attempt\w*|overdos\w*|want\w* to die)\b",
           r"自杀|自残|割腕|想死|轻生|不想活"])
