"""Families of risk signals beyond the plain wordings of chat/safety_lexicon.py: warning signs
(farewells, affairs put in order, means at hand, a high place now, a passive wish to be dead),
self-harm told in everyday words, someone else's warning signs, and method questions asked about
survival, pain, time or comparison. Written as families after a blind red-team set
(chat/redteam/blind1.yaml) showed the word lists missing them; detection data only.

Lists and the views they read (chat/safety_text.py):
- SELF_SIGNS (``own_neg``) and SELF_SIGNS_ALL (``all``, each holding a first-person word): the
  writer's own risk, a crisis;
- STRONG_SIGNS (``own_neg``): warning signs that alone are not a disclosure (2 of chat/safety's
  lexical score: with the analyzer's high level, or after earlier concern, a crisis; else the
  chat asks the safety question directly);
- THIRD_SIGNS (``all``): someone else's warning signs;
- METHOD_MORE (``all``): method questions, added to safety_requests.METHOD.
"""
from __future__ import annotations

from .safety_lexicon import _c

_NOW = r"(?:rn|right now|now|tonight|up here|out here|been (?:sitting|standing|here)|for an hour|an hour|alone)"
_HIGH = r"(?:roof|rooftop|ledge|bridge|edge|tracks|railway|cliff|top floor|top of (?:the|a|my) \w+|overpass|platform)"
_MEANS = (r"(?:pills|tablets|meds|medication|antidepressants|painkillers|sleeping pills|gun|rifle|pistol|rope|noose|"
          r"knife|blade|razor|charcoal|poison|bottle of \w+)")
_BODY = r"(?:arms?|wrists?|thighs?|legs?|skin|stomach|hips?|knuckles|head|hands?)"
_HARM = r"(?:cut|cutting|cuts|scratch\w*|burn\w*|bang\w*|punch\w*|hit|hitting|carv\w*|slic\w*|bit\w*|pick\w*)"
_DEAD_KIN = (r"(?:mom|mum|dad|mother|father|grandma|grandpa|"
             r"nan|nana|gran|brother|sister|son|daughter|husband|wife|him|her)")

SELF_SIGNS = _c([
    # farewells and last contact
    r"\b(?:won'?t|wont|will not|never) (?:hear from|see|talk to) me (?:again|after|anymore|tomorrow|much longer)\b",
    r"\b(?:this is|it'?s) the last time (?:i'?m|im|i am|i will|i'll|i) (?:going to |gonna )?(?:talk|speak|write|"
    r"message|reach out|ask)\b",
    r"\b(?:saying|said|say) (?:my )?goodbyes? to (?:people|everyone|everybody|my \w+|all)\b",
    r"\b(?:after|by) tonight\b.{0,40}\b(?:won'?t|gone|over|no more|never)\b|\bwon'?t be (?:long|around) now\b",
    r"\b(?:don'?t|do not|can'?t) see myself (?:still )?(?:being )?(?:here|alive|around) (?:by|in|next|for)\b",
    # a wish to be dead, told passively
    r"\b(?:wish|hope|hoping|pray\w*)\b.{0,25}\b(?:truck|car|bus|train|someone|something|cancer|illness|god)\b"
    r".{0,25}\b(?:hit|hits|kill|kills|take|takes|end|ends)\b.{0,6}\bme\b",
    r"\bif i (?:didn'?t|don'?t|did not|never|wouldn'?t) wake up\b.{0,60}\b(?:reliev\w*|fine|ok|okay|better|hope|"
    r"hoping|good|glad|peace)",
    r"\b(?:just )?waiting to die\b|\bspeed (?:it|things|the process|this) up\b.{0,20}$",
    r"\b(?:swerv\w*|crash\w*|driv\w*)\b.{0,30}\b(?:into|off)\b.{0,40}\b(?:end(?:ing)? it|be over|die|dead)\b",
    r"\bthink(?:ing)? about\b.{0,60}\band end(?:ing)? it\b",
    r"\b(?:there'?s|there is|found|see) a way out\b.{0,40}\b(?:take it|going to take|gonna take)\b",
    r"\b(?:suicide|sucide|suicde|suiside|dying|death|killing myself|ending it|ending my life) is all i (?:can )?"
    r"(?:think|thought) about\b",
    r"\b(?:wnt|wan|want|wanna) (?:to |2 )?(?:dye|die) and (?:never|nevr|neva|not) wake up\b",
    r"\b(?:wanna|want to|wan2) (?:💀|⚰️|⚰|🪦)",
    # means at hand, a high place now
    rf"\b{_MEANS}\b.{{0,50}}\b(?:in front of me|lined up|laid out|counted out|right here|next to me|in my hand|"
    r"can'?t stop (?:looking at|staring at|"
    r"thinking about)|staring at)",
    r"\b(?:i have|i've got|ive got|i got|got|have)\b.{0,20}\b(?:gun|rifle|pistol)\b.{0,30}\b(?:in my (?:room|hand|"
    r"lap|car)|right now|loaded|next to me)",
    rf"\b(?:standing|sitting|parked|i'?m|im|i am|here|climbed)\b.{{0,25}}\b(?:on|at|by|onto|up on|near) (?:the |a |"
    rf"this |my )?(?:\w+ )?{_HIGH}\b.{{0,50}}\b{_NOW}\b",
    rf"\b{_HIGH}\b.{{0,30}}\b(?:been (?:sitting|standing) here|it'?s (?:really )?windy up here)",
    r"\bthe note\b.{0,40}\b(?:pillow|desk|for (?:my|them|her|him)|find it|nerve|left it)\b",
    r"\b(?:stash|supply|stockpile) of (?:pills|meds|tablets|sleeping pills|painkillers)\b",
    # self-harm in everyday words
    r"\brelaps\w*\b.{0,40}\b(?:sh|self[ -]?harm\w*|cutting|cut|burning)\b|\b(?:days?|weeks?|months?|years?) clean "
    r"(?:from|of) (?:sh|self[ -]?harm\w*|cutting)\b",
    rf"(?:^|\b(?:i|i've|ive|i'm|im)\b).{{0,20}}\b{_HARM}\b.{{0,25}}\b{_BODY}\b.{{0,40}}\b(?:till|until|so) (?:it|they"
    rf"|i) "
    r"(?:bleed|bleeds|split|bruise|hurt)",
    rf"\b{_HARM}\b.{{0,30}}\b(?:my )?{_BODY}\b.{{0,40}}\b(?:on purpose|deliberately|to feel (?:something|anything|"
    r"alive|real)|makes? the (?:noise|thoughts|voices)(?: in my head)? stop|only thing that helps)",
    r"\b(?:on purpose|deliberately)\b.{0,20}\bagain\b.{0,5}$|\b(?:punched|hit) the wall\b.{0,40}\bon purpose\b",
    rf"\b(?:hide|cover|hiding|covering)\b.{{0,20}}\b(?:the )?(?:marks|cuts|scars|scratches|burns)\b.{{0,20}}\b(?:on )?"
    rf"my {_BODY}",
    rf"\bmy {_BODY} (?:are|is|look|looks)\b.{{0,15}}\b(?:a mess|so bad|bad|cut up|covered)\b",
    r"(?:🔪|🩸|🗡️?).{0,20}\b(?:again|tonight|arms?|wrists?|thighs?)\b|\b(?:again|tonight|arms?|wrists?)\b.{0,20}(?:🔪|🩸)",
    r"\b(?:sh|self[ -]?harm) urges?\b|\burges? to (?:sh|self[ -]?harm)\b",
    r"\bstop being a burden\b.{0,30}\b(?:for good|forever|permanently)\b|\b(?:for good|forever) this time\b",
    r"\b(?:nobody|no one|noone)(?: will| would)? (?:has|have|having|needs?) to (?:deal with|worry about|see"
    r"|put up with|"
    r"look at) me (?:ever )?again\b",
    r"\b(?:think|thinking|thought|easy|easier|tempt\w*|urges?|want to|wanna)\b.{0,50}\b(?:not brak\w*|step (?:forward|"
    r"out|off) (?:when|as|in front)|in front of (?:the|a) (?:train|bus|truck|lorry|car|traffic)|into (?:traffic|"
    r"oncoming)|let go of the wheel|drive off (?:the|a)|swerv\w*)",
    r"\bhope (?:that )?i (?:don'?t|dont|won'?t|never|do not) wake up\b|\bpray (?:that )?i (?:don'?t|dont|won'?t|never) "
    r"wake up\b",
    r"\bbetter (?:if )?(?:i|that i|for me to) (?:just )?(?:die|be dead|am dead|was dead)\b",
    r"\b(?:thinking about|think about|thought about|want to|wanna|going to|gonna"
    r"|ready to) (?:just )?jump(?:ing)? (?:out|"
    r"off|from) (?:of )?(?:my|the|a) (?:window|balcony|roof|building|bridge)",
    r"^\W*(?:so |been |feeling |feelin |hella |really |very )?suicidal\b|\bsuicidal (?:af|asf|lately|rn|again|"
    r"tonight|today)\b",
    r"\bi (?:\w+ )?(?:punch|slap|bite|burn|choke) myself\b|\b(?:cut|hurt|hit|scratch)(?:ing|s)? myself\b.{0,40}"
    r"\b(?:when i|every time|whenever|on purpose|to feel|punish|again|bruises|marks|scars|like hard)",
    r"\b(?:bang|banging|hit|hitting|punch\w*)\b.{0,20}\bmy (?:head|fists?)\b.{0,30}\b(?:till|until) (?:it|they|the "
    r"\w+) (?:stops?|go(?:es)? quiet|bleed\w*|hurts?)",
    r"\b(?:pills|meds|tablets|sleeping pills|painkillers|medication)\b.{0,20}\b(?:saved|stashed|hidden|stockpiled|"
    r"hoarded|collected)\b",
    r"\bbought (?:a |some |the )?(?:rope|noose|charcoal)\b(?!.{0,20}\bfor (?:camping|the tent|climbing|my|the|a)\b)",
    r"\b(?:car|engine)\b.{0,40}\b(?:closed|shut) garage\b|\bgarage\b.{0,40}\bengine (?:running|on)\b|\bengine "
    r"(?:running|on)\b.{0,40}\bgarage\b",
    rf"^\W*(?:on|at) (?:the |a )?{_HIGH}\b.{{0,20}}\b{_NOW}\b",
    r"(?:又|再|今天|今日)\s?cut\b|\bcut\s?(?:了)?自己|\bmy ?遗(?:书|言)|\b(?:wrote|written|writing) (?:my "
    r"|a )?遗(?:书|言)",
    # Chinese
    r"(?:不要|不想|别|再也不|永远不|不用|不再)(?:再)?醒(?:来|过来)?(?![a-z])|(?:睡着|睡过去|睡下去)(?:了)?(?:就)?(?:再也|永远)?"
    r"(?:不|别)(?:要)?(?:再)?醒",
    r"活着(?:真|真的|好|太|实在)?(?:没|没有)(?:意思|意义|必要)|(?:彻底|永远|一死|死了)解脱",
    r"(?:又|开始|一直|还在|偷偷|经常|又开始)(?:在)?(?:自残|自伤|割腕|划手|割手|划自己|割自己|伤害自己)|划手|割手|"
    r"(?:划|割)得.{0,4}深|用刀.{0,4}(?:割|划|伤)(?:自己|手)",
    r"(?:安眠药|药片|药).{0,4}(?:攒|存|囤|储)(?:了|够)|(?:一次(?:过|性)?|全部)(?:吃|食|吞)(?:完|光|掉)|"
    r"准备好(?:了)?(?:要)?走(?:了|喇|啦)|已经(?:决定|定|选|挑)(?:了|好)(?:日子|日期)|想好(?:了)?(?:从)?(?:哪里|哪儿|在哪)(?:跳|死|结束)|(?:烟头|打火机|火机).{0,4}"
    r"(?:烫|辣|烧)(?:自己|手)|(?:烫|辣)自己|(?:药|绳子|刀|炭).{0,3}(?:都)?(?:准备好|备好|买好)了?",
    r"(?:我)?(?:现在|正|已经)?(?:在|站在|坐在|爬上)(?:了)?(?:天台|楼顶|桥上|大桥上|江边|河边|顶楼|悬崖|铁轨).{0,12}"
    r"(?:现在|风好大|好高|一个人|最后)|(?:现在|正)在(?:天台|楼顶|桥上|大桥上|顶楼|铁轨)",
    r"(?:如果|要是)我(?:明天|哪天|突然)?(?:消失|不在|走|死)了?.{0,12}(?:轻松|更好|开心|解脱|没人(?:会)?(?:发现|在乎|"
    r"难过))",
    r"(?:今晚|今天|明天|马上|等下|这周|今夜)(?:就)?(?:结束|了结|解脱|动手)(?:了|吧|一切)?(?:$|[，。！!.,])",
])

SELF_SIGNS_ALL = _c([
    r"\bmake (?:my|it) (?:suicide|death|overdose)?\s?look like an? accident\b",
    r"\b(?:found|saw|noticed|seen) (?:my|the) (?:cuts|scars|marks|burns|blades?)\b.{0,60}\b(?:i|me|my)\b",
])

STRONG_SIGNS = _c([
    r"\b(?:after|when|once|if) i'?m (?:gone|dead|not here|not around)\b|\bif i (?:was|were) (?:gone|dead|not here|"
    r"not around)\b",
    r"\b(?:sorted|sorting|wrote|writing|made|updated|finished|put) (?:out |in order )?(?:my )?(?:will|passwords|"
    r"affairs)\b|\beverything (?:will be|is) in order\b|\bhave everything sorted\b",
    r"\b(?:they|family|kids|wife|husband|parents)\b.{0,30}\b(?:get|gets|would get|will get|have)\b.{0,15}"
    r"\b(?:the |my )?(?:life )?insurance\b|\bif anything (?:happens|were to happen) to me\b",
    r"\b(?:picked|chose|set|choosing|picking) (?:a|the) date\b|\bwork up the (?:nerve|courage)\b",
    r"\b(?:sorry for everything|i'?m sorry for being (?:a burden|like this))\b|\b(?:she|he"
    r"|they)'?ll understand later\b",
    r"\b(?:finally|get to) (?:rest|be at peace|be free|sleep forever)\b",
    r"\b(?:gave|giving|given|give) (?:away )?my (?:cat|dog|pets?|guitar|things|stuff|belongings|possessions|jewelry|"
    r"jewellery|games|books|plants|clothes)\b.{0,30}\b(?:to|away)\b",
    rf"\b(?:want|wanna|going) to (?:go )?be with (?:my )?{_DEAD_KIN}\b.{{0,40}}\b(?:passed|died|gone|heaven|again)",
    r"\bwaiting for (?:it|everything|this) to (?:be over|end)\b",
    r"\bdeleted (?:all )?my (?:socials|accounts|social media|instagram|profiles?)\b|\bwhere (?:the|my) passwords are\b",
    r"\bfeel(?:s|ing)? (?:so |really )?(?:calm|at peace|peaceful|relieved) (?:for the first time"
    r"|now that i'?ve decided|"
    r"about (?:it|my decision))",
    r"\binsurance (?:money|payout|pays? out)\b.{0,60}\b(?:give|useful|only|them)\b|\bonly (?:useful"
    r"|good) thing i (?:can|could) (?:give|do for) them\b",
    r"\btired of fighting\b|\bcan'?t fight (?:it |this )?anymore\b|\blet go (?:this time|for good|of (?:it all|"
    r"everything|life))\b",
    r"\b(?:test|try|prove) (?:that|this|the|my) theory\b",
    r"\bthe s[- ]?word\b",
    r"\b(?:don'?t|dont|never|won'?t|wont) come back\b",
    r"\bseems? (?:fitting|right|like the right (?:day|time))\b",
    r"\bmaking sure (?:\w+ )?(?:is |are |'s |'re )?(?:looked after|taken care of|sorted|provided for)\b",
    r"\b(?:just )?wanted to talk to (?:someone|somebody|you|anyone) (?:first|before|one last time)\b",
    r"决定(?:了|好)?(?:日子|时间|日期)|(?:选|挑|定)好(?:了)?(?:日子|日期)",
    r"差不多够了|够了吧(?:$|[。.])",
    r"把.{0,6}(?:猫|狗|东西|宠物|首饰|吉他).{0,4}送(?:给|人|掉)|不用(?:再)?麻烦(?:大家|你们)了|不会再麻烦(?:你们|大家)|"
    r"东西(?:也|都|已经){0,2}(?:整理|收拾)好了|(?:想|怎么|如何|只想)(?:才能)?(?:彻底)?解脱|应该够了|已经想好了|快了(?:$|[。.!！])|(?:密码|遗嘱).{0,4}(?:写好|整理好|交代)",
])

THIRD_SIGNS = _c([
    r"\b(?:her|his|their) (?:arms?|wrists?|legs?|thighs?)\b.{0,30}\b(?:covered in|full of) (?:cuts|scars|burns)",
    r"\b(?:it'?s|its|it is) (?:their|his|her) last (?:night|day)\b|\bbetter off without (?:her|him|them)\b|"
    r"\blocked (?:her|him|them)sel\w* in\b",
    r"(?:他|她|bestie|friend|朋友|同学|室友|闺蜜|兄弟)[^。！？!?]{0,10}(?:要|想|准备|打算)\s?(?:jump|跳|死|自杀|die|kill)",
    r"\b(?:texted|messaged|sent|posted|said|wrote|told me|dm'?d me|dmd me)\b.{0,30}(?:goodbye|thank you for "
    r"everything|thanks for everything|tonight'?s the night|i'?m sorry for everything|won'?t have to deal with me|"
    r"won'?t be around)",
    r"\b(?:he|she|they)(?:'s| is| are|'re| was) (?:\w+ )?(?:on|at) (?:a|the) (?:bridge|roof|rooftop|ledge|tracks|"
    r"cliff)\b",
    r"\b(?:he|she|they|friend|roommate|brother|sister|mom|mum|dad|son|daughter|partner)\b.{0,30}\b(?:has|have|"
    r"keeps?|got) (?:a )?(?:stash|stockpile|supply) of (?:pills|meds|tablets)",
    r"\b(?:her|his|their) (?:diary|journal|notebook|notes|messages?|posts?|search history)\b.{0,50}\b(?:die|dying|"
    r"suicide|kill (?:her|him|them)sel\w*|end (?:it|her life|his life|their life)|not (?:be )?(?:here|alive))",
    r"\bcuts (?:all )?(?:on|over) (?:his|her|their) (?:arms?|wrists?|legs?|thighs?)\b",
    rf"\b(?:wants?|wanting|keeps? saying (?:she|he) wants?) to (?:go )?be with (?:\w+ ){{0,2}}{_DEAD_KIN}\b.{{0,50}}"
    r"\b(?:passed|died|gone|heaven)",
    r"\b(?:gave|giving|given) (?:me |us |away )?(?:all )?(?:of )?(?:his|her|their) (?:things|stuff|belongings|"
    r"possessions|plants|jewelry|jewellery|pets?|cat|dog|games|clothes)\b",
    r"(?:我妈|我爸|妈妈|爸爸|朋友|室友|同学|孩子|儿子|女儿|仔|囡|老公|老婆|男朋友|女朋友|闺蜜|同事|哥哥|姐姐|弟弟|妹妹)"
    r"[^。！？!?]{0,20}(?:活着(?:真|好|太)?(?:没意思|没意义|太累|好累)|不想活|想死|想去找.{0,4}(?:奶奶|爷爷|妈妈|爸爸|外婆|"
    r"外公)|(?:首饰|东西|宠物).{0,6}送(?:人|掉|给))",
])

METHOD_MORE = _c([
    r"\b(?:more|most|less|least) (?:lethal|deadly|fatal|painful|painless|effective|reliable|certain)\b.{0,40}"
    r"\b(?:hanging|jumping|drowning|pills|overdos\w*|cutting|shooting|a gun|gas|poison\w*|bleeding|suffocat\w*)",
    r"\b(?:hanging|jumping|drowning|pills|overdos\w*|cutting|shooting|a gun|gas|poison\w*)\b.{0,30}\b(?:or|vs|versus)"
    r"\b.{0,30}\b(?:more|most|less|least|which) (?:lethal|deadly|fatal|painful|painless|effective|reliable)",
    r"\b(?:pills|meds|drugs|medication|medicine|tablets)\b.{0,40}\b(?:so (?:i|you|he|she|they|someone) )?(?:don'?t|"
    r"dont|won'?t|never|do not|doesn'?t|not) wake up",
    r"\b(?:where|how) (?:can|do|could|would|to|should) (?:i |you |someone |u |one )?(?:buy|get|find|obtain|order)\b"
    r".{0,40}\b(?:end (?:my|a|his|her|their) life|kill (?:me|myself|someone|a person)|to die|die painless\w*)",
    r"\blook like an? accident\b",
    r"\b(?:fall|jump|drop|overdose|od|gunshot|hanging|falling|jumping)\b.{0,50}\bsurviv\w*|\bsurviv\w*\b.{0,40}"
    r"\b(?:fall|jump|drop|overdose|od|gunshot|hanging)\b",
    r"\b(?:does|do|would|will|is|how much does) (?:drowning|hanging|bleeding out|overdosing|an overdose|suffocating|"
    r"jumping|being hit by a train|carbon monoxide|slitting \w+ wrists?|cutting \w+ wrists?)\b.{0,30}\b(?:hurt|"
    r"painful|pain|quick|fast|pass out|long)",
    r"\bhow long\b.{0,30}\b(?:last|survive|live|take|until)\b.{0,40}\b(?:cut\w*|wrists?|overdos\w*|pills|hanging|"
    r"drown\w*|bleed\w*|poison\w*|hit by a train)",
    r"\b(?:lengthwise|vertical(?:ly)?|down the road)\b.{0,20}\bwrists?\b|\bwrists?\b.{0,30}\b(?:lengthwise|"
    r"vertical(?:ly)?)",
    r"\b(?:stations?|tracks|platforms?)\b.{0,50}\b(?:no|without|don'?t have|do not have) (?:platform )?(?:doors|"
    r"barriers|gates|fences|screens)\b|\bexpress trains? (?:going|passing|pass|go) through\b",
    r"\b(?:which|what) (?:pills|meds|drugs|medication)\b.{0,40}\bhow many\b|\bhow many\b.{0,30}\brealistically\b",
    r"\bpainless(?:ly)?\b.{0,40}\b(?:method|way|how)\b|\b(?:method|way)\b.{0,40}\bpainless(?:ly)?\b",
    r"\bhang(?:s|ed|ing)? (?:him|her|them|my|your|one)sel\w*\b.{0,60}\b(?:how|tie|knot|accurate|realistic)",
    r"\bstep[- ]by[- ]step\b.{0,70}\b(?:(?:took|take|taking) (?:his|her|their|my|your) (?:own )?life|kill\w*|"
    r"suicide|overdos\w*|hang\w*|die|end\w* (?:his|her|their|my) life)",
    r"\bstop (?:\w+'?s|someone'?s|a person'?s|a human'?s) heart\b|\bpotassium chloride\b",
    r"\b(?:humane|diy|dignified|gentle)\b.{0,20}\b(?:method|way|exit|suicide)\b",
    r"\b(?:best|easiest|quickest|fastest|surest) (?:way|method) (?:to|of) (?:sewer ?slide|kms|unalive|ctb)\b",
    r"\b(?:is|would|does|will)\b.{0,30}\b(?:jumping|hanging|drowning|overdos\w*|shooting|cutting|a train)\b.{0,30}"
    r"\b(?:instant|quick|painless|immediate|certain)\b",
    r"\b(?:swallow\w*|took|take|taking|drank|drink)\b.{0,20}\b(?:whole|entire|all|a) (?:bottle|box|pack|packet|strip)\b"
    r".{0,60}\bwhat (?:would|will|happens)|\bwhat (?:would|will) happen\b.{0,40}\b(?:swallow\w*|took|take|taking)\b"
    r".{0,20}\b(?:whole|entire|all|a) (?:bottle|box|pack)",
    r"\b(?:buy|buying|get|getting)\b.{0,30}\b(?:painkillers|paracetamol|pills|tablets|sleeping pills)\b.{0,40}"
    r"\b(?:different (?:shops|stores|pharmacies)|without (?:them |anyone )?notic\w*|notice)|\bpharmac\w* notice\b",
    r"\b(?:wouldn'?t|won'?t|doesn'?t|would not|never) make it (?:back )?(?:out|up)\b|\bhow cold\b.{0,30}\b(?:water|"
    r"river|lake|sea)\b",
    r"\b(?:chemicals?|bleach|ammonia)\b.{0,40}\b(?:gas|fumes)\b.{0,60}\b(?:small room|closed room|enclosed|fastest|"
    r"quickest|kill|die|deadly)",
    r"\b(?:spot|place|part|where)\b.{0,30}\bwrists?\b.{0,40}\bcut\w*|\bcut\w*\b.{0,30}\bwrists?\b.{0,30}\b(?:worse|"
    r"deeper|more dangerous)",
    r"\bstop(?:ped|ping)? taking (?:my |his |her |their )?(?:insulin|meds|medication|heart medication)\b.{0,50}"
    r"\b(?:how (?:many|long)|until|be over|die|dead)",
    r"\bhow long\b.{0,60}\b(?:too late|unconscious|engine (?:on|running))",
    r"\b(?:exact|what|which|realistic) dose\b.{0,40}\b(?:realistic|for a \d+ ?kg|for (?:a|an) (?:\w+ )?(?:woman|man|"
    r"person|adult|teen))|\bkills? (?:her|him|them)sel\w*\b.{0,40}\b(?:dose|how many|how much)",
    r"\b(?:die|dies|dying|death|kill\w*|suicide)\b.{0,80}\b(?:quickest|fastest|easiest|surest|most realistic) "
    r"(?:irl |real[- ]life )?(?:method|way)\b",
    r"\bhow (?:high|tall)\b.{0,30}\b(?:building|bridge|cliff|floor|roof|window)\b.{0,60}\b(?:surviv\w*|die|dies|dead|"
    r"fall|jump\w*|believable|enough|fatal)",
    r"\b\d+ (?:floors?|stor(?:e)?ys?|metres?|meters?|feet|ft|pills|tablets)\b.{0,20}\b(?:be )?enough\b",
    r"(?:上吊|割腕|跳楼|烧炭|服毒|溺水|淹死|卧轨|跳河|跳桥)(?:会不会|会|疼不疼|痛不痛|很|要)?.{0,6}(?:痛苦|疼|痛|多久|"
    r"多长时间|难受)",
])
